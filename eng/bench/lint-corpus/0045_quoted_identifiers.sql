CREATE TABLE "Invoices" ("Id" bigint PRIMARY KEY, "Total" integer);
CREATE INDEX invoices_total_idx ON "Invoices" ("Total");
CREATE INDEX invoices_total_idx2 ON invoices ("Total");
