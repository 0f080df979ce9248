DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT id FROM products WHERE price < 0 LOOP
        RAISE NOTICE 'bad price %; fixing', r.id;
        UPDATE products SET price = 0 WHERE id = r.id;
    END LOOP;
END
$$;
