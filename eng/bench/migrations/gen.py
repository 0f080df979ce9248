#!/usr/bin/env python3
"""Writes the migration chains the migration benchmark (eng/bench/migrations/run.sh) measures.

  gen.py chain <out> [count]    realistic chain (default 1,000 migrations, ~140 KB) into
                                <out>/migrations/NNNN_<description>.sql, <out>/all.sql (the files concatenated, in
                                order) and <out>/alembic/ (an Alembic project: one revision per migration, each
                                op.execute(<the same SQL>), so `alembic upgrade head --sql` prints the same chain)
  gen.py trivial <out> <count>  <count> tiny migrations (SELECT 1 / one small table every 100th) into <out>/migrations

Deterministic: a fixed seed, so every run writes the same bytes. Every migration is valid on PostgreSQL 15 when the
chain is applied in order. Kinds: tables (bigint identity keys, foreign keys to earlier tables, their indexes),
indexes on earlier tables, added columns, defaults, comments, views, SQL and PL/pgSQL functions and triggers in
dollar quotes, DO blocks and small data backfills. The last `LINT_CLEAN_TAIL` migrations use only kinds that
Strata's lint accepts on unlocked migrations (the benchmark locks everything before them), so the measured build
has no warnings.
"""
import os
import random
import sys

LINT_CLEAN_TAIL = 10

NOUNS = [
    "customer", "order", "invoice", "payment", "shipment", "product", "supplier", "warehouse", "account", "ledger",
    "refund", "coupon", "review", "address", "contract", "employee", "department", "ticket", "message", "session",
    "device", "subscription", "plan", "feature", "region", "tenant", "audit", "event", "report", "batch",
]
COLUMN_WORDS = ["note", "status", "label", "code", "reference", "source", "channel", "category", "owner", "comment",
                "external_id", "locale", "currency", "priority", "tag"]


class Chain:
    def __init__(self, seed=20260115):
        self.rng = random.Random(seed)
        self.tables = []          # [{name, cols: [names], touch: bool}]
        self.used_names = set()
        self.views = 0
        self.functions = 0

    def fresh(self, base):
        name, n = base, 2
        while name in self.used_names:
            name, n = f"{base}_{n}", n + 1
        self.used_names.add(name)
        return name

    # ---- kinds: each returns (description, sql) ----
    def create_table(self):
        noun = self.rng.choice(NOUNS)
        name = self.fresh(noun + ("es" if noun.endswith(("s", "ch")) else "s"))
        cols = ["id", "created_at", "updated_at"]
        lines = [
            "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,",
        ]
        if self.tables and self.rng.random() < 0.5:
            parent = self.rng.choice(self.tables)
            fk = parent["name"] + "_id"
            lines.append(f"    {fk} bigint NOT NULL REFERENCES {parent['name']} (id),")
            cols.append(fk)
        word = self.rng.choice(COLUMN_WORDS)
        lines.append(f"    {word} text NOT NULL DEFAULT '',")
        cols.append(word)
        lines.append("    created_at timestamptz NOT NULL DEFAULT now(),")
        lines.append("    updated_at timestamptz")
        sql = f"CREATE TABLE {name} (\n" + "\n".join(lines) + "\n);\n"
        idx_col = cols[3]
        sql += f"CREATE INDEX {self.fresh(f'ix_{name}_{idx_col}')} ON {name} ({idx_col});\n"
        self.tables.append({"name": name, "cols": cols, "text": [word], "touch": False})
        return f"create_{name}", sql

    def add_column(self):
        t = self.rng.choice(self.tables)
        col = self.rng.choice(COLUMN_WORDS)
        n = 2
        base = col
        while col in t["cols"]:
            col, n = f"{base}_{n}", n + 1
        t["cols"].append(col)
        if self.rng.random() < 0.5:
            t["text"].append(col)
            return f"add_{t['name']}_{col}", f"ALTER TABLE {t['name']} ADD COLUMN {col} text;\n"
        return (f"add_{t['name']}_{col}",
                f"ALTER TABLE {t['name']} ADD COLUMN {col} boolean NOT NULL DEFAULT false;\n")

    def set_default(self):
        t = self.rng.choice(self.tables)
        col = self.rng.choice(t["text"])
        return (f"default_{t['name']}_{col}",
                f"ALTER TABLE {t['name']} ALTER COLUMN {col} SET DEFAULT 'n/a';\n")

    def comment(self):
        t = self.rng.choice(self.tables)
        return (f"comment_{t['name']}",
                f"COMMENT ON TABLE {t['name']} IS 'Owned by the {self.rng.choice(NOUNS)} team.';\n")

    def index(self):
        t = self.rng.choice(self.tables)
        col = self.rng.choice(t["cols"][1:])
        name = self.fresh(f"ix_{t['name']}_{col}")
        return f"index_{t['name']}_{col}", f"CREATE INDEX {name} ON {t['name']} ({col});\n"

    def view(self):
        self.views += 1
        t = self.rng.choice(self.tables)
        name = self.fresh(f"v_recent_{t['name']}")
        cols = ", ".join(t["cols"][:4])
        return (f"view_{name}",
                f"CREATE VIEW {name} AS\n    SELECT {cols}\n    FROM {t['name']}\n"
                f"    WHERE created_at > now() - interval '30 days';\n")

    def sql_function(self):
        t = self.rng.choice(self.tables)
        name = self.fresh(f"count_{t['name']}_since")
        return (f"function_{name}",
                f"CREATE FUNCTION {name}(p_since timestamptz) RETURNS bigint\n"
                f"LANGUAGE sql STABLE AS $$\n    SELECT count(*) FROM {t['name']} WHERE created_at >= p_since;\n$$;\n")

    def trigger(self):
        candidates = [t for t in self.tables if not t["touch"]] or self.tables
        t = self.rng.choice(candidates)
        t["touch"] = True
        fn = self.fresh(f"touch_{t['name']}")
        trg = self.fresh(f"trg_{t['name']}_touch")
        return (f"trigger_{t['name']}_touch",
                f"CREATE FUNCTION {fn}() RETURNS trigger\nLANGUAGE plpgsql AS $fn$\nBEGIN\n"
                f"    NEW.updated_at := now(); -- keep 'updated_at' honest\n    RETURN NEW;\nEND;\n$fn$;\n"
                f"CREATE TRIGGER {trg} BEFORE UPDATE ON {t['name']}\n"
                f"    FOR EACH ROW EXECUTE FUNCTION {fn}();\n")

    def do_block(self):
        t = self.rng.choice(self.tables)
        return (f"backfill_{t['name']}",
                f"DO $$\nBEGIN\n    UPDATE {t['name']} SET updated_at = created_at WHERE updated_at IS NULL;\n"
                f"END\n$$;\n")

    def next(self, index, total):
        if not self.tables or index < 3:
            return self.create_table()
        if index > total - LINT_CLEAN_TAIL:
            # Kinds that Strata's lint accepts on unlocked migrations.
            kinds = [(self.create_table, 3), (self.view, 2), (self.sql_function, 2), (self.comment, 1), (self.do_block, 1)]
        else:
            kinds = [(self.create_table, 12), (self.add_column, 36), (self.index, 9), (self.set_default, 6),
                     (self.comment, 12), (self.view, 10), (self.sql_function, 7), (self.trigger, 6), (self.do_block, 5)]
        fns, weights = zip(*kinds)
        return self.rng.choices(fns, weights)[0]()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


