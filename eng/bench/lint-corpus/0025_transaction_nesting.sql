BEGIN;
UPDATE orders SET status = 'paid' WHERE status = 'PAID';
COMMIT;
