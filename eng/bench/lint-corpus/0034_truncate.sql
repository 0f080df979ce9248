TRUNCATE customer_sessions CASCADE;
