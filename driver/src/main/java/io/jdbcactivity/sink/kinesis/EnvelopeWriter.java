package io.jdbcactivity.sink.kinesis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Builds one record's envelope for one partition key:
 * {@code {"type":"ClientActivityMonitoringRecord","version":"1.0","producer":{..},"databaseActivityEventList":[..]}}.
 * Events are appended as UTF-8 bytes until the record limit would be passed.
 */
final class EnvelopeWriter {
    static final String VERSION = "1.0";
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.UTF_8);

    private final byte[] head;
    private final boolean gzip;

    /** @param producerJson a JSON object describing this producer */
    EnvelopeWriter(String producerJson, boolean gzip) {
        this.head = ("{\"type\":\"ClientActivityMonitoringRecord\",\"version\":\"" + VERSION + "\",\"producer\":"
                + producerJson + ",\"databaseActivityEventList\":[").getBytes(StandardCharsets.UTF_8);
        this.gzip = gzip;
    }

    /** Largest event that fits a record alone under {@code partitionKey}. */
    int maxEventBytes(String partitionKey) {
        return KinesisLimits.MAX_RECORD_BYTES - head.length - TAIL.length - KinesisLimits.utf8Length(partitionKey);
    }

    /** An envelope being filled. */
    final class Open {
        final String partitionKey;
        final long bornNanos;
        final boolean control;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
        private int events;

        Open(String partitionKey, long bornNanos, boolean control) {
            this.partitionKey = partitionKey;
            this.bornNanos = bornNanos;
            this.control = control;
            body.writeBytes(head);
        }

        /** Whether {@code eventBytes} more bytes still fit this record. */
        boolean fits(int eventBytes) {
            return body.size() + 1 + eventBytes + TAIL.length + KinesisLimits.utf8Length(partitionKey)
                    <= KinesisLimits.MAX_RECORD_BYTES;
        }

        void add(byte[] event) {
            add(event, event.length);
        }

        /** Appends {@code event[0, length)}. */
        void add(byte[] event, int length) {
            if (events > 0) {
                body.write(',');
            }
            body.write(event, 0, length);
            events++;
        }

        int size() {
            return body.size();
        }

        int events() {
            return events;
        }

        PendingRecord seal() {
            body.writeBytes(TAIL);
            byte[] data = body.toByteArray();
            return new PendingRecord(partitionKey, gzip ? gzip(data) : data, events, bornNanos, control);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 8192)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.toByteArray();
    }
}