ALEMBIC_INI = """[alembic]
script_location = %(here)s
sqlalchemy.url = postgresql+psycopg2://bench@localhost/bench
"""

ENV_PY = '''from alembic import context

# Offline only (alembic upgrade head --sql): the benchmark never connects.
if not context.is_offline_mode():
    raise SystemExit("this benchmark project only runs with --sql")
context.configure(
    url=context.config.get_main_option("sqlalchemy.url"),
    literal_binds=True,
    dialect_opts={"paramstyle": "named"},
)
with context.begin_transaction():
    context.run_migrations()
'''

SCRIPT_MAKO = '''"""${message}"""
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None
'''


def chain(out, count):
    c = Chain()
    mig_dir = os.path.join(out, "migrations")
    alembic_dir = os.path.join(out, "alembic")
    write(os.path.join(alembic_dir, "alembic.ini"), ALEMBIC_INI)
    write(os.path.join(alembic_dir, "env.py"), ENV_PY)
    write(os.path.join(alembic_dir, "script.py.mako"), SCRIPT_MAKO)
    width = max(4, len(str(count)))
    parts = []
    total = 0
    for i in range(1, count + 1):
        desc, sql = c.next(i, count)
        version = str(i).zfill(width)
        text = f"-- {desc.replace('_', ' ')}\n{sql}"
        write(os.path.join(mig_dir, f"{version}_{desc}.sql"), text)
        parts.append(text)
        total += len(text.encode())
        down = repr(str(i - 1).zfill(width)) if i > 1 else "None"
        body = sql.rstrip().rstrip(";")  # alembic adds the terminator itself
        write(os.path.join(alembic_dir, "versions", f"r{version}_{desc}.py"),
              f'"""{desc}"""\nfrom alembic import op\n\nrevision = {version!r}\ndown_revision = {down}\n'
              f"branch_labels = None\ndepends_on = None\n\nSQL = {body!r}\n\n\n"
              f"def upgrade():\n    op.execute(SQL)\n\n\ndef downgrade():\n    pass\n")
    write(os.path.join(out, "all.sql"), "".join(parts))
    print(f"{count} migrations, {total} bytes of SQL in {mig_dir}")


def trivial(out, count):
    mig_dir = os.path.join(out, "migrations")
    width = max(4, len(str(count)))
    for i in range(1, count + 1):
        version = str(i).zfill(width)
        if i % 100 == 1:
            sql = f"CREATE TABLE t_{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);\n"
            name = f"create_t_{i}"
        else:
            sql = "SELECT 1;\n"
            name = f"step_{i}"
        write(os.path.join(mig_dir, f"{version}_{name}.sql"), sql)
    print(f"{count} trivial migrations in {mig_dir}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("chain", "trivial"):
        sys.exit(__doc__)
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    (chain if sys.argv[1] == "chain" else trivial)(sys.argv[2], n)
