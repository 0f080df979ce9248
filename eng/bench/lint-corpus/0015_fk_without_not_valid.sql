ALTER TABLE sessions ADD CONSTRAINT sessions_customer_fk
    FOREIGN KEY (customer_id) REFERENCES customers (id);
