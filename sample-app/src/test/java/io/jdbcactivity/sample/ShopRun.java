package io.jdbcactivity.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.sample.shop.ShopPool;
import io.jdbcactivity.sample.shop.ShopResult;
import io.jdbcactivity.sample.shop.ShopWorkload;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the shop into a stream of the emulator and reads back what a consumer would get. */
final class ShopRun {
    final ShopResult result;
    final List<JsonNode> events;

    private ShopRun(ShopResult result, List<JsonNode> events) {
        this.result = result;
        this.events = events;
    }

    static ShopRun into(KinesisMock kinesis, String stream, String url, String user, String password, int orders)
            throws Exception {
        return into(kinesis, stream, url, user, password, orders, Map.of());
    }

    static ShopRun into(KinesisMock kinesis, String stream, String url, String user, String password, int orders,
            Map<String, String> extraOptions) throws Exception {
        return into(kinesis, stream, url, user, password, orders, Duration.ZERO, extraOptions);
    }

    /** @param pace how long each shopper pauses before an order */
    static ShopRun into(KinesisMock kinesis, String stream, String url, String user, String password, int orders,
            Duration pace, Map<String, String> extraOptions) throws Exception {
        Map<String, String> activity = new HashMap<>(extraOptions);
        kinesis.sinkProperties(stream).forEach((k, v) -> activity.put((String) k, (String) v));
        activity.putIfAbsent("activity.application", "shop");
        ShopResult result;
        try (HikariDataSource pool = ShopPool.open(url, user, password, 4, activity)) {
            result = new ShopWorkload(pool, orders, 4, pace, m -> { }).run();
        }
        if (!Activity.flush(Duration.ofSeconds(30))) {
            throw new AssertionError("the driver did not deliver within 30 s: " + Activity.stats());
        }
        // every statement, plus the connect and disconnect of each pooled connection
        List<JsonNode> events = kinesis.reader(stream).events();
        return new ShopRun(result, events);
    }

    /**
     * Stops the driver's publishers of this JVM, from a test class's {@code @AfterAll}, which runs
     * while its emulator is still up: left for the JVM's exit, each would retry a stopped emulator
     * for {@code activity.shutdown.timeoutMs}, one after another (see the report on the driver).
     */
    static void stopPublishers() {
        Activity.shutdown();
    }

    List<JsonNode> statements() {
        return events.stream().filter(e -> {
            String kind = e.path("clientAuditFields").path("statementKind").asText();
            return !kind.equals("CONNECTION") && !kind.equals("DRIVER") && !kind.equals("PRODUCER");
        }).toList();
    }

    List<JsonNode> withCommand(String command) {
        return events.stream().filter(e -> e.path("command").asText().equals(command)).toList();
    }

    /** Statements whose text starts so (the normalised text: literals are {@code ?}). */
    List<JsonNode> textStartingWith(String prefix) {
        return statements().stream().filter(e -> e.path("commandText").asText().startsWith(prefix)).toList();
    }

}
