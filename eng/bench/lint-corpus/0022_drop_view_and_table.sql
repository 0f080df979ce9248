DROP VIEW order_totals;
DROP TABLE audit_log;
