package io.jdbcactivity.sink.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JSON of a run of {@link CompressionBenchmark}, {@link PutRecordsBenchmark} and
 * {@link PerByteBenchmark} (run with {@code -prof gc -prof io.jdbcactivity.bench.CpuProfiler})
 * into markdown tables per event and per MiB. What JMH does not know — how many events and bytes a
 * record holds, how small each codec makes it — is computed again here from the same shop events
 * and envelopes the benchmarks used.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.jdbcactivity.sink.kinesis.KinesisCostTable RUN.json...</pre>
 */
public final class KinesisCostTable {
    private static final double MIB = 1024 * 1024;
    private final Map<String, List<ShopEnvelopes.Envelope>> envelopes = new HashMap<>();
    private final Map<String, double[]> compressed = new HashMap<>();

    private KinesisCostTable() {
    }

    public static void main(String[] args) throws IOException {
        List<JsonNode> results = new ArrayList<>();
        for (String file : args) {
            new ObjectMapper().readTree(Path.of(file).toFile()).forEach(results::add);
        }
        KinesisCostTable t = new KinesisCostTable();
        t.compression(results);
        t.putRecords(results);
        t.perByte(results);
        t.perEvent(results);
    }

    private void compression(List<JsonNode> results) {
        System.out.println("### Compression of one record (CompressionBenchmark)\n");
        System.out.println("| events | record | codec | events/record | bytes/event in | bytes/event out | ratio "
                + "| CPU µs/record | CPU ns/event | CPU ms/MiB in | garbage B/event |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (JsonNode r : only(results, "CompressionBenchmark")) {
            String flavour = param(r, "flavour");
            String size = param(r, "size");
            String codec = param(r, "codec");
            List<ShopEnvelopes.Envelope> in = envelopes(flavour, size);
            double events = ShopEnvelopes.eventsPerEnvelope(in);
            double bytesIn = ShopEnvelopes.bytesPerEnvelope(in);
            double bytesOut = compressedBytes(flavour, size, codec);
            double cpu = cpuNanos(r);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %.0f |%n",
                    flavour, size, codec, events, bytesIn / events, bytesOut / events, bytesIn / bytesOut, cpu / 1e3,
                    cpu / events, cpu / 1e6 / (bytesIn / MIB), garbage(r) / events);
        }
        System.out.println();
    }

    private void putRecords(List<JsonNode> results) {
        System.out.println("### One PutRecords call, client side (PutRecordsBenchmark)\n");
        System.out.println("| call | codec | bytes/call | events/call | wall µs/call | CPU µs/call | of which caller "
                + "| I/O threads | GC+VM | CPU ms/MiB sent | CPU ns/event | garbage B/call |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (JsonNode r : only(results, "PutRecordsBenchmark")) {
            String payload = param(r, "payload");
            String codec = param(r, "codec");
            int records = payload.equals("5x1m") ? 5 : 1;
            String size = payload.equals("5x1m") ? "1m" : payload;
            double events = records * ShopEnvelopes.eventsPerEnvelope(envelopes("h2", size));
            double bytes = records * compressedBytes("h2", size, codec);
            double cpu = cpuNanos(r);
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %.0f | %.0f |%n",
                    payload, codec, bytes, events, score(r), cpu / 1e3, secondary(r, "cpu.bench") / 1e3,
                    secondary(r, "cpu.io") / 1e3, secondary(r, "cpu.vm") / 1e3, cpu / 1e6 / (bytes / MIB),
                    cpu / events, garbage(r));
        }
        System.out.println();
    }

    private void perByte(List<JsonNode> results) {
        System.out.println("### Per-byte pieces over one full record (PerByteBenchmark)\n");
        System.out.println("| what | CPU µs per MiB |");
        System.out.println("|---|---:|");
        double mib = envelopes("h2", "1m").get(0).data().length / MIB; // the record PerByteBenchmark uses
        for (JsonNode r : only(results, "PerByteBenchmark")) {
            String name = r.path("benchmark").asText();
            System.out.printf(Locale.ROOT, "| %s | %.0f |%n", name.substring(name.lastIndexOf('.') + 1),
                    cpuNanos(r) / 1e3 / mib);
        }
        System.out.println();
    }

    /**
     * The publisher's CPU per event for full 1 MiB envelopes: compressing the record, plus the
     * SDK's share of a call carrying one such record, or five (the call size the 5 MiB limit allows).
     */
    private void perEvent(List<JsonNode> results) {
        System.out.println("### Per event, full 1 MiB envelopes of the H2 shop (compression + SDK, client CPU)\n");
        System.out.println("| codec | bytes sent/event | compress ns/event | SDK ns/event, 1 record/call "
                + "| SDK ns/event, 5 records/call | total ns/event, 1 / 5 records/call |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String codec : List.of("none", "gzip1", "gzip6")) {
            JsonNode compress = find(results, "CompressionBenchmark", Map.of("codec", codec, "size", "1m",
                    "flavour", "h2"));
            JsonNode one = find(results, "PutRecordsBenchmark", Map.of("codec", codec, "payload", "1m"));
            JsonNode five = find(results, "PutRecordsBenchmark", Map.of("codec", codec, "payload", "5x1m"));
            if (compress == null || one == null || five == null) {
                continue;
            }
            double events = ShopEnvelopes.eventsPerEnvelope(envelopes("h2", "1m"));
            double c = cpuNanos(compress) / events;
            double s1 = cpuNanos(one) / events;
            double s5 = cpuNanos(five) / (5 * events);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f / %.0f |%n", codec,
                    compressedBytes("h2", "1m", codec) / events, c, s1, s5, c + s1, c + s5);
        }
        System.out.println();
    }

    private List<ShopEnvelopes.Envelope> envelopes(String flavour, String size) {
        return envelopes.computeIfAbsent(flavour + "/" + size, k -> ShopEnvelopes.of(flavour, size));
    }

    /** Average bytes of a record made by {@code codec} of an envelope of this flavour and size. */
    private double compressedBytes(String flavour, String size, String codec) {
        return compressed.computeIfAbsent(flavour + "/" + size + "/" + codec, k -> {
            RecordCodecs.Encoder encoder = RecordCodecs.encoder(codec);
            return new double[] {envelopes(flavour, size).stream().mapToInt(e -> encoder.encode(e.data()).length)
                    .average().orElseThrow()};
        })[0];
    }

    private static List<JsonNode> only(List<JsonNode> results, String benchmark) {
        return results.stream().filter(r -> r.path("benchmark").asText().contains("." + benchmark + ".")).toList();
    }

    private static JsonNode find(List<JsonNode> results, String benchmark, Map<String, String> params) {
        for (JsonNode r : only(results, benchmark)) {
            if (params.entrySet().stream().allMatch(p -> p.getValue().equals(param(r, p.getKey())))) {
                return r;
            }
        }
        return null;
    }

    private static String param(JsonNode r, String name) {
        return r.path("params").path(name).asText();
    }

    private static double score(JsonNode r) {
        return r.path("primaryMetric").path("score").asDouble();
    }

    private static double secondary(JsonNode r, String name) {
        return r.path("secondaryMetrics").path(name).path("score").asDouble(Double.NaN);
    }

    /** The process CPU per operation (CpuProfiler); the wall time when the profiler was not on. */
    private static double cpuNanos(JsonNode r) {
        double cpu = secondary(r, "cpu.total");
        return Double.isNaN(cpu) ? score(r) * 1e3 : cpu;
    }

    private static double garbage(JsonNode r) {
        return secondary(r, "gc.alloc.rate.norm");
    }
}
