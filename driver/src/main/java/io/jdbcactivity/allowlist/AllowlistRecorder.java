package io.jdbcactivity.allowlist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code activity.allowlist.record}: the statement shapes a publisher has seen, written to the
 * file every interval when new ones arrived, and at the publisher's stop. Publisher thread only.
 *
 * <p>Bounded: past {@link #MAX_SHAPES} shapes (an application building SQL with varying column
 * lists, say) new ones are counted, not kept, and the stop's log line says how many: an allowlist
 * that large is no allowlist anyway.
 */
public final class AllowlistRecorder {
    static final int MAX_SHAPES = 100_000;

    private static final System.Logger LOG = System.getLogger("io.jdbcactivity");

    private final Path file;
    private final long intervalNanos;
    /** Every digest seen since the start: a shape written once is not looked at again. */
    private final Set<String> seen = new HashSet<>();
    /** Shapes seen since the last write: digest to one normal form. */
    private Map<String, String> fresh = new HashMap<>();
    private long nextWriteNanos;
    private long beyondBound;
    private boolean warned;

    public AllowlistRecorder(Path file, long intervalMillis, long nowNanos) {
        this.file = file;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.nextWriteNanos = nowNanos + intervalNanos;
    }

    /** One statement the application ran: its digest and normal form. */
    public void add(String digest, String normalized) {
        if (seen.contains(digest)) {
            return;
        }
        if (seen.size() >= MAX_SHAPES) {
            beyondBound++;
            return;
        }
        seen.add(digest);
        fresh.put(digest, normalized);
    }

    /** Writes new shapes if the interval passed; never throws. */
    public void tick(long nowNanos) {
        if (nowNanos - nextWriteNanos >= 0) {
            nextWriteNanos = nowNanos + intervalNanos;
            write();
        }
    }

    /** Writes what is new now (the publisher's stop); never throws. */
    public void write() {
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, String> batch = fresh;
        try {
            AllowlistFile.merge(file, batch);
            fresh = new HashMap<>();
        } catch (IOException | RuntimeException e) {
            // kept for the next write; said once, the application goes on
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "jdbc-activity cannot write its allowlist (activity.allowlist.record="
                        + file + "): " + e + "; it tries again every interval and at the stop", e);
            }
        }
        if (beyondBound > 0 && !warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "jdbc-activity recorded " + MAX_SHAPES + " statement shapes into "
                    + file + " and left " + beyondBound + " more out: an allowlist this large allows nearly anything");
        }
    }

    /** Shapes seen so far (tests). */
    int shapes() {
        return seen.size();
    }
}
