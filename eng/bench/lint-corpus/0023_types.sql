CREATE TABLE shipments (
    id serial PRIMARY KEY,
    order_id integer NOT NULL,
    carrier varchar(40),
    shipped_at timestamp,
    country character(2),
    weight smallint
);
