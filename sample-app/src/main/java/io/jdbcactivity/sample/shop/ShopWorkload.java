package io.jdbcactivity.sample.shop;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * An online shop's day, against any {@link DataSource}: the schema, a catalogue and customers
 * loaded in batches, shoppers browsing and placing orders in transactions from several threads
 * (stock taken row by row in product order, so concurrent orders never deadlock; lines inserted
 * in a batch), one order rolled back for lack of stock, one registration the database refuses
 * (a duplicate e-mail), one risky statement (a price rise on every product, without WHERE) and
 * the reports with joins and aggregates. It knows nothing of jdbc-activity: the pool's URL is
 * the whole integration.
 */
public final class ShopWorkload {
    static final String[] CATEGORIES = {"tea", "coffee", "cocoa", "mugs", "books"};
    static final String[] CITIES = {"Lyon", "Porto", "Turin", "Ghent", "Aarhus"};
    static final int PRODUCTS = 40;
    static final int CUSTOMERS = 20;
    private static final int INITIAL_STOCK = 10_000;

    private final DataSource pool;
    private final int orders;
    private final int threads;
    private final Duration thinkTime;
    private final Consumer<String> progress;

    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong catalogueReads = new AtomicLong();
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong stockUpdates = new AtomicLong();
    private final AtomicLong reports = new AtomicLong();
    private long failed;
    private long risky;

    /**
     * @param orders   orders attempted, one of which asks for more than the stock holds
     * @param threads  shoppers at once (the pool should have as many connections)
     * @param progress receives a line now and then on long runs
     */
    public ShopWorkload(DataSource pool, int orders, int threads, Consumer<String> progress) {
        this(pool, orders, threads, Duration.ZERO, progress);
    }

    /**
     * @param thinkTime how long each shopper browses before an order: a paced run lasts long
     *                  enough to watch its events arrive (the demo), an unpaced one is a burst
     */
    public ShopWorkload(DataSource pool, int orders, int threads, Duration thinkTime, Consumer<String> progress) {
        if (orders < 1 || threads < 1 || thinkTime.isNegative()) {
            throw new IllegalArgumentException("orders and threads must be positive, the think time not negative");
        }
        this.pool = pool;
        this.orders = orders;
        this.threads = threads;
        this.thinkTime = thinkTime;
        this.progress = progress;
    }

    public ShopResult run() throws SQLException, InterruptedException {
        createSchema();
        loadCatalogue();
        registerCustomers();
        takeOrders();
        registerDuplicateCustomer();
        raiseAllPrices();
        runReports();
        return new ShopResult(statements.get(), PRODUCTS, CUSTOMERS, catalogueReads.get(), placed.get(), rejected.get(),
                lines.get(), stockUpdates.get(), reports.get(), failed, risky);
    }

    // The steps are package-private: the shop's own tests (ShopActivityTest) hold each to a budget.

