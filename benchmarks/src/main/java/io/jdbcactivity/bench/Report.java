package io.jdbcactivity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one run (JMH's JSON and the probes' lines) into {@code <run>.md} — throughput and share of
 * raw per workload and mode, bytes per operation on the application thread, the publisher's
 * events/s and CPU — and {@code <run>.svg}, the shares as a bar chart.
 *
 * <pre>java -cp benchmarks.jar io.jdbcactivity.bench.Report results/RUN.json results/RUN-probes.jsonl</pre>
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("H2PointSelectBenchmark.preparedPointSelect", "H2 prepared point select");
        WORKLOADS.put("H2PointSelectBenchmark.plainPointSelect", "H2 plain statement, 1,000 texts");
        WORKLOADS.put("H2BatchInsertBenchmark.batchInsert100", "H2 batch insert of 100 rows");
        WORKLOADS.put("PooledH2Benchmark.requestWithPointSelect", "H2, 8 threads on a pool of 8");
        WORKLOADS.put("MariaDbPointSelectBenchmark.preparedPointSelect", "MariaDB prepared point select");
    }

    /** One cell: a workload in a mode. */
    static final class Cell {
        double opsPerSec;
        double error;
        double allBytesPerOp = Double.NaN;
        final List<Double> appBytes = new ArrayList<>();
        final List<Double> appCpu = new ArrayList<>();
        final List<Double> events = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        final List<Double> dropped = new ArrayList<>();
    }

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        Path probes = args.length > 1 ? Path.of(args[1]) : null;
        Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
        List<JsonNode> paired = new ArrayList<>();
        StringBuilder others = new StringBuilder();
        for (JsonNode r : JSON.readTree(results.toFile())) {
            if (!r.path("params").has("mode")) {
                other(r, others); // not a workload in modes (the publisher's own benchmarks): a table apart
                continue;
            }
            String workload = shortName(r.path("benchmark").asText());
            Cell c = cells.computeIfAbsent(workload, k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.path("params").path("mode").asText(), k -> new Cell());
            c.opsPerSec = r.path("primaryMetric").path("score").asDouble();
            c.error = r.path("primaryMetric").path("scoreError").asDouble();
            JsonNode norm = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
            if (norm.isObject()) {
                c.allBytesPerOp = norm.path("score").asDouble();
            }
        }
        if (probes != null && Files.exists(probes)) {
            for (String line : Files.readAllLines(probes)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode p = JSON.readTree(line);
                if (p.has("paired")) {
                    paired.add(p);
                    continue;
                }
                Cell c = cells.getOrDefault(shortName(p.path("benchmark").asText()), Map.of())
                        .get(p.path("mode").asText());
                if (c == null) {
                    continue;
                }
                addIf(p, "appBytesPerOp", c.appBytes);
                addIf(p, "appCpuNanosPerOp", c.appCpu);
                addIf(p, "publisherEventsPerSec", c.events);
                addIf(p, "publisherCpuShare", c.cpu);
                addIf(p, "droppedPerSec", c.dropped);
            }
        }
        String base = results.getFileName().toString().replaceFirst("\\.json$", "");
        Path md = results.resolveSibling(base + ".md");
        Path svg = results.resolveSibling(base + ".svg");
        Files.writeString(md, markdown(cells, svg.getFileName().toString()) + pairedTable(paired)
                + (others.length() == 0 ? "" : "\nOther benchmarks (throughput, its time per operation, and the "
                        + "bytes allocated per operation by all threads)\n\n| benchmark | parameters | ops/s | per "
                        + "operation | bytes/op |\n|---|---|---|---|---|\n" + others));
        Files.writeString(svg, chart(cells));
        System.out.println("report: " + md + " and " + svg);
    }

    /** One row of a benchmark without modes: its parameters, throughput, time and garbage per operation. */
    private static void other(JsonNode r, StringBuilder rows) {
        StringBuilder params = new StringBuilder();
        r.path("params").fields().forEachRemaining(e -> params.append(params.length() == 0 ? "" : ", ")
                .append(e.getKey()).append('=').append(e.getValue().asText()));
        double score = r.path("primaryMetric").path("score").asDouble();
        JsonNode norm = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
        boolean throughput = r.path("primaryMetric").path("scoreUnit").asText().endsWith("/s");
        rows.append(String.format(Locale.ROOT, "| %s | %s | %s ±%s | %s | %s |%n", shortName(r.path("benchmark")
                .asText()), params, throughput ? ops(score) : "–", throughput ? ops(r.path("primaryMetric")
                .path("scoreError").asDouble()) : "–", throughput && score > 0
                        ? String.format(Locale.ROOT, "%.2f µs", 1e6 / score) : score + " " + r.path("primaryMetric")
                                .path("scoreUnit").asText(),
                norm.isObject() ? String.format(Locale.ROOT, "%.0f", norm.path("score").asDouble()) : "–"));
    }

    /** {@link PairedMariaDbRun}'s figures, when the run made them. */
    static String pairedTable(List<JsonNode> paired) {
        if (paired.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\nMariaDB prepared point select measured in pairs (PairedMariaDbRun: "
                + "one connection used directly and through the wrapper, alternating 1 s rounds): the wrapped "
                + "throughput, and the application thread's CPU time per operation, as a share of raw's (100 % = "
                + "no cost); median of the pairs and its 95 % bootstrap interval. `raw` is the harness against "
                + "itself: its spread is the noise floor. JVM CPU per operation: the whole process's CPU time "
                + "(the publisher's and the AWS SDK's threads too) per operation, wrapped over raw (100 % = no "
                + "cost). Events: what the driver captured in the mode's rounds, and how many were dropped or lost once a flush ended (the Kinesis sink's count is "
                + "also checked against the application events in the emulator's stream).\n\n| mode | pairs | "
                + "throughput | 95 % interval | CPU per operation | 95 % interval | JVM CPU per operation | "
                + "95 % interval | events | dropped or lost |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode p : paired) {
            String events = p.has("captured") ? String.format(Locale.ROOT, "%,d%s", p.path("captured").asLong(),
                    p.path("inStream").asLong() >= 0 ? " (" + String.format(Locale.ROOT, "%,d", p.path("inStream")
                            .asLong()) + " in the stream)" : "") : "";
            s.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% | %.1f–%.1f %% | %.1f %% | %.1f–%.1f %% | %s | %s | %s | %s |%n",
                    p.path("mode").asText(), p.path("pairs").asInt(), 100 * p.path("medianRatio").asDouble(),
                    100 * p.path("low").asDouble(), 100 * p.path("high").asDouble(),
                    100 * p.path("cpuRatio").asDouble(), 100 * p.path("cpuLow").asDouble(),
                    100 * p.path("cpuHigh").asDouble(),
                    p.has("processCpuRatio") ? String.format(Locale.ROOT, "%.1f %%", 100 * p.path("processCpuRatio").asDouble()) : "",
                    p.has("processCpuRatio") ? String.format(Locale.ROOT, "%.1f–%.1f %%", 100 * p.path("processCpuLow")
                            .asDouble(), 100 * p.path("processCpuHigh").asDouble()) : "", events,
                    p.has("droppedOrLost") ? String.format(Locale.ROOT, "%,d", p.path("droppedOrLost").asLong()) : ""));
        }
        return s.toString();
    }

    private static void addIf(JsonNode p, String field, List<Double> to) {
        if (p.has(field)) {
            to.add(p.path(field).asDouble());
        }
    }

    static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String ops(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.2f M", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.0f k", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }

    /** What one table shows in a cell: a mode's cell beside the raw one (either may be null). */
    private interface CellText {
        String text(Cell cell, Cell raw, boolean isRaw);
    }

    /**
     * The modes a run measured: those of {@link Modes#ALL} in its order, then any other (those not
     * in the default runs: the stream down, the spool's) in the order met.
     */
    static List<String> modes(Map<String, Map<String, Cell>> cells) {
        Set<String> seen = new LinkedHashSet<>();
        cells.values().forEach(byMode -> seen.addAll(byMode.keySet()));
        List<String> out = new ArrayList<>();
        for (String m : Modes.ALL) {
            if (seen.contains(m)) {
                out.add(m);
            }
        }
        for (String m : seen) {
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** One table: a row per workload, a column per mode. */
    private static void table(StringBuilder s, String title, Map<String, Map<String, Cell>> cells, CellText text) {
        List<String> modes = modes(cells);
        s.append('\n').append(title).append("\n\n| workload |");
        for (String m : modes) {
            s.append(' ').append(m).append(" |");
        }
        s.append("\n|---|").append("---|".repeat(modes.size())).append('\n');
        for (Map.Entry<String, Map<String, Cell>> w : ordered(cells)) {
            Cell raw = w.getValue().get(Modes.RAW);
            s.append("| ").append(WORKLOADS.getOrDefault(w.getKey(), w.getKey())).append(" |");
            for (String m : modes) {
                Cell c = w.getValue().get(m);
                s.append(' ').append(c == null ? "–" : text.text(c, raw, m.equals(Modes.RAW))).append(" |");
            }
            s.append('\n');
        }
    }

    static String markdown(Map<String, Map<String, Cell>> cells, String chart) {
        StringBuilder s = new StringBuilder();
        table(s, "Throughput (operations/s, ± JMH's 99.9 % error) and share of the raw driver's throughput", cells,
                (c, raw, isRaw) -> ops(c.opsPerSec) + " ±" + ops(c.error) + (raw == null || isRaw ? ""
                        : String.format(Locale.ROOT, " (%.0f %%)", 100 * c.opsPerSec / raw.opsPerSec)));
        table(s, "CPU time per operation on the application thread (ns, probe) and its share of the raw driver's",
                cells, (c, raw, isRaw) -> c.appCpu.isEmpty() ? "–"
                        : String.format(Locale.ROOT, "%.0f", mean(c.appCpu))
                                + (raw == null || isRaw || raw.appCpu.isEmpty() ? ""
                                        : String.format(Locale.ROOT, " (%.0f %%)", 100 * mean(raw.appCpu)
                                                / mean(c.appCpu))));
        table(s, "Bytes allocated per operation on the application thread (probe), and by all threads (JMH gc "
                + "profiler)", cells, (c, raw, isRaw) -> String.format(Locale.ROOT, "%.0f", mean(c.appBytes))
                        + (raw == null || isRaw || raw.appBytes.isEmpty() ? ""
                                : String.format(Locale.ROOT, " (%+.0f)", mean(c.appBytes) - mean(raw.appBytes)))
                        + String.format(Locale.ROOT, " / %.0f", c.allBytesPerOp));
        s.append("\nThe driver's own threads: events delivered per second (file written, Kinesis acknowledged), "
                + "events dropped per second, CPU of its threads (share of one core)\n\n| workload | mode | events/s | dropped/s | CPU |\n"
                + "|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<String, Cell>> w : ordered(cells)) {
            for (String m : modes(cells)) {
                Cell c = w.getValue().get(m);
                if (c == null || c.events.isEmpty()) {
                    continue;
                }
                s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.0f %% |%n",
                        WORKLOADS.getOrDefault(w.getKey(), w.getKey()), m, ops(mean(c.events)),
                        ops(mean(c.dropped)), 100 * mean(c.cpu)));
            }
        }
        spoolTable(s, cells);
        s.append("\n![share of raw throughput](").append(chart).append(")\n");
        return s.toString();
    }

    /**
     * The durable spool's modes beside {@code activity-none} (the driver's own cost) and
     * {@code activity-kinesis} (the same sink without the spool), when the run has them: the
     * budget is the asynchronous spool within 5 % of {@code activity-none}.
     */
    private static void spoolTable(StringBuilder s, Map<String, Map<String, Cell>> cells) {
        List<String> spoolModes = modes(cells).stream().filter(m -> m.startsWith(Modes.ACTIVITY_SPOOL)).toList();
        if (spoolModes.isEmpty()) {
            return;
        }
        s.append("\nThe durable spool beside activity-none (the driver's own cost) and activity-kinesis (the same "
                + "sink without the spool): throughput as a share of theirs, and their application-thread CPU per "
                + "operation as a share of the spool's (100 % = no extra cost, less = it costs more; budget: "
                + "activity-spool within 5 % of activity-none)\n\n| workload | mode | ops/s | vs activity-none | vs activity-kinesis | "
                + "app CPU ns/op | vs activity-none | vs activity-kinesis |\n|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<String, Cell>> w : ordered(cells)) {
            Cell none = w.getValue().get(Modes.ACTIVITY_NONE);
            Cell kinesis = w.getValue().get(Modes.ACTIVITY_KINESIS);
            for (String m : spoolModes) {
                Cell c = w.getValue().get(m);
                if (c == null) {
                    continue;
                }
                s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f | %s | %s |%n",
                        WORKLOADS.getOrDefault(w.getKey(), w.getKey()), m, ops(c.opsPerSec),
                        share(c.opsPerSec, none == null ? Double.NaN : none.opsPerSec),
                        share(c.opsPerSec, kinesis == null ? Double.NaN : kinesis.opsPerSec), mean(c.appCpu),
                        share(none == null ? Double.NaN : mean(none.appCpu), mean(c.appCpu)),
                        share(kinesis == null ? Double.NaN : mean(kinesis.appCpu), mean(c.appCpu))));
            }
        }
    }

    /** {@code a / b} as a percentage, or a dash when either is missing. */
    private static String share(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * a / b);
    }

    private static List<Map.Entry<String, Map<String, Cell>>> ordered(Map<String, Map<String, Cell>> cells) {
        List<Map.Entry<String, Map<String, Cell>>> out = new ArrayList<>();
        for (String w : WORKLOADS.keySet()) {
            if (cells.containsKey(w)) {
                out.add(Map.entry(w, cells.get(w)));
            }
        }
        cells.forEach((k, v) -> {
            if (!WORKLOADS.containsKey(k)) {
                out.add(Map.entry(k, v));
            }
        });
        return out;
    }

    /** Grouped horizontal bars: per workload, each mode's share of raw throughput. */
    static String chart(Map<String, Map<String, Cell>> cells) {
        String[] colours = {"#444444", "#1b7837", "#5aae61", "#a6dba0", "#c2a5cf", "#762a83"};
        List<Map.Entry<String, Map<String, Cell>>> rows = ordered(cells);
        int barH = 12;
        List<String> modes = modes(cells);
        int groupH = modes.size() * barH + 18;
        int left = 230;
        int width = 760;
        int plotW = width - left - 60;
        int height = 40 + rows.size() * groupH + 30;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">Throughput as a share of the "
                + "raw driver (100 %% = raw)</text>%n", left));
        for (int pct = 0; pct <= 120; pct += 20) {
            double x = left + plotW * pct / 120.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"28\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n", x,
                    x, height - 24, pct == 100 ? "#999" : "#eee"));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d %%</text>%n", x,
                    height - 10, pct));
        }
        int y = 36;
        for (Map.Entry<String, Map<String, Cell>> w : rows) {
            Cell raw = w.getValue().get(Modes.RAW);
            s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y + 10,
                    escape(WORKLOADS.getOrDefault(w.getKey(), w.getKey()))));
            for (int i = 0; i < modes.size(); i++) {
                String m = modes.get(i);
                Cell c = w.getValue().get(m);
                int by = y + i * barH;
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                        left - 6, by + barH - 2, m));
                if (c == null || raw == null) {
                    continue;
                }
                double share = c.opsPerSec / raw.opsPerSec;
                double bw = Math.min(plotW, plotW * share / 1.2);
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                        left, by + 1, bw, barH - 2, colours[i % colours.length]));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.0f %%</text>%n", left + bw + 4,
                        by + barH - 2, 100 * share));
            }
            y += groupH;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }
}
