CREATE FUNCTION order_count(c bigint) RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT CASE WHEN c IS NULL THEN 0 ELSE (SELECT count(*) FROM orders WHERE customer_id = c) END;
END;
CREATE INDEX orders_total_idx ON orders (total);
