package io.jdbcactivity.spool;

/**
 * The bounds of a spool.
 *
 * @param maxBytes bytes on disk for the whole spool, own and adopted segments together; an append
 *     that would pass it is refused
 * @param segmentBytes a segment is closed once the next frame would take it past this (a single
 *     frame larger than this gets a segment of its own); what {@link Spool#evictOldest} frees at once
 * @param writeBufferBytes appends gather in memory up to this before they are written in one call
 * @param watermarkIntervalMillis the "acknowledged up to" file is rewritten at most this often
 */
public record SpoolSettings(long maxBytes, int segmentBytes, int writeBufferBytes, long watermarkIntervalMillis) {

    public SpoolSettings {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (segmentBytes < 4096 || segmentBytes > (1 << 30)) {
            throw new IllegalArgumentException("segmentBytes must be 4 KiB to 1 GiB: " + segmentBytes);
        }
        if (writeBufferBytes < 4096 || writeBufferBytes > (64 << 20)) {
            throw new IllegalArgumentException("writeBufferBytes must be 4 KiB to 64 MiB: " + writeBufferBytes);
        }
        if (watermarkIntervalMillis < 0) {
            throw new IllegalArgumentException("watermarkIntervalMillis must not be negative");
        }
    }

    /** Segments of an eighth of the bound (at most 16 MiB, at least 64 KiB), a 1 MiB write buffer, 1 s. */
    public static SpoolSettings of(long maxBytes) {
        int segment = (int) Math.max(64 << 10, Math.min(16 << 20, maxBytes / 8));
        return new SpoolSettings(maxBytes, segment, 1 << 20, 1000);
    }
}
