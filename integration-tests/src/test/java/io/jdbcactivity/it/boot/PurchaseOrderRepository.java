package io.jdbcactivity.it.boot;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {
    /** A derived query: a join of the order and its customer. */
    List<PurchaseOrder> findByCustomerName(String name);
}
