package io.jdbcactivity.spool;

/**
 * One frame read back from the spool.
 *
 * @param position what {@link Spool#ack} takes; orders frames in the order {@link Spool#next} returns them
 * @param key the partition key it was appended with
 * @param flags the flags byte it was appended with
 * @param data a copy of the event bytes
 */
public record Frame(long position, String key, byte flags, byte[] data) {
}
