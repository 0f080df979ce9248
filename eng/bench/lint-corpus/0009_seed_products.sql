INSERT INTO products (sku, title, price) VALUES
    ('A-1', 'Widget; large', 1999),
    ('A-2', E'Gadget \'deluxe\'', 2999),
    ('A-3', 'It''s a thing', 999);
