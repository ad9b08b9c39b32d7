package io.jdbcactivity.sample.shop;

import java.util.List;

/**
 * The shop's tables, in SQL that MySQL, MariaDB and H2 (MySQL mode) all take. The schema is
 * dropped and created again at every run, as a demo's should be: the DROPs are flagged as risky
 * in the stream, truthfully.
 */
final class ShopSchema {
    static final List<String> DROP = List.of(
            "DROP TABLE IF EXISTS order_line",
            "DROP TABLE IF EXISTS orders",
            "DROP TABLE IF EXISTS product",
            "DROP TABLE IF EXISTS customer");

    static final List<String> CREATE = List.of(
            "CREATE TABLE customer (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE,"
                    + " name VARCHAR(100) NOT NULL, city VARCHAR(100) NOT NULL)",
            "CREATE TABLE product (id BIGINT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(40) NOT NULL UNIQUE,"
                    + " name VARCHAR(200) NOT NULL, category VARCHAR(40) NOT NULL, price DECIMAL(10,2) NOT NULL,"
                    + " stock INT NOT NULL)",
            "CREATE INDEX product_category ON product (category)",
            "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL,"
                    + " status VARCHAR(20) NOT NULL, total DECIMAL(12,2),"
                    + " created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                    + " FOREIGN KEY (customer_id) REFERENCES customer (id))",
            "CREATE TABLE order_line (order_id BIGINT NOT NULL, line_no INT NOT NULL, product_id BIGINT NOT NULL,"
                    + " quantity INT NOT NULL, unit_price DECIMAL(10,2) NOT NULL, PRIMARY KEY (order_id, line_no),"
                    + " FOREIGN KEY (order_id) REFERENCES orders (id), FOREIGN KEY (product_id) REFERENCES product (id))");

    private ShopSchema() {
    }
}
