-- The first table of the service. Add changes as new files (0002_..., 0003_...); never edit one that has shipped.
CREATE TABLE todos (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    created_at TEXT    NOT NULL
);

CREATE INDEX ix_todos_done ON todos (done);
