package io.jdbcactivity.sink.kinesis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real events as benchmark input: the sample shop ({@code SampleApp run --jsonl}) run once through
 * the driver in a child JVM (its exit delivers every queued event, and no driver thread is left in
 * the benchmark's JVM), on in-memory H2 or on MariaDB. The file is kept under
 * {@code benchmarks/target/shop-events/} (beside the benchmark jar) and reused
 * until it is deleted ({@code mvn clean} does), so that runs made apart, and the tables made from
 * them, see the same events; delete it after a change to the events' format. Events are grouped by connection, as the Kinesis
 * sink groups them: one partition key, and so one envelope, per connection.
 */
final class ShopEvents {
    /** Orders of the shop run: about 9,000 events, 10 MB, a few full 1 MiB envelopes per connection. */
    static final int ORDERS = 1000;
    /** MariaDB database of the shop's tables: its own, as the shop drops and creates them. */
    static final String MYSQL_URL = System.getProperty("bench.shop.mysql.url",
            "jdbc:mysql://127.0.0.1:3306/bench_shop?createDatabaseIfNotExist=true&useSSL=false"
                    + "&allowPublicKeyRetrieval=true");
    private static final Pattern CONNECTION_ID = Pattern.compile("\"connectionId\":\"([^\"]+)\"");

    private ShopEvents() {
    }

    /** The events of one shop run, UTF-8, per connection in the order they were written. */
    static List<List<byte[]>> byConnection(String flavour) {
        Map<String, List<byte[]>> byKey = new LinkedHashMap<>();
        for (String line : lines(flavour)) {
            Matcher m = CONNECTION_ID.matcher(line);
            if (!m.find()) {
                throw new IllegalStateException("an event without connectionId: " + line);
            }
            byKey.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(line.getBytes(StandardCharsets.UTF_8));
        }
        return new ArrayList<>(byKey.values());
    }

    static List<String> lines(String flavour) {
        Path file = directory().resolve("shop-" + flavour + "-" + ORDERS + ".jsonl");
        try {
            if (!Files.exists(file)) {
                generate(flavour, file);
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Beside the benchmark jar (or classes): {@code benchmarks/target/}, wherever the JVM runs from. */
    private static Path directory() {
        try {
            Path code = Path.of(ShopEvents.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.createDirectories(code.getParent().resolve("shop-events"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void generate(String flavour, Path file) throws IOException {
        Path partial = Files.createTempFile(file.getParent(), "shop-", ".part");
        Files.delete(partial); // the jsonl sink creates it
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.jdbcactivity.sample.SampleApp",
                "run", "--jsonl", partial.toString(), "--orders", String.valueOf(ORDERS)));
        switch (flavour) {
            case "h2" -> { } // the shop's default: H2 in memory
            case "mariadb" -> {
                command.addAll(List.of("--mysql", MYSQL_URL, "--user", System.getProperty("bench.mysql.user", "root")));
                String password = System.getProperty("bench.mysql.password", "");
                if (!password.isEmpty()) {
                    command.addAll(List.of("--password", password));
                }
            }
            default -> throw new IllegalArgumentException("flavour h2 or mariadb: " + flavour);
        }
        Process shop = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(file + ".log")).start();
        try {
            if (!shop.waitFor(5, TimeUnit.MINUTES) || shop.exitValue() != 0) {
                shop.destroyForcibly();
                throw new IllegalStateException("the shop run failed: see " + file + ".log");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the shop ran", e);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
