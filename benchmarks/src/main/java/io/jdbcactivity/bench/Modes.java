package io.jdbcactivity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ways a benchmark connects: {@code raw} is the target driver alone; the others go through
 * jdbc-activity with a given sink. Benchmarks use only URLs and Properties, like an application.
 */
final class Modes {
    private Modes() {
    }

    /** The URL for {@code mode} in front of {@code targetUrl} ({@code jdbc:...}). */
    static String url(String mode, String targetUrl) {
        return mode.equals("raw") ? targetUrl : "jdbc:activity:" + targetUrl.substring("jdbc:".length());
    }

    /** Connection properties for {@code mode}; {@code jsonlFile} is used by {@code activity-jsonl}. */
    static Properties properties(String mode, Path jsonlFile) {
        Properties p = new Properties();
        switch (mode) {
            case "raw" -> { }
            case "activity-none" -> p.setProperty("activity.sink", "none");
            case "activity-jsonl" -> {
                p.setProperty("activity.sink", "jsonl");
                p.setProperty("activity.jsonl.path", jsonlFile.toString());
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        return p;
    }

    static Path tempJsonl() {
        try {
            return Files.createTempFile("bench-activity-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
