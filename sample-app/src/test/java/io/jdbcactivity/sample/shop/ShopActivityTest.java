package io.jdbcactivity.sample.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.testkit.ActivityRecorder;
import io.jdbcactivity.testkit.RecordedEvent;
import io.jdbcactivity.testkit.Statements;
import io.jdbcactivity.testkit.Transaction;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shop's own tests, written with the test kit as an application's would be: a statement
 * budget per shop operation, no statement shape repeated more than three times in any test
 * (failOnRepeats), the one risky statement named, and the SQL of a shopper's visit held to an
 * approved snapshot (src/test/resources/activity-snapshots/ShopActivityTest/shopper-visit.sql).
 */
class ShopActivityTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @RegisterExtension
    ActivityRecorder activity = ActivityRecorder.forAllThreads().failOnRepeats(3);

    private HikariDataSource pool;
    private ShopWorkload shop;

    @BeforeEach
    void openShop() throws Exception {
        pool = ShopPool.open("jdbc:activity:h2:mem:shop-kit-" + DATABASES.incrementAndGet() + ";MODE=MySQL;DB_CLOSE_DELAY=-1",
                ShopPool.DEFAULT_USER, null, 2, Map.of());
        shop = new ShopWorkload(pool, 1, 1, line -> { });
        shop.createSchema();
        shop.loadCatalogue();
        shop.registerCustomers();
        activity.clear(); // each test holds its own operation to account
    }

    @AfterEach
    void closeShop() {
        pool.close();
    }

    @Test
    void aShopperVisitStaysWithinItsBudget() throws Exception {
        shop.shop(new Random(1000), false);
        Statements visit = activity.statements();
        // a category page, up to three product pages, then the order: its row, the stock of each
        // item, the lines in one batch, the total
        visit.assertAtMost(10);
        visit.reading("product").withCommand("SELECT").assertAtMost(4);
        visit.writing("orders").assertCount(2);
        visit.writing("order_line").assertCount(1);
        visit.writing("customer").assertNone();
        visit.withRisk().assertNone();
        List<Transaction> writes = activity.transactions().stream()
                .filter(t -> t.statements().stream().anyMatch(e -> e.eventClass().equals("WRITE"))).toList();
        assertEquals(1, writes.size(), writes.toString());
        writes.get(0).assertCommitted();
    }

    @Test
    void theVisitsSqlIsTheApprovedOne() throws Exception {
        shop.shop(new Random(1000), false);
        activity.statements().assertMatchesSnapshot("shopper-visit");
    }

    @Test
    void anOrderLargerThanTheStockIsRolledBack() throws Exception {
        shop.shop(new Random(1000), true);
        Transaction order = activity.transactions().stream()
                .filter(t -> t.statements().stream().anyMatch(e -> e.writes("orders"))).findFirst().orElseThrow();
        order.assertRolledBack();
        order.statements().writing("order_line").assertNone();
    }

    @Test
    void reportsReadAndWriteNothing() throws Exception {
        shop.runReports();
        Statements reports = activity.statements();
        reports.assertCount(4);
        reports.ofClass("READ").assertCount(4);
        reports.ofClass("WRITE", "DDL").assertNone();
        reports.assertNoRepeats(1);
    }

    @Test
    void thePriceRiseIsTheOneRiskyStatementAndSaysWhere() throws Exception {
        shop.raiseAllPrices();
        Statements risky = activity.statements().withRisk("UPDATE_WITHOUT_WHERE").assertCount(1);
        RecordedEvent rise = risky.list().get(0);
        assertTrue(rise.callSite().startsWith(ShopWorkload.class.getName() + ".executeUpdate(")
                || rise.callSite().startsWith(ShopWorkload.class.getName() + ".raiseAllPrices("), rise.callSite());
    }
}
