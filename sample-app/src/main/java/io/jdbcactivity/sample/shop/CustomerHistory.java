package io.jdbcactivity.sample.shop;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The shop's "customer history" report — each customer with the orders they placed — written
 * twice, as a lesson the test kit teaches: {@link #oneQueryPerCustomer} is the N+1 pattern an ORM's
 * lazy collection produces (one query for the customers, then one per customer), and
 * {@link #joined} is its fix (one query). Both return the same report; the sample's
 * {@code CustomerHistoryTest} shows the kit catching the first, naming the line that issued the
 * repeated query, and passing the second.
 */
public final class CustomerHistory {
    /** One customer's line of the report. */
    public record Line(String customer, List<BigDecimal> orderTotals) {
    }

    private CustomerHistory() {
    }

    /** The N+1 version: 1 + (number of customers) queries. */
    public static List<Line> oneQueryPerCustomer(DataSource pool) throws SQLException {
        List<Line> report = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            Map<Long, String> customers = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM customer ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    customers.put(rs.getLong(1), rs.getString(2));
                }
            }
            for (Map.Entry<Long, String> customer : customers.entrySet()) {
                List<BigDecimal> totals = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT total FROM orders WHERE customer_id = ? AND status = 'PLACED' ORDER BY id")) {
                    ps.setLong(1, customer.getKey());
                    try (ResultSet rs = ps.executeQuery()) { // one query per customer: the N+1
                        while (rs.next()) {
                            totals.add(rs.getBigDecimal(1));
                        }
                    }
                }
                report.add(new Line(customer.getValue(), totals));
            }
        }
        return report;
    }

    /** The fix: one query, customers without orders kept by the outer join. */
    public static List<Line> joined(DataSource pool) throws SQLException {
        Map<Long, Line> report = new LinkedHashMap<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT c.id, c.name, o.total FROM customer c"
                        + " LEFT JOIN orders o ON o.customer_id = c.id AND o.status = 'PLACED' ORDER BY c.id, o.id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Line line = report.computeIfAbsent(rs.getLong(1), id -> {
                    try {
                        return new Line(rs.getString(2), new ArrayList<>());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                BigDecimal total = rs.getBigDecimal(3);
                if (total != null) {
                    line.orderTotals().add(total);
                }
            }
        }
        return List.copyOf(report.values());
    }
}
