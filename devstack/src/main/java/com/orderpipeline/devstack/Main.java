package com.orderpipeline.devstack;

import java.nio.file.Path;

/**
 * The entry point of devstack.jar. It points the log file into the data directory before anything logs,
 * so logs never write over the status line, then hands over to the command line.
 */
public final class Main {
    static final String LOG_FILE_PROPERTY = "devstack.log.file";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty(LOG_FILE_PROPERTY) == null) {
            System.setProperty(LOG_FILE_PROPERTY, dataDir(args).resolve("devstack.log").toAbsolutePath().toString());
        }
        DevStack.main(args);
    }

    /** The value of {@code --data-dir} (either spelling), read ahead of the real parsing. */
    static Path dataDir(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--data-dir=")) {
                return Path.of(args[i].substring("--data-dir=".length()));
            }
        }
        return Path.of(DevStack.DEFAULT_DATA_DIR);
    }
}
