package io.jdbcactivity.kittests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.testkit.ActivityRecorder;
import io.jdbcactivity.testkit.Statements;
import io.jdbcactivity.testkit.Transaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The recorder as an application's test uses it: H2 through jdbc:activity: URLs and wrapped data
 * sources, counts, risks, writes, transactions, N+1 with call sites, and the failure messages.
 * (This package is not the kit's, so its frames are call sites.)
 */
class ActivityRecorderTest {
    @RegisterExtension
    ActivityRecorder activity = ActivityRecorder.forAllThreads();

    private final String url = H2Databases.activityUrl();

    @BeforeEach
    void schema() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(40))");
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total DECIMAL(10,2))");
            for (int i = 1; i <= 10; i++) {
                s.execute("INSERT INTO customer VALUES (" + i + ", 'c" + i + "')");
                s.execute("INSERT INTO orders VALUES (" + i + ", " + i + ", " + i + "0.00)");
            }
        }
    }

    @Test
    void eachTestStartsEmptyAndCountsByClassCommandTableAndAccess() throws Exception {
        activity.clear(); // the set-up's statements were recorded too: this test looks at its own
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeQuery("SELECT c.name, o.total FROM customer c JOIN orders o ON o.customer_id = c.id").close();
            s.executeUpdate("UPDATE orders SET total = total + 1 WHERE id = 3");
            s.executeUpdate("INSERT INTO customer VALUES (11, 'new')");
        }
        Statements all = activity.statements();
        all.assertCount(3);
        all.ofClass("READ").assertCount(1);
        all.ofClass("write").assertCount(2);
        all.withCommand("UPDATE").assertCount(1);
        all.onTable("orders").assertCount(2);
        all.reading("orders").assertCount(1);
        all.writing("orders").assertCount(1);
        all.writing("customer").assertCount(1);
        all.reading("customer").withCommand("SELECT").assertCount(1);
        all.withRisk().assertNone();
        assertEquals(List.of("SELECT c.name, o.total FROM customer c JOIN orders o ON o.customer_id = c.id",
                "UPDATE orders SET total = total + ? WHERE id = ?", "INSERT INTO customer VALUES (?, ?)"), all.texts());
        // the connection's own events are there too, apart
        assertEquals(List.of("CONNECT", "SELECT", "UPDATE", "INSERT", "DISCONNECT"),
                activity.events().stream().map(e -> e.command()).toList());
    }

    @Test
    void aFailedCountNamesTheStatementsWithTheirCallSites() throws Exception {
        activity.clear();
        int line;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            s.executeUpdate("DELETE FROM orders WHERE id = 1");
            s.executeUpdate("DELETE FROM orders WHERE id = 2");
        }
        AssertionError e = assertThrows(AssertionError.class, () -> activity.statements().writing("orders").assertAtMost(1));
        String m = e.getMessage();
        assertTrue(m.startsWith("expected at most 1 statements writing orders, found 2:"), m);
        assertTrue(m.contains("2 × DELETE FROM orders WHERE id = ?"), m);
        assertTrue(m.contains("digest "), m);
        assertTrue(m.contains("1 × at " + ActivityRecorderTest.class.getName()
                + ".aFailedCountNamesTheStatementsWithTheirCallSites(ActivityRecorderTest.java:" + line + ")"), m);
        assertTrue(m.contains("ActivityRecorderTest.java:" + (line + 1) + ")"), m);
    }

    @Test
    void riskyStatementsAndWritesAreCaught() throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE orders SET total = 0");
        }
        AssertionError e = assertThrows(AssertionError.class, () -> activity.statements().withRisk().assertNone());
        assertTrue(e.getMessage().contains("expected no statements with a risk flag, found 1"), e.getMessage());
        assertTrue(e.getMessage().contains("UPDATE orders SET total = ?"), e.getMessage());
        activity.statements().withRisk("UPDATE_WITHOUT_WHERE").assertCount(1);
        activity.statements().withRisk("DELETE_WITHOUT_WHERE", "DROP").assertNone();
        assertThrows(AssertionError.class, () -> activity.statements().writing("orders").assertNone());
        activity.statements().writing("customer").assertCount(11); // the set-up: CREATE TABLE (DDL writes) and 10 inserts
    }

    /** The N+1 pattern: the orders of each customer, one query per customer. */
    private static List<String> totalsOneByOne(Connection c) throws SQLException {
        List<String> totals = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet customers = s.executeQuery("SELECT id FROM customer")) {
            while (customers.next()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT total FROM orders WHERE customer_id = ?")) {
                    ps.setInt(1, customers.getInt(1));
                    try (ResultSet rs = ps.executeQuery()) { // the line the N+1 report names
                        while (rs.next()) {
                            totals.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return totals;
    }

    private static List<String> totalsJoined(Connection c) throws SQLException {
        List<String> totals = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT o.total FROM customer c JOIN orders o ON o.customer_id = c.id ORDER BY c.id")) {
            while (rs.next()) {
                totals.add(rs.getString(1));
            }
        }
        return totals;
    }

    @Test
    void nPlusOneIsReportedWithTheLineThatIssuedIt() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            Statements naive = activity.during(() -> assertEquals(10, totalsOneByOne(c).size()));
            AssertionError e = assertThrows(AssertionError.class, () -> naive.assertNoRepeats(2));
            String m = e.getMessage();
            assertTrue(m.startsWith("N+1: a statement shape ran more than 2 times in statements of the block:"), m);
            assertTrue(m.contains("10 × SELECT total FROM orders WHERE customer_id = ?"), m);
            int line = lineOf("// the line the N+1 report names");
            assertTrue(m.contains("10 × at " + ActivityRecorderTest.class.getName() + ".totalsOneByOne(ActivityRecorderTest.java:"
                    + line + ")"), m);
            assertEquals(11, naive.count());

            Statements fixed = activity.during(() -> assertEquals(10, totalsJoined(c).size()));
            fixed.assertNoRepeats(1).assertCount(1);
        }
        // the whole test saw both
        assertThrows(AssertionError.class, () -> activity.statements().assertNoRepeats(9));
        activity.statements().containing("customer_id = ?").assertCount(10);
    }

    private static int lineOf(String marker) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(
                java.nio.file.Path.of("src/test/java/io/jdbcactivity/kittests/ActivityRecorderTest.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker) && !lines.get(i).contains("lineOf(")) {
                return i + 1;
            }
        }
        throw new IllegalStateException(marker);
    }

    @Test
    void transactionsSayHowTheyEnded() throws Exception {
        activity.clear();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE orders SET total = 1 WHERE id = 1");
                s.executeUpdate("UPDATE customer SET name = 'x' WHERE id = 1");
                c.commit();
                s.executeUpdate("DELETE FROM orders WHERE id = 2");
                c.rollback();
            }
            try (Statement s = c.createStatement()) {
                s.execute("SAVEPOINT before_delete");
                s.executeUpdate("DELETE FROM orders WHERE id = 3");
                s.execute("ROLLBACK TO SAVEPOINT before_delete");
                assertEquals(Transaction.Outcome.OPEN, activity.transactions().get(2).outcome(),
                        "a rollback to a savepoint ends nothing");
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1").close();
            }
        }
        // the driver's own calls (setAutoCommit) are no transactions of the application's
        List<Transaction> txs = activity.transactions();
        assertEquals(4, txs.size(), txs.toString());
        txs.get(2).assertCommitted().statements().assertCount(3);
        txs = List.of(txs.get(0), txs.get(1), txs.get(3));
        txs.get(0).assertCommitted().statements().assertCount(2);
        txs.get(1).assertRolledBack().statements().writing("orders").assertCount(1);
        assertEquals(Transaction.Outcome.AUTO_COMMIT, txs.get(2).outcome());
        AssertionError e = assertThrows(AssertionError.class, txs.get(1)::assertCommitted);
        assertTrue(e.getMessage().contains("ROLLED_BACK") && e.getMessage().contains("DELETE FROM orders WHERE id = ?"),
                e.getMessage());
    }

    @Test
    void aWrappedDataSourceAndAPoolAreRecorded() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(H2Databases.url());
        HikariConfig config = new HikariConfig();
        config.setDataSource(ActivityRecorder.wrap(h2));
        config.setMaximumPoolSize(2);
        activity.clear();
        try (HikariDataSource pool = new HikariDataSource(config)) {
            for (int i = 0; i < 5; i++) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT " + i).close();
                }
            }
        }
        Statements selects = activity.statements().withCommand("SELECT");
        selects.assertCount(5);
        assertEquals(1, selects.shapes().size(), "one shape for five literals");
        assertTrue(selects.list().get(0).callSite().contains("aWrappedDataSourceAndAPoolAreRecorded"),
                selects.list().get(0).callSite());
    }
}
