package io.jdbcactivity.sample.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.testkit.ActivityRecorder;
import io.jdbcactivity.testkit.Statements;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The N+1 lesson: the kit catches the report written with one query per customer, names the line
 * of CustomerHistory that issued the repeated query, and passes the joined version, which returns
 * the same report.
 */
class CustomerHistoryTest {
    @RegisterExtension
    ActivityRecorder activity = ActivityRecorder.forAllThreads();

    private HikariDataSource pool;

    @BeforeEach
    void aShopWithOrders() throws Exception {
        pool = ShopPool.open("jdbc:activity:h2:mem:history-" + System.nanoTime() + ";MODE=MySQL;DB_CLOSE_DELAY=-1",
                ShopPool.DEFAULT_USER, null, 2, Map.of());
        ShopWorkload shop = new ShopWorkload(pool, 1, 1, line -> { });
        shop.createSchema();
        shop.loadCatalogue();
        shop.registerCustomers();
        Random random = new Random(5);
        for (int i = 0; i < 8; i++) {
            shop.shop(random, false);
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void theOneQueryPerCustomerReportIsCaughtAsNPlusOne() throws Exception {
        AtomicReference<List<CustomerHistory.Line>> report = new AtomicReference<>();
        Statements naive = activity.during(() -> report.set(CustomerHistory.oneQueryPerCustomer(pool)));
        assertEquals(ShopWorkload.CUSTOMERS, report.get().size());
        AssertionError e = assertThrows(AssertionError.class, () -> naive.assertNoRepeats(1));
        String m = e.getMessage();
        assertTrue(m.contains(ShopWorkload.CUSTOMERS + " × SELECT total FROM orders WHERE customer_id = ?"), m);
        assertTrue(m.contains(ShopWorkload.CUSTOMERS + " × at " + CustomerHistory.class.getName()
                + ".oneQueryPerCustomer(CustomerHistory.java:"), m);
    }

    @Test
    void theJoinedReportRunsOneQueryAndSaysTheSame() throws Exception {
        AtomicReference<List<CustomerHistory.Line>> joined = new AtomicReference<>();
        activity.during(() -> joined.set(CustomerHistory.joined(pool))).assertNoRepeats(1).assertCount(1);
        assertEquals(CustomerHistory.oneQueryPerCustomer(pool), joined.get());
        assertTrue(joined.get().stream().anyMatch(l -> !l.orderTotals().isEmpty()), "some customers ordered");
    }
}
