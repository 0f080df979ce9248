SET lock_timeout = 0;
SET statement_timeout = '15min';
UPDATE products SET title = trim(title);
