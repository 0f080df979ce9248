CREATE TABLE products (
    id serial PRIMARY KEY,
    sku varchar(32) NOT NULL,
    title text NOT NULL,
    price integer NOT NULL,
    country char(2)
);
