package io.jdbcactivity.it;

import io.jdbcactivity.fixtures.ActivityEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flyway migrations and Hibernate ORM against MariaDB through the driver, configured as their
 * users configure them (a URL): the events show their statements with the right command and tables.
 */
class FlywayHibernateTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock("orm");
    @RegisterExtension
    static final MariaDbServer MARIADB = new MariaDbServer();

    @Entity(name = "Category")
    @Table(name = "category")
    public static class Category {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String name;
    }

    @Entity(name = "Book")
    @Table(name = "book")
    public static class Book {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String title;
        BigDecimal price;
        int stock;
        @ManyToOne
        @JoinColumn(name = "category_id")
        Category category;
    }

    @Test
    void migrationsAndEntitiesShowAsTheirStatements() throws Exception {
        // Flyway picks its database plugin by URL prefix when given a URL (it knows p6spy's, not
        // ours), so it is given the application's DataSource, as Spring Boot does; it then asks
        // the connection, which reports the target's own URL and product.
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(Streams.activityUrl(MARIADB.jdbcUrl(), KINESIS, "orm", "flyway"));
        pool.setUsername(MARIADB.user());
        pool.setPassword(MARIADB.password());
        try (HikariDataSource ds = new HikariDataSource(pool)) {
            var result = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            assertEquals(2, result.migrationsExecuted);
        }

        String hibernateUrl = Streams.activityUrl(MARIADB.jdbcUrl(), KINESIS, "orm", "hibernate");
        Configuration cfg = new Configuration()
                .addAnnotatedClass(Category.class).addAnnotatedClass(Book.class)
                .setProperty("hibernate.connection.url", hibernateUrl)
                .setProperty("hibernate.connection.username", MARIADB.user())
                .setProperty("hibernate.connection.password", MARIADB.password())
                .setProperty("hibernate.hbm2ddl.auto", "validate");
        try (SessionFactory sf = cfg.buildSessionFactory()) {
            sf.inTransaction(s -> {
                Category fiction = s.createSelectionQuery("from Category where name = :n", Category.class)
                        .setParameter("n", "fiction").getSingleResult();
                Book b = new Book();
                b.title = "The Shop";
                b.price = new BigDecimal("12.50");
                b.stock = 3;
                b.category = fiction;
                s.persist(b);
            });
            sf.inTransaction(s -> {
                Book b = s.createSelectionQuery("from Book b join fetch b.category where b.title = :t", Book.class)
                        .setParameter("t", "The Shop").getSingleResult();
                b.stock = 2; // dirty checking: an UPDATE at commit
            });
            sf.inTransaction(s -> s.createMutationQuery("delete from Book where stock < :n").setParameter("n", 5)
                    .executeUpdate());
        }
        assertTrue(Activity.flush(Duration.ofSeconds(20)), Activity.stats().toString());

        // Flyway: its history table, the two migrations' DDL and DML, its bookkeeping
        List<JsonNode> flyway = Streams.statements(KINESIS, "orm", "flyway");
        Set<String> flywayShapes = flyway.stream().map(e -> e.path("command").asText() + " " + ActivityEvents.tables(e))
                .collect(Collectors.toSet());
        String history = MARIADB.database() + ".flyway_schema_history"; // Flyway qualifies its own table
        assertTrue(flywayShapes.contains("CREATE TABLE " + history + ":CREATE"), flywayShapes.toString());
        assertTrue(flywayShapes.contains("CREATE TABLE category:CREATE"), flywayShapes.toString());
        assertTrue(flywayShapes.contains("CREATE TABLE book:CREATE"), flywayShapes.toString());
        assertTrue(flywayShapes.contains("INSERT category:INSERT"), flywayShapes.toString());
        assertTrue(flywayShapes.contains("ALTER TABLE book:ALTER"), flywayShapes.toString());
        assertEquals(2, flyway.stream().filter(e -> e.path("command").asText().equals("INSERT")
                && ActivityEvents.tables(e).equals(history + ":INSERT")).count(), "one history row per migration");
        assertTrue(flyway.stream().anyMatch(e -> e.path("command").asText().equals("SELECT")
                && ActivityEvents.tables(e).contains(history + ":READ")), flywayShapes.toString());
        flyway.forEach(e -> assertEquals(0, e.path("exitCode").asInt(), e.toString()));

        // Hibernate: the lookups, the insert, the dirty-checked update, the bulk delete
        List<JsonNode> hibernate = Streams.statements(KINESIS, "orm", "hibernate").stream()
                .filter(e -> !e.path("class").asText().equals("MISC")).toList();
        List<String> shapes = hibernate.stream().map(e -> e.path("command").asText() + " " + ActivityEvents.tables(e))
                .toList();
        assertTrue(shapes.contains("SELECT category:READ"), shapes.toString());
        assertTrue(shapes.contains("INSERT book:INSERT"), shapes.toString());
        assertTrue(shapes.stream().anyMatch(s -> s.startsWith("SELECT ") && s.contains("book:READ")
                && s.contains("category:READ")), "the join fetch: " + shapes);
        assertTrue(shapes.contains("UPDATE book:UPDATE"), shapes.toString());
        assertTrue(shapes.contains("DELETE book:DELETE"), shapes.toString());
        JsonNode delete = hibernate.stream().filter(e -> e.path("command").asText().equals("DELETE")).findFirst()
                .orElseThrow();
        assertEquals(1, delete.path("clientAuditFields").path("rowsAffected").asInt());
        assertTrue(Streams.ofApplication(KINESIS, "orm", "hibernate").stream()
                .filter(e -> e.path("command").asText().equals("COMMIT")).count() >= 3, "three transactions");
    }
}
