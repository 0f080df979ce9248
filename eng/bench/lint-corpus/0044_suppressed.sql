-- strata-ignore STRATA2101: order_lines has a few hundred rows in production
CREATE INDEX order_lines_product_idx ON order_lines (product_id);
ALTER TABLE customers DROP COLUMN created_at; -- strata-ignore STRATA2110: unused since release 1.4
