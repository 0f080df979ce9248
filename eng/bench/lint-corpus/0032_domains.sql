CREATE DOMAIN positive_amount AS numeric(12,2) CHECK (VALUE > 0);
ALTER DOMAIN positive_amount ADD CONSTRAINT positive_amount_max CHECK (VALUE < 1000000);
