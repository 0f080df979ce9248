-- Audit trail: a trigger function with dollar quotes and semicolons inside.
CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name text NOT NULL,
    changed_at timestamp NOT NULL DEFAULT now(),
    payload jsonb
);

CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    -- not SQL we lint: DROP TABLE orders;
    INSERT INTO audit_log (table_name, payload) VALUES (TG_TABLE_NAME, to_jsonb(NEW));
    RETURN NEW;
END;
$fn$;

CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION audit_row();
