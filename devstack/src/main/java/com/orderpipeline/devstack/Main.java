package com.orderpipeline.devstack;

import java.nio.file.Path;

/**
 * The entry point of devstack.jar. It points the log file into the data directory (for {@code bench}, beside its
 * report) before anything logs, so logs never write over the status line, then hands over to the command line.
 */
public final class Main {
    static final String LOG_FILE_PROPERTY = "devstack.log.file";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty(LOG_FILE_PROPERTY) == null) {
            System.setProperty(LOG_FILE_PROPERTY, logFile(args).toAbsolutePath().toString());
        }
        DevStack.main(args);
    }

    static Path logFile(String[] args) {
        if (args.length > 0 && args[0].equals("bench")) {
            return Path.of(option(args, "--report-dir", ".")).resolve("bench.log");
        }
        return dataDir(args).resolve("devstack.log");
    }

    /** The value of {@code --data-dir} (either spelling), read ahead of the real parsing. */
    static Path dataDir(String[] args) {
        return Path.of(option(args, "--data-dir", DevStack.DEFAULT_DATA_DIR));
    }

    private static String option(String[] args, String name, String otherwise) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return otherwise;
    }
}
