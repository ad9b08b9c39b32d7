package io.jdbcactivity.sample.stream;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What the viewer does when a call fails while it reads. An error the user must fix (no stream, no
 * permission, rejected credentials) ends the reading at once with what to do. A passing one (the
 * endpoint unreachable for a while, a timeout, a 5xx answer, throttling) is retried with
 * exponential backoff and said on standard error: while following, for as long as it lasts (the
 * stream or the network comes back, and the viewer should still be there); when reading to the
 * tip, for {@link #GIVE_UP_AFTER} at most, so that a plain {@code tail} ends.
 */
final class ReadRetries {
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 8_000;
    private static final long REPEAT_LOG_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final KinesisAccess kinesis;
    private final PrintStream err;
    private int failures;
    private long failingSinceNanos;
    private long lastLogNanos;
    private long backoffMillis = FIRST_BACKOFF_MILLIS;

    ReadRetries(KinesisAccess kinesis, PrintStream err) {
        this.kinesis = kinesis;
        this.err = err;
    }

    /**
     * After a failed call: waits before the next try (cut short by the stop's deadline), or throws
     * the failure as a message for the user when it will not pass or has lasted too long.
     */
    void failed(SdkException e, String call, boolean following, StopSignal stop) {
        if (!kinesis.isTransient(e)) {
            throw kinesis.explain(e);
        }
        long now = System.nanoTime();
        if (failures++ == 0) {
            failingSinceNanos = now;
        }
        if (!following && now - failingSinceNanos > GIVE_UP_AFTER.toNanos()) {
            throw kinesis.explain(e, "after retrying for " + GIVE_UP_AFTER.toSeconds() + " s");
        }
        if (failures == 1 || now - lastLogNanos > REPEAT_LOG_NANOS) {
            err.println("(" + call + " failed: " + KinesisAccess.firstLine(e) + "; retrying"
                    + (failures > 1 ? ", " + failures + " failures so far" : "") + ")");
            lastLogNanos = now;
        }
        Duration remaining = stop.remaining();
        long wait = remaining == null ? backoffMillis : Math.min(backoffMillis, remaining.toMillis());
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        KinesisAccess.sleep(wait);
    }

    /** After a call that worked: the next failure starts a new count. */
    void succeeded() {
        if (failures > 0) {
            err.println("(reading again after " + failures + " failed call" + (failures == 1 ? "" : "s") + ")");
        }
        failures = 0;
        backoffMillis = FIRST_BACKOFF_MILLIS;
    }
}
