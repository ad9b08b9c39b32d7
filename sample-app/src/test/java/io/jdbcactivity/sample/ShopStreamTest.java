package io.jdbcactivity.sample;

import io.jdbcactivity.fixtures.ActivityEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shop's workload through the driver into the Kinesis emulator, on H2 and on the local
 * MariaDB: a reader of the stream gets every statement the shop ran, with the expected command,
 * tables and rows, the refused registration with its error, and the risky price rise flagged.
 */
class ShopStreamTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();
    @RegisterExtension
    static final MariaDbServer MARIADB = new MariaDbServer();

    @AfterAll
    static void stopPublishers() {
        ShopRun.stopPublishers();
    }

    @Test
    void onH2() throws Exception {
        KINESIS.createStream("shop-h2", 2);
        ShopRun run = ShopRun.into(KINESIS, "shop-h2",
                "jdbc:activity:h2:mem:" + H2Databases.newName() + ";MODE=MySQL;DB_CLOSE_DELAY=-1", null, null, 60);
        check(run);
    }

    @Test
    void onMariaDb() throws Exception {
        KINESIS.createStream("shop-mariadb", 2);
        ShopRun run = ShopRun.into(KINESIS, "shop-mariadb", MARIADB.jdbcUrl(), MARIADB.user(), MARIADB.password(), 60);
        check(run);
        for (JsonNode e : run.statements()) {
            assertEquals(MARIADB.user(), e.path("dbUserName").asText(), e.toString());
            assertEquals(MARIADB.database(), e.path("databaseName").asText(), e.toString());
        }
    }

    private static void check(ShopRun run) {
        var r = run.result;
        assertEquals(59, r.ordersPlaced());
        assertEquals(1, r.ordersRejected());

        // every statement the shop ran, once each, from the shop
        List<JsonNode> statements = run.statements();
        assertEquals(r.statements(), statements.size(), "one event per execution");
        assertEquals(r.statements(), statements.stream().map(e -> e.path("clientAuditFields").path("eventId").asText())
                .distinct().count(), "event ids are unique");
        assertTrue(run.events.stream().filter(e -> !e.path("type").asText().equals("heartbeat"))
                .allMatch(e -> "shop".equals(e.path("clientApplication").asText())), "clientApplication");

        // schema: the drops (flagged), the creates
        List<JsonNode> drops = run.withCommand("DROP TABLE");
        assertEquals(4, drops.size());
        drops.forEach(e -> assertEquals("DDL", e.path("class").asText()));
        drops.forEach(e -> assertTrue(risks(e).contains("DROP"), e.toString()));
        assertEquals(Set.of("customer:CREATE", "product:CREATE", "orders:CREATE", "order_line:CREATE"),
                run.withCommand("CREATE TABLE").stream().map(ActivityEvents::tables).collect(Collectors.toSet()));
        assertEquals(1, run.withCommand("CREATE INDEX").size());

        // catalogue and customers: one batch each, with its size and rows
        JsonNode products = single(run.textStartingWith("INSERT INTO product"));
        assertEquals("product:INSERT", ActivityEvents.tables(products));
        assertEquals(40, products.path("clientAuditFields").path("batch").path("size").asInt());
        assertEquals("WRITE", products.path("class").asText());
        List<JsonNode> customerInserts = run.textStartingWith("INSERT INTO customer");
        assertEquals(2, customerInserts.size(), "the batch and the refused registration");

        // orders: each in a transaction, with its stock updates, its lines in a batch and its total
        List<JsonNode> orderInserts = run.textStartingWith("INSERT INTO orders");
        assertEquals(r.ordersPlaced() + r.ordersRejected(), orderInserts.size());
        orderInserts.forEach(e -> {
            assertEquals("orders:INSERT", ActivityEvents.tables(e));
            assertEquals(1, e.path("clientAuditFields").path("rowsAffected").asInt());
            assertFalse(e.path("clientAuditFields").path("autoCommit").asBoolean());
        });
        List<JsonNode> stock = run.textStartingWith("UPDATE product SET stock");
        assertEquals(r.stockUpdates(), stock.size());
        assertEquals(1, stock.stream().filter(e -> e.path("clientAuditFields").path("rowsAffected").asInt() == 0)
                .count(), "the out-of-stock update changed nothing");
        List<JsonNode> lineBatches = run.textStartingWith("INSERT INTO order_line");
        assertEquals(r.ordersPlaced(), lineBatches.size());
        assertEquals(r.orderLines(), lineBatches.stream()
                .mapToLong(e -> e.path("clientAuditFields").path("batch").path("size").asLong()).sum());
        lineBatches.forEach(e -> assertEquals("order_line:INSERT", ActivityEvents.tables(e)));
        assertEquals(r.ordersPlaced(), run.textStartingWith("UPDATE orders SET total").size());
        List<JsonNode> commits = run.withCommand("COMMIT");
        assertEquals(r.ordersPlaced(), commits.size());
        // the shop rolls back only the out-of-stock order; HikariCP adds none (auto-commit is back on at close)
        assertEquals(r.ordersRejected(), run.withCommand("ROLLBACK").size());
        for (JsonNode commit : commits) {
            Set<String> tablesOfTransaction = new HashSet<>();
            for (JsonNode e : run.events) {
                if (sameTransaction(e, commit)) {
                    tablesOfTransaction.add(ActivityEvents.tables(e));
                }
            }
            assertTrue(tablesOfTransaction.containsAll(Set.of("orders:INSERT", "product:UPDATE",
                    "order_line:INSERT", "orders:UPDATE")), "one order's transaction: " + tablesOfTransaction);
        }

        // the refused registration: the error, without the e-mail it was about
        List<JsonNode> errors = statements.stream().filter(e -> e.path("exitCode").asLong() != 0).toList();
        assertEquals(1, errors.size(), "exactly one statement failed");
        JsonNode refused = errors.get(0);
        assertEquals("INSERT", refused.path("command").asText());
        assertEquals("customer:INSERT", ActivityEvents.tables(refused));
        assertTrue(refused.path("clientAuditFields").path("sqlState").asText().startsWith("23"), refused.toString());
        assertNotNull(refused.path("errorMessage").textValue());
        assertFalse(refused.toString().contains("customer1@example.com"), "literal values are not published");

        // the risky one
        List<JsonNode> risky = statements.stream().filter(e -> risks(e).contains("UPDATE_WITHOUT_WHERE")).toList();
        assertEquals(1, risky.size());
        assertEquals("product:UPDATE", ActivityEvents.tables(risky.get(0)));
        assertEquals(40, risky.get(0).path("clientAuditFields").path("rowsAffected").asInt());
        assertEquals("UPDATE product SET price = ROUND(price * ?, ?)", risky.get(0).path("commandText").asText());

        // catalogue pages and product pages, then the reports with joins
        long productReads = statements.stream().filter(e -> e.path("command").asText().equals("SELECT")
                && ActivityEvents.tables(e).equals("product:READ")).count();
        assertEquals(r.catalogueReads() + 1, productReads, "catalogue reads and the low-stock report");
        JsonNode top = single(run.textStartingWith("SELECT c.name, c.city"));
        assertEquals(Set.of("customer:READ", "orders:READ"), Set.of(ActivityEvents.tables(top).split(" ")));
        assertEquals(5, top.path("clientAuditFields").path("rowsReturned").asInt());
        JsonNode best = single(run.textStartingWith("SELECT p.name, SUM"));
        assertEquals(Set.of("order_line:READ", "product:READ"), Set.of(ActivityEvents.tables(best).split(" ")));
        assertEquals(5, best.path("clientAuditFields").path("rowsReturned").asInt());
        JsonNode categories = single(run.textStartingWith("SELECT p.category"));
        assertEquals(5, categories.path("clientAuditFields").path("rowsReturned").asInt(), "five categories");

        // connections: each opened and closed once
        Map<String, Long> connectionEvents = run.events.stream()
                .filter(e -> e.path("class").asText().equals("CONNECT"))
                .collect(Collectors.groupingBy(e -> e.path("command").asText(), Collectors.counting()));
        assertTrue(connectionEvents.get("CONNECT") >= 1, connectionEvents.toString());
        assertEquals(connectionEvents.get("CONNECT"), connectionEvents.get("DISCONNECT"), connectionEvents.toString());
    }

    private static boolean sameTransaction(JsonNode a, JsonNode b) {
        return a.path("clientAuditFields").path("connectionId").asText()
                .equals(b.path("clientAuditFields").path("connectionId").asText())
                && a.path("transactionId").asLong() == b.path("transactionId").asLong();
    }

    static Set<String> risks(JsonNode e) {
        Set<String> out = new HashSet<>();
        e.path("clientAuditFields").path("risk").forEach(r -> out.add(r.asText()));
        return out;
    }

    private static JsonNode single(List<JsonNode> events) {
        assertEquals(1, events.size(), events.toString());
        return events.get(0);
    }
}
