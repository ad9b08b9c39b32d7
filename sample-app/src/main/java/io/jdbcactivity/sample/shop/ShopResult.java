package io.jdbcactivity.sample.shop;

/**
 * What a run did, as the shop counts it: every number here is something a reader of the stream can
 * check against the events.
 *
 * @param statements        executions the shop made (an {@code executeBatch} is one)
 * @param products          products in the catalogue (inserted in one batch)
 * @param customers         customers registered (one batch)
 * @param catalogueReads    catalogue queries (category pages and product details)
 * @param ordersPlaced      orders committed
 * @param ordersRejected    orders rolled back for lack of stock
 * @param orderLines        order lines inserted (in one batch per placed order)
 * @param stockUpdates      {@code UPDATE product SET stock …} executions
 * @param reports           report queries (joins and aggregates)
 * @param failedStatements  statements the database refused (the duplicate registration)
 * @param riskyStatements   statements that touch every row of a table on purpose (the price rise)
 */
public record ShopResult(long statements, int products, int customers, long catalogueReads, long ordersPlaced,
        long ordersRejected, long orderLines, long stockUpdates, long reports, long failedStatements,
        long riskyStatements) {
}
