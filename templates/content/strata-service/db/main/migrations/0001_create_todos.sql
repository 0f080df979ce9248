-- The first table of the service. Add changes as new files (0002_..., 0003_...); never edit one that has shipped.
CREATE TABLE todos (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title      text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    done       boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL
);

CREATE INDEX ix_todos_done ON todos (done);
