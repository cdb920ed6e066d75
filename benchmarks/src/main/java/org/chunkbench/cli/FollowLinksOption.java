package org.chunkbench.cli;

import picocli.CommandLine.Option;

/** Mixed into the commands that read results folders: the user's opt-in to links that leave a folder. */
public final class FollowLinksOption {
    @Option(names = "--follow-links",
            description = "Read a results folder's jmh.json, env.json and openssl-speed.tsv even when they are symbolic links "
                    + "to files outside it (refused by default: a shared folder could point them at your own files).")
    boolean followLinks;
}
