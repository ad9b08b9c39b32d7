package io.jdbcactivity.it.boot;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** An order line: its foreign keys make Hibernate's schema drop alter tables before dropping them. */
@Entity
public class PurchaseOrder {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @ManyToOne(optional = false)
    Customer customer;
    @ManyToOne(optional = false)
    Product product;
    int quantity;

    protected PurchaseOrder() {
    }

    PurchaseOrder(Customer customer, Product product, int quantity) {
        this.customer = customer;
        this.product = product;
        this.quantity = quantity;
    }
}
