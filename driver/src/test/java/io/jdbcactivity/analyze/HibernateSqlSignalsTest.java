package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.MariaDbServer;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hibernate's own SQL is the oracle for the injection signals' precision: a shop model with
 * inheritance (single table, joined, table per class: its UNION ALL with {@code null} columns),
 * embeddables, element collections, versions, and a range of HQL and Criteria queries (joins,
 * fetches, subqueries, EXISTS, CASE, LIKE, IN, BETWEEN, GROUP BY/HAVING, paging, bulk UPDATE and
 * DELETE, empty conjunctions and disjunctions), run on MariaDB through the driver with
 * {@code commandText=full}. No event may carry an {@code SQLI_} risk. The texts are written to
 * {@code target/hibernate-sql.txt}; they are also kept in benign.sql.
 */
class HibernateSqlSignalsTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Embeddable
    public static class Address {
        String street;
        String city;
        String zip;
    }

    @Entity(name = "Customer")
    @Table(name = "customer")
    public static class Customer {
        @Id
        @GeneratedValue
        Long id;
        String name;
        String email;
        boolean active;
        @Embedded
        Address address;
        @ElementCollection
        Set<String> tags = new HashSet<>();
        @OneToMany(mappedBy = "customer")
        List<PurchaseOrder> orders = new ArrayList<>();
        @Version
        int version;
    }

    @Entity(name = "Category")
    @Table(name = "category")
    public static class Category {
        @Id
        @GeneratedValue
        Long id;
        String name;
    }

    @Entity(name = "Product")
    @Table(name = "product")
    public static class Product {
        @Id
        @GeneratedValue
        Long id;
        String sku;
        String name;
        BigDecimal price;
        int stock;
        @ManyToMany
        Set<Category> categories = new HashSet<>();
    }

    @Entity(name = "PurchaseOrder")
    @Table(name = "purchase_order")
    public static class PurchaseOrder {
        @Id
        @GeneratedValue
        Long id;
        @ManyToOne
        Customer customer;
        String status;
        LocalDate placed;
        BigDecimal total;
        @OneToMany(mappedBy = "order")
        List<OrderLine> lines = new ArrayList<>();
    }

    @Entity(name = "OrderLine")
    @Table(name = "order_line")
    public static class OrderLine {
        @Id
        @GeneratedValue
        Long id;
        @ManyToOne
        PurchaseOrder order;
        @ManyToOne
        Product product;
        int quantity;
    }

    @Entity(name = "Payment")
    @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
    @Table(name = "payment")
    public static class Payment {
        @Id
        @GeneratedValue
        Long id;
        BigDecimal amount;
    }

    @Entity(name = "CardPayment")
    @DiscriminatorValue("CARD")
    public static class CardPayment extends Payment {
        String cardLast4;
    }

    @Entity(name = "Shipment")
    @Inheritance(strategy = InheritanceType.JOINED)
    @Table(name = "shipment")
    public static class Shipment {
        @Id
        @GeneratedValue
        Long id;
        String carrier;
    }

    @Entity(name = "ExpressShipment")
    @Table(name = "express_shipment")
    public static class ExpressShipment extends Shipment {
        int hours;
    }

    @Entity(name = "Document")
    @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
    public abstract static class Document {
        @Id
        Long id;
        String title;
    }

    @Entity(name = "Invoice")
    @Table(name = "invoice")
    public static class Invoice extends Document {
        BigDecimal amount;
    }

    @Entity(name = "Receipt")
    @Table(name = "receipt")
    public static class Receipt extends Document {
        String method;
    }

    @Test
    void hibernatesSqlRaisesNoInjectionSignal() throws Exception {
        Map<String, List<String>> risksByText = new LinkedHashMap<>();
        List<JsonNode> events = new ArrayList<>();
        try (AutoCloseable tap = Activity.listen((thread, json) -> events.add(parse(json)), false)) {
            SessionFactory sessions = new Configuration()
                    .addAnnotatedClass(Customer.class).addAnnotatedClass(Category.class)
                    .addAnnotatedClass(Product.class).addAnnotatedClass(PurchaseOrder.class)
                    .addAnnotatedClass(OrderLine.class).addAnnotatedClass(Payment.class)
                    .addAnnotatedClass(CardPayment.class).addAnnotatedClass(Shipment.class)
                    .addAnnotatedClass(ExpressShipment.class).addAnnotatedClass(Document.class)
                    .addAnnotatedClass(Invoice.class).addAnnotatedClass(Receipt.class)
                    .setProperty("hibernate.connection.url", DB.activityUrl("activity.sink=none",
                            "activity.commandText=full"))
                    .setProperty("hibernate.connection.username", DB.user())
                    .setProperty("hibernate.connection.password", DB.password())
                    .setProperty("hibernate.hbm2ddl.auto", "create-drop")
                    .setProperty("hibernate.jdbc.batch_size", "0")
                    .buildSessionFactory();
            try {
                work(sessions);
            } finally {
                sessions.close();
            }
            assertTrue(Activity.awaitPublished(Duration.ofSeconds(20)));
        }
        for (JsonNode e : events) {
            ActivityEvents.validate(e);
            if (e.path("class").asText().equals("CONNECT") || !e.path("commandText").isTextual()) {
                continue;
            }
            List<String> risks = new ArrayList<>();
            e.path("clientAuditFields").path("risk").forEach(r -> risks.add(r.asText()));
            risksByText.merge(e.path("commandText").asText(), risks, (a, b) -> a);
        }
        Path out = Path.of("target", "hibernate-sql.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, risksByText.keySet());
        List<String> alarms = risksByText.entrySet().stream()
                .filter(en -> en.getValue().stream().anyMatch(r -> r.startsWith("SQLI_")))
                .map(en -> en.getValue() + " " + en.getKey()).toList();
        System.out.println("Hibernate 7.1 on MariaDB: " + risksByText.size() + " distinct statements, "
                + alarms.size() + " with an injection signal");
        assertTrue(risksByText.size() >= 80, "a broad sample of Hibernate's SQL: " + risksByText.size());
        assertEquals(List.of(), alarms);
    }

    private static void work(SessionFactory sessions) {
        sessions.inTransaction(s -> {
            Category books = new Category();
            books.name = "books";
            s.persist(books);
            for (int c = 0; c < 3; c++) {
                Customer cu = new Customer();
                cu.name = "customer " + c;
                cu.email = "c" + c + "@example.com";
                cu.active = c % 2 == 0;
                cu.address = new Address();
                cu.address.city = "Lyon";
                cu.tags.add("vip");
                s.persist(cu);
                Product p = new Product();
                p.sku = "SKU-" + c;
                p.name = "product " + c;
                p.price = BigDecimal.TEN;
                p.categories.add(books);
                s.persist(p);
                PurchaseOrder o = new PurchaseOrder();
                o.customer = cu;
                o.status = "NEW";
                o.placed = LocalDate.of(2026, 11, 1 + c);
                o.total = BigDecimal.valueOf(20 + c);
                s.persist(o);
                OrderLine l = new OrderLine();
                l.order = o;
                l.product = p;
                l.quantity = 2;
                s.persist(l);
            }
            CardPayment pay = new CardPayment();
            pay.amount = BigDecimal.ONE;
            pay.cardLast4 = "4242";
            s.persist(pay);
            ExpressShipment sh = new ExpressShipment();
            sh.carrier = "UPS";
            sh.hours = 24;
            s.persist(sh);
            Invoice inv = new Invoice();
            inv.id = 1L;
            inv.title = "inv";
            inv.amount = BigDecimal.ONE;
            s.persist(inv);
            Receipt r = new Receipt();
            r.id = 2L;
            r.title = "rec";
            r.method = "cash";
            s.persist(r);
        });
        List<String> hql = List.of(
                "from Customer c where c.name = :p0",
                "from Customer c where c.name like :p0 order by c.name",
                "from Customer c where lower(c.email) like lower(:p0)",
                "from Customer c where c.active = true and c.address.city = :p0",
                "from Customer c where c.id in (:p0)",
                "from Customer c where c.name is null or c.email is not null",
                "select c from Customer c join c.orders o where o.total > :p0",
                "select distinct c from Customer c left join fetch c.orders",
                "select c from Customer c left join fetch c.tags where c.id = :p0",
                "select c.name, count(o) from Customer c left join c.orders o group by c.name having count(o) > :p0",
                "select o from PurchaseOrder o join fetch o.customer where o.status in ('NEW', 'PAID')",
                "select o from PurchaseOrder o where o.placed between :p0 and :p1",
                "select o from PurchaseOrder o where o.total = (select max(o2.total) from PurchaseOrder o2)",
                "select o from PurchaseOrder o where exists (select 1 from OrderLine l where l.order = o and l.quantity > :p0)",
                "select o from PurchaseOrder o where not exists (select l from OrderLine l where l.order = o)",
                "select case when o.total > 100 then 'big' else 'small' end from PurchaseOrder o",
                "select o.status, sum(o.total), avg(o.total) from PurchaseOrder o group by o.status order by 2 desc",
                "select p from Product p join p.categories c where c.name = :p0",
                "select p from Product p where p.stock = 0 or p.price < :p0",
                "select p from Product p where p.sku not in (select p2.sku from Product p2 where p2.stock > 10)",
                "select p.name from Product p where p.name like 'prod%' escape '!'",
                "select coalesce(p.price, 0), concat(p.sku, '-', p.name) from Product p",
                "select l from OrderLine l join fetch l.product join fetch l.order o join fetch o.customer",
                "select count(*) from OrderLine l where l.quantity >= 1",
                "from Payment", "from CardPayment c where c.cardLast4 = :p0",
                "from Shipment", "from ExpressShipment e where e.hours < :p0",
                "from Document", "from Document d where d.title = :p0", "from Invoice i where i.amount > :p0",
                "select c from Customer c where c.email = 'O''Brien@example.com'",
                "select c from Customer c where size(c.orders) > 1",
                "select c from Customer c where :p0 member of c.tags",
                "select year(o.placed), month(o.placed), count(o) from PurchaseOrder o group by year(o.placed), month(o.placed)",
                "select o from PurchaseOrder o order by o.placed desc nulls last",
                "select c.name from Customer c union select p.name from Product p",
                "select o from PurchaseOrder o where o.customer.id = :p0 and o.status <> 'CANCELLED'",
                "select substring(c.name, 1, 3), length(c.email), upper(c.name) from Customer c",
                "select c from Customer c where c.version = 0 and c.active = false");
        sessions.inTransaction(s -> {
            for (String q : hql) {
                var query = s.createQuery(q, Object.class).setMaxResults(q.contains("order by") ? 10 : Integer.MAX_VALUE);
                for (var p : query.getParameters()) {
                    Object value = valueOf(p.getParameterType(), q);
                    if (q.contains("in (:")) {
                        query.setParameterList(p.getName(), List.of(1L, 2L));
                    } else {
                        query.setParameter(p.getName(), value);
                    }
                }
                query.getResultList();
            }
            s.createQuery("from Customer c order by c.id", Customer.class).setFirstResult(1).setMaxResults(2).getResultList();
            // Criteria: empty conjunction and disjunction (Hibernate's 1=1 and 1=0), dynamic filters
            CriteriaBuilder cb = s.getCriteriaBuilder();
            CriteriaQuery<Customer> cq = cb.createQuery(Customer.class);
            Root<Customer> root = cq.from(Customer.class);
            s.createQuery(cq.select(root).where(cb.and())).getResultList();
            s.createQuery(cq.select(root).where(cb.or())).getResultList();
            s.createQuery(cq.select(root).where(cb.or(cb.equal(root.get("name"), "a"), cb.or()))).getResultList();
            s.createQuery(cq.select(root).where(cb.and(cb.and(), cb.like(root.get("email"), "%@example.com")))).getResultList();
            List<Predicate> filters = new ArrayList<>();
            filters.add(cb.isTrue(root.get("active")));
            filters.add(cb.equal(root.get("address").get("city"), "Lyon"));
            filters.add(cb.greaterThan(root.get("version"), -1));
            s.createQuery(cq.select(root).where(filters.toArray(Predicate[]::new)).orderBy(cb.asc(root.get("name"))))
                    .getResultList();
            s.createQuery(cq.select(root).where(root.get("id").in(List.of()))).getResultList();
            CriteriaQuery<Long> count = cb.createQuery(Long.class);
            Root<PurchaseOrder> o = count.from(PurchaseOrder.class);
            s.createQuery(count.select(cb.count(o)).where(cb.between(o.get("total"), BigDecimal.ONE, BigDecimal.TEN)))
                    .getSingleResult();
            s.createMutationQuery("update Product p set p.stock = p.stock + 1 where p.sku = :sku").setParameter("sku", "SKU-1")
                    .executeUpdate();
            s.createMutationQuery("update Customer c set c.active = false where c.email like '%@old.example'")
                    .executeUpdate();
            s.createMutationQuery("delete from OrderLine l where l.quantity = 0").executeUpdate();
            s.createMutationQuery("delete from Document d where d.title = 'none'").executeUpdate();
            s.createNativeQuery("select count(*) from customer where active = 1", Long.class).getSingleResult();
            Customer c = s.find(Customer.class, 1L);
            if (c != null) {
                c.name = "renamed";
                c.orders.size();
            }
            s.find(Product.class, 2L);
            s.find(Document.class, 1L);
            s.find(Shipment.class, 1L);
        });
        sessions.inTransaction(s -> {
            for (PurchaseOrder o : s.createQuery("from PurchaseOrder", PurchaseOrder.class).getResultList()) {
                for (OrderLine l : o.lines) {
                    s.remove(l);
                }
            }
        });
    }

    /** A value of the parameter's inferred type (by the query's words where Hibernate infers none). */
    private static Object valueOf(Class<?> type, String q) {
        if (type == Long.class || type == long.class) {
            return 1L;
        }
        if (type == Integer.class || type == int.class) {
            return 1;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (type == LocalDate.class || q.contains("placed between")) {
            return LocalDate.of(2026, 11, 1);
        }
        if (type == Boolean.class) {
            return true;
        }
        return "x%";
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
