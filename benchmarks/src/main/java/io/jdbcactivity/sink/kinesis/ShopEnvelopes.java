package io.jdbcactivity.sink.kinesis;

import java.util.ArrayList;
import java.util.List;

/**
 * The shop's events packed as the Kinesis sink packs them, by the sink's own {@link EnvelopeWriter}:
 * one envelope per connection, filled in order up to a size — the 1 MiB record limit (a full
 * record) or less (what a low-rate connection sends when the linger ends first). Only full
 * envelopes are kept: each connection's last, partial one is left out.
 */
final class ShopEnvelopes {
    /** As {@code ProducerIds.describe} writes it. */
    static final String PRODUCER = "{\"id\":\"5f0c2a9e41d7b3c8\",\"name\":\"jdbc-activity\",\"version\":\"0.1.0\","
            + "\"host\":\"shop-7d9f8c6b5-x2k4q\",\"pid\":4242}";

    /** One uncompressed record body and how many events it holds. */
    record Envelope(byte[] data, int events) {
    }

    private ShopEnvelopes() {
    }

    /** Sizes by name: {@code 8k}, {@code 64k}, {@code 1m} (the record limit). */
    static int bytes(String size) {
        return switch (size) {
            case "8k" -> 8 * 1024;
            case "64k" -> 64 * 1024;
            case "1m" -> KinesisLimits.MAX_RECORD_BYTES;
            default -> throw new IllegalArgumentException("size 8k, 64k or 1m: " + size);
        };
    }

    static List<Envelope> of(String flavour, String size) {
        return of(ShopEvents.byConnection(flavour), bytes(size));
    }

    static List<Envelope> of(List<List<byte[]>> byConnection, int maxBytes) {
        EnvelopeWriter writer = new EnvelopeWriter(PRODUCER, 0, 8 << 20);
        List<Envelope> envelopes = new ArrayList<>();
        for (int c = 0; c < byConnection.size(); c++) {
            List<byte[]> events = byConnection.get(c);
            KeyQueue key = new KeyQueue(String.format("%016x", 0x9d64d4a99dddcc00L + c), false, null);
            EnvelopeWriter.Open open = writer.new Open(key, 0);
            for (byte[] event : events) {
                // below the record limit the sink's own test, fits(), is replaced by the smaller size
                boolean fits = open.fits(event.length) && open.size() + 1 + event.length + "]}".length() <= maxBytes;
                if (!fits && open.events() > 0) {
                    PendingRecord r = open.seal();
                    envelopes.add(new Envelope(r.data, r.events));
                    open = writer.new Open(key, 0);
                }
                open.add(event, event.length);
            }
        }
        if (envelopes.isEmpty()) {
            throw new IllegalStateException("no full envelope of " + maxBytes + " bytes: too few events");
        }
        return envelopes;
    }

    /** Events per envelope, on average. */
    static double eventsPerEnvelope(List<Envelope> envelopes) {
        return envelopes.stream().mapToInt(Envelope::events).average().orElseThrow();
    }

    /** Bytes per envelope, on average. */
    static double bytesPerEnvelope(List<Envelope> envelopes) {
        return envelopes.stream().mapToInt(e -> e.data().length).average().orElseThrow();
    }
}
