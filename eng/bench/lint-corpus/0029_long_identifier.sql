CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_status_placed_at_total_channel_covering_index_v2
    ON orders (customer_id, status, placed_at) INCLUDE (total, channel);
