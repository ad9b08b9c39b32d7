package io.jdbcactivity.sample.shop;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;

/**
 * The shop's connection pool: HikariCP with a {@code jdbc:activity:} URL. The driver's options
 * ({@code activity.*}) travel as the pool's data-source properties, which HikariCP hands to the
 * driver as connection properties; nothing of jdbc-activity is called.
 */
public final class ShopPool {
    /** H2 in memory, in MySQL mode, kept alive while the pool is open. */
    public static final String DEFAULT_URL = "jdbc:activity:h2:mem:shop;MODE=MySQL;DB_CLOSE_DELAY=-1";
    /** The user of the in-memory database (H2 makes whoever connects first its owner). */
    public static final String DEFAULT_USER = "shop_app";

    private ShopPool() {
    }

    /** {@code jdbc:mysql://…} and other plain URLs are given the {@code activity:} prefix: the one change a user makes. */
    public static String activityUrl(String url) {
        if (url.startsWith("jdbc:activity:")) {
            return url;
        }
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + url + " (expected jdbc:mysql://host:port/db or "
                    + "jdbc:activity:…)");
        }
        return "jdbc:activity:" + url.substring("jdbc:".length());
    }

    public static HikariDataSource open(String url, String user, String password, int size,
            Map<String, String> activityOptions) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("shop");
        config.setJdbcUrl(activityUrl(url));
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // the first connection is made here: a bad URL, option or stream setting fails now, clearly
        config.setInitializationFailTimeout(1);
        activityOptions.forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }
}
