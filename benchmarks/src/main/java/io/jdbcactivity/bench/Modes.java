package io.jdbcactivity.bench;

import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.publish.PublisherStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ways a benchmark connects, selected by the {@code mode} parameter:
 * <ul>
 *   <li>{@code raw}: the target URL, target driver alone;</li>
 *   <li>{@code activity-none}: {@code jdbc:activity:} + target, {@code activity.sink=none}
 *       (captured, published nowhere: the application-thread cost);</li>
 *   <li>{@code activity-jsonl}: {@code activity.sink=jsonl} writing to a temp file;</li>
 *   <li>{@code activity-kinesis}: the Kinesis sink live against kinesis-mock, started for the trial.</li>
 * </ul>
 * Benchmarks connect through URLs and Properties only, like an application. At the end of a trial
 * the publisher's counters are printed, so a run shows what was delivered and what was dropped.
 */
final class Modes implements AutoCloseable {
    static final String RAW = "raw";
    static final String ACTIVITY_NONE = "activity-none";
    static final String ACTIVITY_JSONL = "activity-jsonl";
    static final String ACTIVITY_KINESIS = "activity-kinesis";

    private final String mode;
    private final Properties properties = new Properties();
    private Path jsonl;
    private KinesisMock kinesis;

    private Modes(String mode) {
        this.mode = mode;
    }

    /** Prepares what {@code mode} needs (a temp file, the emulator and its stream). */
    static Modes open(String mode) throws IOException {
        Modes m = new Modes(mode);
        switch (mode) {
            case RAW -> { }
            case ACTIVITY_NONE -> m.properties.setProperty("activity.sink", "none");
            case ACTIVITY_JSONL -> {
                m.jsonl = Files.createTempFile("bench-activity-", ".jsonl");
                m.properties.setProperty("activity.sink", "jsonl");
                m.properties.setProperty("activity.jsonl.path", m.jsonl.toString());
            }
            case ACTIVITY_KINESIS -> {
                // the emulator's dummy credentials for the SDK's default chain, in this benchmark JVM only
                System.setProperty("aws.accessKeyId", KinesisMock.ACCESS_KEY);
                System.setProperty("aws.secretAccessKey", KinesisMock.SECRET_KEY);
                m.kinesis = new KinesisMock("bench:4");
                m.kinesis.start();
                m.properties.putAll(m.kinesis.sinkProperties("bench"));
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode
                    + " (raw, activity-none, activity-jsonl, activity-kinesis)");
        }
        return m;
    }

    /** Connection properties for this mode (add user and password as needed). */
    Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** The URL for this mode in front of {@code targetUrl} ({@code jdbc:...}). */
    String url(String targetUrl) {
        if (!targetUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + targetUrl);
        }
        return mode.equals(RAW) ? targetUrl : "jdbc:activity:" + targetUrl.substring("jdbc:".length());
    }

    /** Prints the publisher's counters, stops it, the emulator, and removes the file. */
    @Override
    public void close() throws IOException {
        if (!mode.equals(RAW)) {
            Activity.flush(java.time.Duration.ofSeconds(30));
            for (PublisherStats s : Activity.stats()) {
                System.out.println("[publisher] " + s);
            }
            Activity.shutdown();
        }
        if (kinesis != null) {
            System.out.println("[kinesis] records in stream: " + kinesis.reader("bench").envelopes().size());
            kinesis.afterAll(null);
        }
        if (jsonl != null) {
            Files.deleteIfExists(jsonl);
        }
    }

    /** Closes quietly what setup opened (setup may have failed half way). */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