    void createSchema() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String sql : ShopSchema.DROP) {
                execute(s, sql);
            }
            for (String sql : ShopSchema.CREATE) {
                execute(s, sql);
            }
        }
        progress.accept("schema created");
    }

    void loadCatalogue() throws SQLException {
        Random random = new Random(42);
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO product (sku, name, category, price, stock) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= PRODUCTS; i++) {
                String category = CATEGORIES[i % CATEGORIES.length];
                ps.setString(1, "SKU-" + (1000 + i));
                ps.setString(2, category + " no. " + i);
                ps.setString(3, category);
                ps.setBigDecimal(4, BigDecimal.valueOf(200 + random.nextInt(4800), 2));
                ps.setInt(5, INITIAL_STOCK);
                ps.addBatch();
            }
            executeBatch(ps);
        }
    }

    void registerCustomers() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO customer (email, name, city) VALUES (?, ?, ?)")) {
            for (int i = 1; i <= CUSTOMERS; i++) {
                ps.setString(1, "customer" + i + "@example.com");
                ps.setString(2, "Customer " + i);
                ps.setString(3, CITIES[i % CITIES.length]);
                ps.addBatch();
            }
            executeBatch(ps);
        }
        progress.accept("catalogue of " + PRODUCTS + " products and " + CUSTOMERS + " customers loaded");
    }

    private void takeOrders() throws SQLException, InterruptedException {
        ExecutorService shoppers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "shopper");
            t.setDaemon(true);
            return t;
        });
        AtomicLong done = new AtomicLong();
        long step = Math.max(1, orders / 5);
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                results.add(shoppers.submit(() -> {
                    Random random = new Random(1000 + worker);
                    for (int order = worker; order < orders; order += threads) {
                        // the very last order asks for more than any stock: it is rolled back
                        boolean tooLarge = order == orders - 1;
                        if (!thinkTime.isZero()) {
                            Thread.sleep(thinkTime.toMillis());
                        }
                        shop(random, tooLarge);
                        long n = done.incrementAndGet();
                        if (n % step == 0 || n == orders) {
                            progress.accept("orders " + n + "/" + orders);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : results) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof SQLException s) {
                        throw s;
                    }
                    throw new IllegalStateException("a shopper failed", e.getCause());
                }
            }
        } finally {
            shoppers.shutdownNow();
            shoppers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** One shopper's visit: a category page, a few product pages, then the order. */
    void shop(Random random, boolean tooLarge) throws SQLException {
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        List<Item> basket = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            List<Long> page = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, price FROM product WHERE category = ? ORDER BY price LIMIT 10")) {
                ps.setString(1, category);
                try (ResultSet rs = executeQuery(ps)) {
                    while (rs.next()) {
                        page.add(rs.getLong(1));
                    }
                }
                catalogueReads.incrementAndGet();
            }
            int items = 1 + random.nextInt(3);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, sku, name, price, stock FROM product WHERE id = ?")) {
                for (int i = 0; i < items && !page.isEmpty(); i++) {
                    long id = page.remove(random.nextInt(page.size()));
                    ps.setLong(1, id);
                    try (ResultSet rs = executeQuery(ps)) {
                        if (rs.next()) {
                            int quantity = tooLarge ? INITIAL_STOCK * 100 : 1 + random.nextInt(3);
                            basket.add(new Item(id, quantity, rs.getBigDecimal(4)));
                        }
                    }
                    catalogueReads.incrementAndGet();
                }
            }
            placeOrder(c, 1 + random.nextInt(CUSTOMERS), basket);
        }
    }

    private record Item(long productId, int quantity, BigDecimal unitPrice) {
    }

    /** The order in one transaction: stock first (in product order), then the lines, then the total. */
    private void placeOrder(Connection c, long customerId, List<Item> basket) throws SQLException {
        basket.sort(Comparator.comparingLong(Item::productId));
        c.setAutoCommit(false);
        try {
            long orderId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO orders (customer_id, status) VALUES (?, 'NEW')", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, customerId);
                executeUpdate(ps);
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    orderId = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE product SET stock = stock - ? WHERE id = ? AND stock >= ?")) {
                for (Item item : basket) {
                    ps.setInt(1, item.quantity());
                    ps.setLong(2, item.productId());
                    ps.setInt(3, item.quantity());
                    stockUpdates.incrementAndGet();
                    if (executeUpdate(ps) == 0) {
                        c.rollback(); // out of stock: nothing of the order remains
                        rejected.incrementAndGet();
                        return;
                    }
                }
            }
            BigDecimal total = BigDecimal.ZERO;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?)")) {
                int lineNo = 0;
                for (Item item : basket) {
                    ps.setLong(1, orderId);
                    ps.setInt(2, ++lineNo);
                    ps.setLong(3, item.productId());
                    ps.setInt(4, item.quantity());
                    ps.setBigDecimal(5, item.unitPrice());
                    ps.addBatch();
                    total = total.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())));
                }
                executeBatch(ps);
                lines.addAndGet(basket.size());
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE orders SET total = ?, status = 'PLACED' WHERE id = ?")) {
                ps.setBigDecimal(1, total);
                ps.setLong(2, orderId);
                executeUpdate(ps);
            }
            c.commit();
            placed.incrementAndGet();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** A customer registers twice: the database refuses the second (unique e-mail), the shop says so. */
    private void registerDuplicateCustomer() throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO customer (email, name, city) VALUES (?, ?, ?)")) {
            ps.setString(1, "customer1@example.com");
            ps.setString(2, "Customer 1 again");
            ps.setString(3, CITIES[0]);
            try {
                executeUpdate(ps);
                throw new IllegalStateException("the database accepted a duplicate e-mail: is the schema right?");
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
                failed++;
                progress.accept("registration refused, as expected: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** The risky one: a price rise meant for one category, sent for the whole catalogue. */
    void raiseAllPrices() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            executeUpdate(s, "UPDATE product SET price = ROUND(price * 1.05, 2)");
            risky++;
        }
    }

    void runReports() throws SQLException {
        try (Connection c = pool.getConnection()) {
            report(c, "top customers", "SELECT c.name, c.city, COUNT(o.id) AS orders_placed, SUM(o.total) AS spent"
                    + " FROM customer c JOIN orders o ON o.customer_id = c.id WHERE o.status = 'PLACED'"
                    + " GROUP BY c.id, c.name, c.city ORDER BY spent DESC LIMIT 5", null);
            report(c, "best sellers", "SELECT p.name, SUM(l.quantity) AS sold, SUM(l.quantity * l.unit_price) AS revenue"
                    + " FROM order_line l JOIN product p ON p.id = l.product_id"
                    + " GROUP BY p.id, p.name ORDER BY sold DESC LIMIT 5", null);
            report(c, "revenue by category", "SELECT p.category, COUNT(DISTINCT l.order_id) AS orders_with,"
                    + " COALESCE(SUM(l.quantity * l.unit_price), 0) AS revenue"
                    + " FROM product p LEFT JOIN order_line l ON l.product_id = p.id"
                    + " GROUP BY p.category ORDER BY revenue DESC", null);
            report(c, "low stock", "SELECT sku, name, stock FROM product WHERE stock < ? ORDER BY stock, sku",
                    INITIAL_STOCK);
        }
    }

    private void report(Connection c, String title, String sql, Integer parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setInt(1, parameter);
            }
            int rows = 0;
            String first = null;
            try (ResultSet rs = executeQuery(ps)) {
                while (rs.next()) {
                    if (rows++ == 0) {
                        first = rs.getString(1) + " " + rs.getString(2);
                    }
                }
            }
            reports.incrementAndGet();
            progress.accept("report " + title + ": " + rows + " rows" + (first != null ? ", first: " + first : ""));
        }
    }

    // Every execution goes through these, so the shop knows how many statements it ran.

    private void execute(Statement s, String sql) throws SQLException {
        statements.incrementAndGet();
        s.execute(sql);
    }

    private int executeUpdate(Statement s, String sql) throws SQLException {
        statements.incrementAndGet();
        return s.executeUpdate(sql);
    }

    private int executeUpdate(PreparedStatement ps) throws SQLException {
        statements.incrementAndGet();
        return ps.executeUpdate();
    }

    private ResultSet executeQuery(PreparedStatement ps) throws SQLException {
        statements.incrementAndGet();
        return ps.executeQuery();
    }

    private void executeBatch(PreparedStatement ps) throws SQLException {
        statements.incrementAndGet();
        ps.executeBatch();
    }
}
