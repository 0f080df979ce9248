namespace Strata.Core.Diagnostics;

/// <summary>
/// 2100–2299: migration lint. 21xx PostgreSQL rules (at parity with squawk; the squawk rule name is in each title),
/// 2190–2199 suppressions and settings, 22xx SQLite rules. See docs/migration-lint.md.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor LintIndexWithoutConcurrently = new(
        "STRATA2101", DiagnosticSeverity.Warning, "Index created without CONCURRENTLY (require-concurrent-index-creation)",
        "CREATE INDEX on existing table '{0}' blocks writes while the index builds; use CREATE INDEX CONCURRENTLY in a '-- strata:no-transaction' migration.");

    public static readonly DiagnosticDescriptor LintDropIndexWithoutConcurrently = new(
        "STRATA2102", DiagnosticSeverity.Warning, "Index dropped without CONCURRENTLY (require-concurrent-index-deletion)",
        "DROP INDEX '{0}' takes an ACCESS EXCLUSIVE lock on its table; use DROP INDEX CONCURRENTLY in a '-- strata:no-transaction' migration.");

    public static readonly DiagnosticDescriptor LintAddingRequiredField = new(
        "STRATA2103", DiagnosticSeverity.Error, "NOT NULL column added without DEFAULT (adding-required-field)",
        "Column '{0}' is added to existing table '{1}' as NOT NULL without a DEFAULT; this fails as soon as the table has a row. Add a DEFAULT, or add it nullable, backfill, then set NOT NULL.");

    public static readonly DiagnosticDescriptor LintSetNotNull = new(
        "STRATA2104", DiagnosticSeverity.Warning, "SET NOT NULL on an existing column (adding-not-nullable-field)",
        "SET NOT NULL on '{0}' of existing table '{1}' scans the table under an ACCESS EXCLUSIVE lock; first add CHECK ({0} IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL.");

    public static readonly DiagnosticDescriptor LintForeignKeyWithoutNotValid = new(
        "STRATA2105", DiagnosticSeverity.Warning, "Foreign key added without NOT VALID (adding-foreign-key-constraint)",
        "Adding a foreign key to existing table '{0}' validates every row while holding locks on both tables; add it NOT VALID, then VALIDATE CONSTRAINT in a later migration.");

    public static readonly DiagnosticDescriptor LintCheckWithoutNotValid = new(
        "STRATA2106", DiagnosticSeverity.Warning, "Constraint added without NOT VALID (constraint-missing-not-valid)",
        "{0} on existing table '{1}' {2}; add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later migration.");

    public static readonly DiagnosticDescriptor LintChangingColumnType = new(
        "STRATA2107", DiagnosticSeverity.Warning, "Column type changed (changing-column-type)",
        "Changing the type of '{0}' on existing table '{1}' may rewrite the table under an ACCESS EXCLUSIVE lock and breaks clients that read the old type.");

    public static readonly DiagnosticDescriptor LintRenamingColumn = new(
        "STRATA2108", DiagnosticSeverity.Warning, "Column renamed (renaming-column)",
        "Renaming column '{0}' of existing table '{1}' breaks every running client that uses the old name; add the new column, copy, and drop the old one in a later release.");

    public static readonly DiagnosticDescriptor LintRenamingTable = new(
        "STRATA2109", DiagnosticSeverity.Warning, "Table renamed (renaming-table)",
        "Renaming existing table '{0}' breaks every running client that uses the old name.");

    public static readonly DiagnosticDescriptor LintDropColumn = new(
        "STRATA2110", DiagnosticSeverity.Warning, "Column dropped (ban-drop-column)",
        "Dropping column '{0}' of existing table '{1}' loses its data and breaks running clients that still read it; stop using it in a release first.");

    public static readonly DiagnosticDescriptor LintDropTable = new(
        "STRATA2111", DiagnosticSeverity.Warning, "Table dropped (ban-drop-table)",
        "Dropping existing table '{0}' loses its data and breaks running clients that still use it.");

    public static readonly DiagnosticDescriptor LintDropDatabase = new(
        "STRATA2112", DiagnosticSeverity.Error, "Database dropped (ban-drop-database)",
        "A migration must not drop a database.");

    public static readonly DiagnosticDescriptor LintPreferBigintOverInt = new(
        "STRATA2113", DiagnosticSeverity.Warning, "32-bit integer column (prefer-bigint-over-int)",
        "'{0}' is a 32-bit integer, which can run out (2,147,483,647); use bigint.");

    public static readonly DiagnosticDescriptor LintPreferBigintOverSmallint = new(
        "STRATA2114", DiagnosticSeverity.Warning, "16-bit integer column (prefer-bigint-over-smallint)",
        "'{0}' is a 16-bit integer, which can run out (32,767); use bigint.");

    public static readonly DiagnosticDescriptor LintPreferIdentity = new(
        "STRATA2115", DiagnosticSeverity.Warning, "serial column (prefer-identity)",
        "'{0}' creates a sequence the table does not own cleanly (permissions, dumps, dropping); use bigint GENERATED BY DEFAULT AS IDENTITY.");

    public static readonly DiagnosticDescriptor LintPreferTextField = new(
        "STRATA2116", DiagnosticSeverity.Warning, "varchar(n) column (prefer-text-field)",
        "Changing the length of '{0}' later needs an ACCESS EXCLUSIVE lock; use text with a CHECK (length(...) <= n) constraint.");

    public static readonly DiagnosticDescriptor LintPreferTimestamptz = new(
        "STRATA2117", DiagnosticSeverity.Warning, "timestamp without time zone (prefer-timestamp-tz)",
        "'{0}' stores no time zone, so values are ambiguous; use timestamptz.");

    public static readonly DiagnosticDescriptor LintBanCharField = new(
        "STRATA2118", DiagnosticSeverity.Warning, "char(n) column (ban-char-field)",
        "'{0}' pads values with spaces and is never faster than text; use text (with a CHECK if the length matters).");

    public static readonly DiagnosticDescriptor LintTransactionNesting = new(
        "STRATA2119", DiagnosticSeverity.Error, "Transaction control inside a migration (transaction-nesting)",
        "'{0}' inside a migration: Strata already runs each migration in its own transaction, so this would {1}. Remove it, or mark the migration '-- strata:no-transaction'.");

    public static readonly DiagnosticDescriptor LintConcurrentInTransaction = new(
        "STRATA2120", DiagnosticSeverity.Error, "CONCURRENTLY inside a transaction (ban-concurrent-index-creation-in-transaction)",
        "{0} CONCURRENTLY cannot run inside a transaction block, and this migration runs in one; put it in its own migration marked '-- strata:no-transaction'.");

    public static readonly DiagnosticDescriptor LintTimeoutDisabled = new(
        "STRATA2121", DiagnosticSeverity.Warning, "Lock or statement timeout disabled (require-timeout-settings)",
        "SET {0} to {1} turns off the timeout the generated script sets, so a blocked migration can queue every query behind it; set a finite value instead.");

    public static readonly DiagnosticDescriptor LintUniqueConstraint = new(
        "STRATA2122", DiagnosticSeverity.Warning, "UNIQUE constraint added without USING INDEX (disallowed-unique-constraint)",
        "Adding a UNIQUE constraint to existing table '{0}' builds its index under an ACCESS EXCLUSIVE lock; CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX.");

    public static readonly DiagnosticDescriptor LintIdentifierTooLong = new(
        "STRATA2123", DiagnosticSeverity.Warning, "Identifier longer than 63 bytes (identifier-too-long)",
        "Identifier '{0}' is {1} bytes; PostgreSQL silently truncates names to 63 bytes, so two long names can collide.");

    public static readonly DiagnosticDescriptor LintPrimaryKeyWithoutIndex = new(
        "STRATA2124", DiagnosticSeverity.Warning, "Primary key added without USING INDEX (adding-serial-primary-key-field)",
        "Adding a primary key to existing table '{0}' builds its index under an ACCESS EXCLUSIVE lock; CREATE UNIQUE INDEX CONCURRENTLY first, then ADD PRIMARY KEY USING INDEX.");

    public static readonly DiagnosticDescriptor LintVolatileDefault = new(
        "STRATA2125", DiagnosticSeverity.Warning, "Column added with a volatile default or as generated (adding-field-with-default)",
        "Adding '{0}' to existing table '{1}' with {2} rewrites the whole table under an ACCESS EXCLUSIVE lock; add it without the default, backfill in batches, then set the default.");

    public static readonly DiagnosticDescriptor LintCreateDomainWithConstraint = new(
        "STRATA2126", DiagnosticSeverity.Warning, "Domain created with a constraint (ban-create-domain-with-constraint)",
        "Domain constraints are checked against every column using the domain whenever they change, under heavy locks; put the CHECK on the table columns instead.");

    public static readonly DiagnosticDescriptor LintAlterDomainAddConstraint = new(
        "STRATA2127", DiagnosticSeverity.Warning, "Constraint added to a domain (ban-alter-domain-with-add-constraint)",
        "ALTER DOMAIN ... ADD CONSTRAINT scans every table that uses the domain while holding locks; put the CHECK on the table columns instead.");

    public static readonly DiagnosticDescriptor LintPreferRobustStatements = new(
        "STRATA2128", DiagnosticSeverity.Warning, "Non-repeatable statement in a no-transaction migration (prefer-robust-stmts)",
        "This migration runs without a transaction, so if it fails part way it is retried from the top; write {0} so the retry does not fail on what already ran.");

    public static readonly DiagnosticDescriptor LintTruncateCascade = new(
        "STRATA2129", DiagnosticSeverity.Warning, "TRUNCATE ... CASCADE (ban-truncate-cascade)",
        "TRUNCATE ... CASCADE also empties every table with a foreign key to these, recursively; truncate the tables you mean by name.");

    public static readonly DiagnosticDescriptor LintDropNotNull = new(
        "STRATA2130", DiagnosticSeverity.Warning, "NOT NULL dropped (ban-drop-not-null)",
        "Dropping NOT NULL on '{0}' of existing table '{1}' lets NULLs reach clients that assume there are none.");

    public static readonly DiagnosticDescriptor LintReindexWithoutConcurrently = new(
        "STRATA2131", DiagnosticSeverity.Warning, "REINDEX without CONCURRENTLY (require-concurrent-reindex)",
        "REINDEX without CONCURRENTLY blocks writes (and reads through the index) until it finishes; use REINDEX CONCURRENTLY in a '-- strata:no-transaction' migration.");

    public static readonly DiagnosticDescriptor LintDetachPartition = new(
        "STRATA2132", DiagnosticSeverity.Warning, "Partition detached without CONCURRENTLY (require-concurrent-partition-detach)",
        "DETACH PARTITION on existing table '{0}' takes an ACCESS EXCLUSIVE lock on it; use DETACH PARTITION ... CONCURRENTLY in a '-- strata:no-transaction' migration.");

    public static readonly DiagnosticDescriptor LintEnumValueOrdering = new(
        "STRATA2133", DiagnosticSeverity.Info, "Enum value added without BEFORE or AFTER (require-enum-value-ordering)",
        "ADD VALUE without BEFORE or AFTER appends the value at the end of the enum's sort order; say where it belongs.");

    public static readonly DiagnosticDescriptor LintUnusedSuppression = new(
        "STRATA2190", DiagnosticSeverity.Warning, "Suppression suppresses nothing (unused-ignore)",
        "'-- strata-ignore {0}' suppresses nothing here; remove it.");

    public static readonly DiagnosticDescriptor LintMalformedSuppression = new(
        "STRATA2191", DiagnosticSeverity.Warning, "Malformed lint suppression",
        "Malformed suppression: {0}. Write '-- strata-ignore STRATA2101: why this is safe' on the line before the statement or on its line.");

    public static readonly DiagnosticDescriptor LintSeveritySettingInvalid = new(
        "STRATA2192", DiagnosticSeverity.Error, "Invalid lint severity setting",
        "StrataLintSeverity entry '{0}' is invalid: {1}. Write entries like 'STRATA2105=error;STRATA2110=none' (error, warning, info or none).");

    public static readonly DiagnosticDescriptor SqliteAlterColumn = new(
        "STRATA2201", DiagnosticSeverity.Error, "SQLite cannot ALTER COLUMN",
        "SQLite has no ALTER TABLE ... ALTER COLUMN; create a new table, copy the rows, drop the old one and rename (https://www.sqlite.org/lang_altertable.html#otheralter).");

    public static readonly DiagnosticDescriptor SqliteDropColumn = new(
        "STRATA2202", DiagnosticSeverity.Warning, "SQLite DROP COLUMN has limits",
        "DROP COLUMN '{0}' needs SQLite 3.35.5+ (the bundled SQLite is) and fails when the column is a PRIMARY KEY, UNIQUE, indexed, in a foreign key, or used by a view, trigger or CHECK; it also loses the column's data.");

    public static readonly DiagnosticDescriptor SqliteAddRequiredColumn = new(
        "STRATA2203", DiagnosticSeverity.Error, "SQLite cannot add a NOT NULL column without a default",
        "SQLite refuses ADD COLUMN '{0}' NOT NULL without a non-NULL DEFAULT, even on an empty table; add a DEFAULT.");

    public static readonly DiagnosticDescriptor SqliteAddConstraint = new(
        "STRATA2204", DiagnosticSeverity.Error, "SQLite cannot add a constraint to a table",
        "SQLite has no ALTER TABLE ... ADD {0}; recreate the table with the constraint (create new, copy, drop, rename).");

    public static readonly DiagnosticDescriptor SqliteTransactionControl = new(
        "STRATA2205", DiagnosticSeverity.Error, "Transaction control inside a SQLite migration",
        "'{0}' inside a migration: Strata already runs each migration in its own transaction, so this would {1}. Remove it, or mark the migration '-- strata:no-transaction'.");

    public static readonly DiagnosticDescriptor SqliteAddColumnUnsupported = new(
        "STRATA2206", DiagnosticSeverity.Error, "SQLite cannot add this kind of column",
        "SQLite refuses ADD COLUMN '{0}' with {1}; recreate the table instead.");
}
