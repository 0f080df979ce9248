using System.Text;

namespace Strata.Core.Tests.Sql.Oracle;

/// <summary>
/// Random, valid PostgreSQL 15 scripts made to stress a lexer and splitter: dollar quotes with and without tags,
/// nested block comments, E'' strings with escapes, standard strings and quoted identifiers with doubled quotes,
/// Unicode (including non-breaking spaces inside identifiers), CRLF, comments holding semicolons and quotes,
/// functions, DO blocks, BEGIN ATOMIC bodies with CASE, triggers, rules and empty statements. Seeded: a failure
/// names its seed and reproduces.
/// </summary>
internal sealed class SqlCorpusGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    private bool Chance(int percent) => _random.Next(100) < percent;

    private string Newline() => Chance(30) ? "\r\n" : "\n";

    /// <summary>Something that separates two words: white space, comments, or both.</summary>
    public string Gap() => _random.Next(12) switch
    {
        0 => " -- note; it's \"quoted\" $$ /* not a comment" + Newline(),
        1 => " /* block; 'x' \"y\" /* nested; */ -- still block */ ",
        2 => Newline() + "  ",
        3 => "\t",
        4 => " /*/ odd opener */ ",
        5 => " --" + Newline(),
        6 => Newline() + "-- ünïcödé 日本 ; 😀" + Newline(),
        7 => " /**/ ",
        8 => " /* ** / *** */ ",
        _ => " ",
    };

    public string Word(string word) => Chance(30) ? word.ToUpperInvariant() : word;

    public string StandardString()
    {
        var sb = new StringBuilder("'");
        int n = _random.Next(0, 8);
        for (int i = 0; i < n; i++)
        {
            sb.Append(Pick("a", ";", "''", "\"", "\\", "$", "$$", "--", "/*", "*/", "é", "日本", "😀", "\n", "\r\n", " ", "E''", "\u00a0"));
        }

        return sb.Append('\'').ToString();
    }

    public string EscapeString()
    {
        var sb = new StringBuilder(Pick("E'", "e'"));
        int n = _random.Next(0, 8);
        for (int i = 0; i < n; i++)
        {
            sb.Append(Pick("a", ";", "\\'", "\\\\", "''", "\\n", "\\t", "\"", "$$", "--", "/*", "ü", "\\\";"));
        }

        return sb.Append('\'').ToString();
    }

    public string QuotedIdentifier()
    {
        var sb = new StringBuilder("\"");
        int n = _random.Next(1, 6);
        for (int i = 0; i < n; i++)
        {
            sb.Append(Pick("a", ";", "\"\"", "'", " ", "é", "-", "$", "--", "/*", "表"));
        }

        return sb.Append('"').ToString();
    }

    public string PlainIdentifier() => Pick("a", "t_1", "café", "naïve", "日本", "a\u00a0b", "x$y", "_z", "orders");

    public string Identifier() => Chance(40) ? QuotedIdentifier() : PlainIdentifier();

    public string DollarQuoted(string inner)
    {
        string tag;
        do
        {
            tag = "$" + Pick("", "a", "fn", "body_1", "ü", "_") + "$";
        }
        while (inner.Contains(tag, StringComparison.Ordinal) || inner.EndsWith(tag[..^1], StringComparison.Ordinal));

        return tag + inner + tag;
    }

    public string DollarText()
    {
        var sb = new StringBuilder();
        int n = _random.Next(0, 8);
        for (int i = 0; i < n; i++)
        {
            sb.Append(Pick("x", ";", "'", "\"", "$$", "$a$", "$1", "--", "/*", "*/", "\n", "\r\n", "é", " begin atomic ", " end; "));
        }

        return sb.ToString();
    }

    public string PlpgsqlBody() =>
        Pick("", "DECLARE n int := 1;" + Newline()) + "BEGIN" + Newline() +
        "  RAISE NOTICE " + StandardString() + ";" + Newline() +
        "  PERFORM " + EscapeString() + ";" + Newline() +
        "  -- ; comment inside" + Newline() +
        "  IF true THEN NULL; END IF;" + Newline() +
        "END;" + Newline();

    public string Literal() => _random.Next(6) switch
    {
        0 => StandardString(),
        1 => EscapeString(),
        2 => DollarQuoted(DollarText()),
        3 => _random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        4 => StandardString() + "::text",
        _ => "(" + StandardString() + " || " + EscapeString() + ")",
    };

    public string Case() =>
        $"{Word("case")}{Gap()}{Word("when")} true {Word("then")}{Gap()}{Literal()} {Word("else")} " +
        (Chance(30) ? Case() : Literal()) + $"{Gap()}{Word("end")}";

    public string Statement() => _random.Next(17) switch
    {
        0 => $"{Word("select")}{Gap()}{Literal()} {Word("as")} {Identifier()}, {Literal()}",
        1 => $"{Word("create")} {Word("table")} {Identifier()}{Gap()}({Identifier()} text {Word("default")} {StandardString()},{Gap()}id bigint {Word("generated always as identity primary key")}, {Identifier()} varchar(20) {Word("check")} ({Identifier()} <> {EscapeString()}))",
        2 => $"{Word("create")} {Word("or replace function")} {PlainIdentifier()}() {Word("returns trigger language plpgsql as")}{Gap()}{DollarQuoted(PlpgsqlBody())}",
        3 => $"{Word("do")} {DollarQuoted(PlpgsqlBody())}",
        4 => $"{Word("create function")} f{_random.Next(100)}(a int) {Word("returns")} int {Word("language sql")}{Gap()}{Word("begin atomic")}{Gap()}{Word("select")} a + 1;{Gap()}{Word("select")} {Case()};{Gap()}{Word("end")}",
        5 => $"{Word("create procedure")} p() {Word("language sql")} {Word("begin")}{Gap()}{Word("atomic")} {Word("insert into")} t {Word("values")} ({Literal()});{Gap()}{Word("end")}",
        6 => $"{Word("create trigger")} trg {Word("before insert on")} {Identifier()} {Word("for each row execute function")} f()",
        7 => $"{Word("create rule")} r {Word("as on insert to")} t {Word("do also")} ({Word("insert into")} u {Word("values")} ({Literal()});{Gap()}{Word("delete from")} u)",
        8 => $"{Word("comment on table")} {Identifier()} {Word("is")} {StandardString()}",
        9 => $"{Word("insert into")} t (a, {QuotedIdentifier()}) {Word("values")} ({Literal()}, {EscapeString()}),{Gap()}({StandardString()}, {Literal()})",
        10 => $"{Word("create index concurrently if not exists")} i{_random.Next(100)} {Word("on")} {Identifier()} (lower(a)) {Word("where")} a <> {StandardString()}",
        11 => $"{Word("alter table")} {Identifier()} {Word("add column")} {Identifier()} text {Word("not null default")} {Literal()}",
        12 => Pick("", " ", "/* only a comment */", "-- only a comment" + Newline()),
        13 => $"{Word("create view")} {Identifier()} {Word("as select")} {Case()} {Word("as")} c{Gap()}{Word("from")} t",
        14 => Pick(Word("begin"), Word("commit"), Word("end"), Word("begin transaction isolation level serializable"), Word("start transaction"), Word("rollback")),
        15 => $"{Word("select")} {Case()}{Gap()}{Word("from")} {Identifier()} {Word("where")} x = {Literal()}",
        _ => $"{Word("create function")} g() {Word("returns")} text {Word("as")} {DollarQuoted(DollarText())} {Word("language sql")}",
    };

    /// <summary>A script of 1-12 statements; the last one sometimes has no semicolon.</summary>
    public string Script(out int statements)
    {
        var sb = new StringBuilder(Chance(30) ? Gap() : "");
        statements = _random.Next(1, 13);
        for (int i = 0; i < statements; i++)
        {
            sb.Append(Statement());
            if (i < statements - 1 || Chance(70))
            {
                sb.Append(Chance(20) ? Gap() : "").Append(';');
            }

            sb.Append(Pick(" ", Newline(), Gap(), Newline() + Newline()));
        }

        return sb.ToString();
    }
}
