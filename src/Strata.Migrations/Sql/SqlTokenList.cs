using System.Collections;

namespace Strata.Migrations.Sql;

/// <summary>
/// Tokens in an array, read through <see cref="IReadOnlyList{T}"/>. Deliberately not a <c>List&lt;SqlToken&gt;</c> or
/// LINQ over tokens: framework generic code instantiated over a Strata struct cannot be precompiled (ReadyToRun), so
/// every fresh build process JIT-compiled about a hundred such methods before it had checked a single migration.
/// </summary>
internal sealed class SqlTokenList : IReadOnlyList<SqlToken>
{
    private SqlToken[] _items;

    public SqlTokenList(int capacity) => _items = new SqlToken[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public SqlToken this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>All tokens of <paramref name="text"/>, in order.</summary>
    public static SqlTokenList Lex(string text, SqlDialect dialect)
    {
        // About one token per four characters in typical SQL; the list grows when there are more.
        var tokens = new SqlTokenList(text.Length / 4);
        SqlLexer.Lex(text, dialect, tokens);
        return tokens;
    }

    /// <summary>Empties the list for reuse; its array stays (one buffer for many texts, nothing to collect).</summary>
    public void Clear() => Count = 0;

    /// <summary>Replaces the contents with the tokens of <paramref name="text"/>.</summary>
    public void Relex(string text, SqlDialect dialect)
    {
        Count = 0;
        SqlLexer.Lex(text, dialect, this);
    }

    public void Add(SqlToken token)
    {
        if (Count == _items.Length)
        {
            var larger = new SqlToken[_items.Length * 2];
            Array.Copy(_items, larger, Count);
            _items = larger;
        }

        _items[Count++] = token;
    }

    public IEnumerator<SqlToken> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Tokens [start, start + count) of a list, without copying them. Valid only while that list is not changed: for
    /// statements that are used and dropped before the list is refilled (the lint's pass over one migration).
    /// </summary>
    internal sealed class Slice(SqlTokenList list, int start, int count) : IReadOnlyList<SqlToken>
    {
        public int Count => count;

        public SqlToken this[int index] => (uint)index < (uint)count ? list._items[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<SqlToken> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return list._items[start + i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
