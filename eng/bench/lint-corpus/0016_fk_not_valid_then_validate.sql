ALTER TABLE sessions ADD CONSTRAINT sessions_customer_fk2
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE sessions VALIDATE CONSTRAINT sessions_customer_fk2;
