package org.chunkbench.results;

/**
 * A results file that is not what it should be: not JSON, not JMH's JSON, a folder without {@code jmh.json}. The
 * message is one line that names the file. The command line maps it to its usage status; this package knows
 * nothing of exit statuses.
 */
public final class ResultsException extends RuntimeException {
    public ResultsException(String message) {
        super(message);
    }
}
