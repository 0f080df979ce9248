CREATE TABLE sessions (
    token text PRIMARY KEY,
    customer_id bigint NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
