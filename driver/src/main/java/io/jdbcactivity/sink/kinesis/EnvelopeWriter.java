package io.jdbcactivity.sink.kinesis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds one record's envelope for one partition key:
 * {@code {"type":"ClientActivityMonitoringRecord","version":"1.0","producer":{..},"databaseActivityEventList":[..]}}.
 * Events are appended as UTF-8 bytes until the record limit would be passed. Publisher thread only.
 */
final class EnvelopeWriter {
    static final String VERSION = "1.0";
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.UTF_8);
    /** The gzip member header: magic, deflate, no flags, no time, no extra flags, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final byte[] head;
    private final int gzipLevel;
    /** Reused from record to record (a new one per record costs its 64 KiB+ of native and heap state). */
    private Deflater deflater;
    private byte[] deflated = new byte[64 * 1024];
    private final CRC32 crc = new CRC32();

    /**
     * @param producerJson a JSON object describing this producer
     * @param gzipLevel    0: records are plain JSON; 1–9: gzip at that level
     */
    EnvelopeWriter(String producerJson, int gzipLevel) {
        this.head = ("{\"type\":\"ClientActivityMonitoringRecord\",\"version\":\"" + VERSION + "\",\"producer\":"
                + producerJson + ",\"databaseActivityEventList\":[").getBytes(StandardCharsets.UTF_8);
        this.gzipLevel = gzipLevel;
    }

    /** Largest event that fits a record alone under a key of {@code keyBytes} UTF-8 bytes. */
    int maxEventBytes(int keyBytes) {
        return KinesisLimits.MAX_RECORD_BYTES - head.length - TAIL.length - keyBytes;
    }

    /** An envelope being filled. */
    final class Open {
        final KeyQueue key;
        final long bornNanos;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
        private int events;
        /** The spool's tokens of the events, in order, when they come from a spool; else null. */
        private long[] tokens;

        Open(KeyQueue key, long bornNanos) {
            this.key = key;
            this.bornNanos = bornNanos;
            body.writeBytes(head);
        }

        /**
         * Whether {@code eventBytes} more bytes still fit this record. The limit is checked on the
         * plain JSON, so a gzipped record is never over it either.
         */
        boolean fits(int eventBytes) {
            return body.size() + 1 + eventBytes + TAIL.length + key.partitionKeyBytes
                    <= KinesisLimits.MAX_RECORD_BYTES;
        }

        /** Appends {@code event[0, length)}. */
        void add(byte[] event, int length) {
            if (events > 0) {
                body.write(',');
            }
            body.write(event, 0, length);
            events++;
        }

        /** Appends an event read from the spool, remembering its token for the outcome. */
        void add(byte[] event, int length, long token) {
            if (tokens == null) {
                tokens = new long[16];
            } else if (events == tokens.length) {
                tokens = java.util.Arrays.copyOf(tokens, events * 2);
            }
            tokens[events] = token;
            add(event, length);
        }

        int size() {
            return body.size();
        }

        int events() {
            return events;
        }

        boolean spooled() {
            return tokens != null;
        }

        long[] tokens() {
            return java.util.Arrays.copyOf(tokens, events);
        }

        PendingRecord seal() {
            body.writeBytes(TAIL);
            byte[] data = body.toByteArray();
            byte[] sent = data;
            if (gzipLevel > 0) {
                byte[] zipped = gzip(data);
                if (zipped.length < data.length) { // never larger than the limit the plain JSON was held to
                    sent = zipped;
                }
            }
            return new PendingRecord(key, sent, events, bornNanos,
                    tokens == null ? null : java.util.Arrays.copyOf(tokens, events));
        }
    }

    /** One gzip member (RFC 1952) of {@code data}, with a reused deflater. */
    private byte[] gzip(byte[] data) {
        if (deflater == null) {
            deflater = new Deflater(gzipLevel, true);
        }
        deflater.reset();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 6 + 64);
        out.writeBytes(GZIP_HEADER);
        while (!deflater.finished()) {
            int n = deflater.deflate(deflated);
            out.write(deflated, 0, n);
        }
        crc.reset();
        crc.update(data);
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, data.length);
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** Frees the deflater's native memory (the sink is closing). */
    void close() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }
}
