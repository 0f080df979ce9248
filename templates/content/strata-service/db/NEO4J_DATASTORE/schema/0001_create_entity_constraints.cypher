// The first schema change of this datastore. Change it with new files (0002_..., 0003_...); never edit one that
// has been applied. Only named, idempotent constraint and index statements belong here (docs/schema-files.md).
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
