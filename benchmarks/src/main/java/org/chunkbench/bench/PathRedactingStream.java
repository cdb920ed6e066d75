package org.chunkbench.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * jmh.log as JMH writes it, except that the results folder's absolute path reads as the folder's own name: JMH prints
 * where it saved the JSON ("Benchmark result is saved to /home/.../results/X/jmh.json"), and a published folder
 * should not tell where it was written on the machine that ran (as env.json's recorded command does not). Works
 * line by line, so that a path split across two writes is still found.
 */
final class PathRedactingStream extends OutputStream {
    private final OutputStream out;
    private final String path;
    private final String name;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    PathRedactingStream(OutputStream out, String path, String name) {
        this.out = out;
        this.path = path;
        this.name = name;
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            drain();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            out.close();
        }
    }

    private void drain() throws IOException {
        if (line.size() > 0) {
            String s = line.toString(StandardCharsets.UTF_8);
            out.write((path.isEmpty() ? s : s.replace(path, name)).getBytes(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
