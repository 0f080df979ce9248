CREATE TABLE order_lines (
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id bigint NOT NULL REFERENCES products (id),
    quantity smallint NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
