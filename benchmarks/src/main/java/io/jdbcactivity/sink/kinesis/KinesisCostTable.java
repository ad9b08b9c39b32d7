package io.jdbcactivity.sink.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
 * <p>A cell (a benchmark with its parameters) measured in several runs keeps the run that used
 * the least CPU, and shows how much more the others used: on two cores shared with other work,
 * another process only ever adds to a run's CPU time (it evicts the run's caches, and a VM's
 * vCPUs may share a physical core), so the lowest is the least disturbed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.jdbcactivity.sink.kinesis.KinesisCostTable RUN.json...</pre>
 */
public final class KinesisCostTable {
    private static final double MIB = 1024 * 1024;
    private final Map<String, List<ShopEnvelopes.Envelope>> envelopes = new HashMap<>();
    private final Map<String, double[]> compressed = new HashMap<>();
    /** Per kept result: its runs, and how much more CPU the most costly of them used. */
    private final Map<JsonNode, String> passes = new IdentityHashMap<>();

    private KinesisCostTable() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, List<JsonNode>> byCell = new LinkedHashMap<>();
        for (String file : args) {
            for (JsonNode r : new ObjectMapper().readTree(Path.of(file).toFile())) {
                byCell.computeIfAbsent(r.path("benchmark").asText() + r.path("params"), k -> new ArrayList<>()).add(r);
            }
        }
        KinesisCostTable t = new KinesisCostTable();
        List<JsonNode> results = new ArrayList<>();
        for (List<JsonNode> runs : byCell.values()) {
            runs.sort(Comparator.comparingDouble(KinesisCostTable::cpuNanos));
            JsonNode least = runs.get(0);
            results.add(least);
            t.passes.put(least, String.format(Locale.ROOT, "%d (+%.0f %%)", runs.size(),
                    100 * (cpuNanos(runs.get(runs.size() - 1)) / cpuNanos(least) - 1)));
        }
        t.compression(results);
        t.putRecords(results);
        t.perByte(results);
        t.perEvent(results);
    }

    private void compression(List<JsonNode> results) {
        System.out.println("### Compression of one record (CompressionBenchmark)\n");
        System.out.println("| events | record | codec | events/record | bytes/event in | bytes/event out | ratio "
                + "| CPU µs/record | CPU ns/event | CPU ms/MiB in | garbage B/event | runs (spread) |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (JsonNode r : only(results, "CompressionBenchmark")) {
            String flavour = param(r, "flavour");
            String size = param(r, "size");
            String codec = param(r, "codec");
            List<ShopEnvelopes.Envelope> in = envelopes(flavour, size);
            double events = ShopEnvelopes.eventsPerEnvelope(in);
            double bytesIn = ShopEnvelopes.bytesPerEnvelope(in);
            double bytesOut = compressedBytes(flavour, size, codec);
            double cpu = cpuNanos(r);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f | %.0f | %s |%n",
                    flavour, size, codec, events, bytesIn / events, bytesOut / events, bytesIn / bytesOut, cpu / 1e3,
                    cpu / events, cpu / 1e6 / (bytesIn / MIB), garbage(r) / events, passes.get(r));
        }
        System.out.println();
    }

    private void putRecords(List<JsonNode> results) {
        System.out.println("### One PutRecords call, client side (PutRecordsBenchmark)\n");
        System.out.println("| call | codec | bytes/call | events/call | wall µs/call | CPU µs/call | of which caller "
                + "| I/O threads | GC | other | CPU ms/MiB sent | CPU ns/event | garbage B/call | runs (spread) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (JsonNode r : only(results, "PutRecordsBenchmark")) {
            String payload = param(r, "payload");
            String codec = param(r, "codec");
            int records = payload.equals("5x1m") ? 5 : 1;
            String size = payload.equals("5x1m") ? "1m" : payload;
            double events = records * ShopEnvelopes.eventsPerEnvelope(envelopes("h2", size));
            double bytes = records * compressedBytes("h2", size, codec);
            double cpu = cpuNanos(r);
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %.0f "
                    + "| %.0f | %s |%n", payload, codec, bytes, events, score(r), cpu / 1e3,
                    secondary(r, "cpu.bench") / 1e3, secondary(r, "cpu.io") / 1e3, secondary(r, "cpu.gc") / 1e3,
                    secondary(r, "cpu.other") / 1e3, cpu / 1e6 / (bytes / MIB), cpu / events, garbage(r), passes.get(r));
        }
        System.out.println();
    }

    private void perByte(List<JsonNode> results) {
        System.out.println("### Per-byte pieces over one full record (PerByteBenchmark)\n");
        System.out.println("| what | CPU µs per MiB | runs (spread) |");
        System.out.println("|---|---:|---:|");
        double mib = envelopes("h2", "1m").get(0).data().length / MIB; // the record PerByteBenchmark uses
        for (JsonNode r : only(results, "PerByteBenchmark")) {
            String name = r.path("benchmark").asText();
            System.out.printf(Locale.ROOT, "| %s | %.0f | %s |%n", name.substring(name.lastIndexOf('.') + 1),
                    cpuNanos(r) / 1e3 / mib, passes.get(r));
        }
        System.out.println();
    }

    /**
     * The publisher's CPU per event for full 1 MiB envelopes, for every codec measured on them:
     * compressing the record, plus the SDK's share of a call that carries one such record or five.
     * The SDK's cost is a straight line through every PutRecords result, {@code a} per call plus
     * {@code b} per byte (it depends on the bytes, not on what they hold), so codecs without a
     * PutRecords run of their own get a figure too; TLS's AES-GCM, which the loopback calls lack,
     * is added per byte from PerByteBenchmark when it ran.
     */
    private void perEvent(List<JsonNode> results) {
        List<JsonNode> calls = only(results, "PutRecordsBenchmark");
        if (calls.size() < 2) {
            return;
        }
        double[] x = new double[calls.size()];
        double[] y = new double[calls.size()];
        for (int i = 0; i < x.length; i++) {
            String payload = param(calls.get(i), "payload");
            int records = payload.equals("5x1m") ? 5 : 1;
            x[i] = records * compressedBytes("h2", payload.equals("5x1m") ? "1m" : payload,
                    param(calls.get(i), "codec"));
            y[i] = cpuNanos(calls.get(i));
        }
        double[] line = fit(x, y);
        JsonNode tls = only(results, "PerByteBenchmark").stream().filter(r -> r.path("benchmark").asText().endsWith(".tlsAesGcm"))
                .findFirst().orElse(null);
        double tlsPerByte = tls == null ? 0 : cpuNanos(tls) / envelopes("h2", "1m").get(0).data().length;
        System.out.printf(Locale.ROOT, "### Per event, full 1 MiB envelopes of the H2 shop (client CPU)%n%n"
                + "SDK, fitted through the %d PutRecords results: %.0f µs per call + %.2f ms per MiB; "
                + "TLS (AES-GCM) adds %.2f ms per MiB.%n%n", x.length, line[0] / 1e3, line[1] * MIB / 1e6,
                tlsPerByte * MIB / 1e6);
        System.out.println("| codec | bytes sent/event | compress ns/event | SDK+TLS ns/event, 1 record/call "
                + "| SDK+TLS ns/event, 5 records/call | total ns/event, 1 / 5 records/call |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        double events = ShopEnvelopes.eventsPerEnvelope(envelopes("h2", "1m"));
        for (JsonNode compress : only(results, "CompressionBenchmark")) {
            if (!param(compress, "size").equals("1m") || !param(compress, "flavour").equals("h2")) {
                continue;
            }
            String codec = param(compress, "codec");
            double record = compressedBytes("h2", "1m", codec);
            double c = cpuNanos(compress) / events;
            double s1 = (line[0] + (line[1] + tlsPerByte) * record) / events;
            double s5 = (line[0] + (line[1] + tlsPerByte) * 5 * record) / (5 * events);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f / %.0f |%n", codec, record / events,
                    c, s1, s5, c + s1, c + s5);
        }
        System.out.println();
    }

    /** Least squares: {@code y = a + b x}, as {@code {a, b}}. */
    static double[] fit(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double b = sxy / sxx;
        return new double[] {my - b * mx, b};
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

    /**
     * The process CPU per operation (CpuProfiler) less the JIT compilers' (warm-up, not the steady
     * state the budget is about); the wall time when the profiler was not on.
     */
    private static double cpuNanos(JsonNode r) {
        double cpu = secondary(r, "cpu.total");
        double jit = secondary(r, "cpu.jit");
        return Double.isNaN(cpu) ? score(r) * 1e3 : Double.isNaN(jit) ? cpu : cpu - jit;
    }

    private static double garbage(JsonNode r) {
        return secondary(r, "gc.alloc.rate.norm");
    }
}
