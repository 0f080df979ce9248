ALTER TABLE sessions RENAME TO customer_sessions;
