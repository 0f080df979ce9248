CREATE VIEW order_totals AS
SELECT c.id AS customer_id, count(o.id) AS orders, coalesce(sum(o.total), 0) AS total
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id;
