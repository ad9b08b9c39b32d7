-- jdbc-activity snapshot "shopper-visit": the statements it runs, in order; re-approve with -Dactivity.snapshots.update=true
SELECT id, name, price FROM product WHERE category = ? ORDER BY price LIMIT ?
SELECT id, sku, name, price, stock FROM product WHERE id = ?
SELECT id, sku, name, price, stock FROM product WHERE id = ?
INSERT INTO orders (customer_id, STATUS) VALUES (?, ?)
UPDATE product SET stock = stock - ? WHERE id = ? AND stock >= ?
UPDATE product SET stock = stock - ? WHERE id = ? AND stock >= ?
INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?) -- batch
UPDATE orders SET total = ?, STATUS = ? WHERE id = ?
