package io.jdbcactivity.it.boot;

import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A minimal Spring Boot application with JPA (Hibernate) and HikariCP, configured as the README
 * says ({@code shop.properties}): it does some work at startup, prints {@code ready}, and stays
 * up ({@code spring.main.keep-alive}) until the JVM is told to stop. At that stop Spring's own
 * shutdown hook closes JPA, which drops the {@code create-drop} schema, and then the pool.
 * Run by {@code SpringBootShutdownTest} as a child JVM; the test supplies {@code shop.*}.
 */
@SpringBootApplication
public class ShopApplication {
    public static void main(String[] args) {
        // its own configuration file name: this class path is shared with other tests
        new SpringApplicationBuilder(ShopApplication.class).properties("spring.config.name=shop").run(args);
    }

    /** Some of everything an application does: inserts, a join, an update, a delete, a count. */
    @Bean
    CommandLineRunner work(CustomerRepository customers, ProductRepository products, PurchaseOrderRepository orders) {
        return args -> {
            List<Customer> people = customers.saveAll(List.of(new Customer("ada"), new Customer("grace"),
                    new Customer("edsger")));
            List<Product> things = products.saveAll(List.of(new Product("tea", new BigDecimal("3.50")),
                    new Product("cup", new BigDecimal("8.00")), new Product("pot", new BigDecimal("21.00"))));
            for (Customer c : people) {
                orders.save(new PurchaseOrder(c, things.get(0), 2));
                orders.save(new PurchaseOrder(c, things.get(people.indexOf(c) % 2 + 1), 1));
            }
            List<PurchaseOrder> adas = orders.findByCustomerName("ada");
            Product tea = things.get(0);
            tea.price = new BigDecimal("3.80");
            products.save(tea);
            orders.delete(adas.get(0));
            System.out.println("ready: " + orders.count() + " orders");
        };
    }

    /**
     * Only with {@code shop.shutdown-pause-ms} (the test's negative control): at shutdown, before
     * JPA closes, the application waits as if for work still under way (a message being sent, a
     * request being answered). It depends on JPA, so Spring destroys it first.
     */
    @Bean
    @ConditionalOnProperty("shop.shutdown-pause-ms")
    DisposableBean pauseBeforeJpaCloses(EntityManagerFactory jpa, @Value("${shop.shutdown-pause-ms}") long pauseMillis) {
        return () -> Thread.sleep(pauseMillis);
    }
}
