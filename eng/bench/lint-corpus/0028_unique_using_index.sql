ALTER TABLE customers ADD CONSTRAINT customers_email_key2 UNIQUE USING INDEX customers_email_idx;
