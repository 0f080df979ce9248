-- strata:no-transaction
CREATE INDEX CONCURRENTLY products_title_idx ON products (title);
DROP INDEX CONCURRENTLY sessions_expires_idx;
