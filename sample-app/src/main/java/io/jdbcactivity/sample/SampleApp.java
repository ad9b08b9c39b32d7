package io.jdbcactivity.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a few statements through whatever JDBC URL it is given; with a {@code jdbc:activity:} URL
 * every one becomes an activity event. Knows nothing of the driver but its URL.
 */
public final class SampleApp {
    private SampleApp() {
    }

    public static void main(String[] args) throws SQLException {
        String url = args.length > 0 ? args[0] : "jdbc:activity:h2:mem:shop;DB_CLOSE_DELAY=-1;activity.sink=jsonl";
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(100), price DECIMAL(10,2))");
                s.executeUpdate("INSERT INTO product VALUES (1, 'Tea', 3.50), (2, 'Coffee', 4.20)");
            }
            try (PreparedStatement p = c.prepareStatement("SELECT name, price FROM product WHERE id = ?")) {
                p.setInt(1, 2);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        System.out.println(rs.getString(1) + " " + rs.getBigDecimal(2));
                    }
                }
            }
        }
    }
}
