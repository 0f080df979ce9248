using System.Runtime.InteropServices;
using System.Text;

namespace Strata.Core.Tests.Sql.Oracle;

/// <summary>
/// libpg_query (the real PostgreSQL 15 parser, apt libpg-query-dev), called through P/Invoke from tests only.
/// Every result is freed with its pg_query_free_* function.
/// </summary>
internal static class PgQuery
{
    public const string LibraryPath = "/usr/lib/x86_64-linux-gnu/libpg_query.so";

    private static readonly Lazy<Api?> Loaded = new(Load);

    /// <summary>Null when the library is not installed.</summary>
    public static string? MissingReason => Loaded.Value is null ? $"libpg_query is not installed ({LibraryPath}; apt-get install libpg-query-dev, or run eng/install-test-deps.sh)" : null;

    public sealed record Range(int Start, int End);

    public sealed record ScanToken(int Start, int End, int Token, int KeywordKind);

    // Token numbers from pg_query.proto (libpg_query 15-4.x).
    public const int Ident = 258, Fconst = 260, Sconst = 261, Usconst = 262, Bconst = 263, Xconst = 264, Iconst = 266, Param = 267, SqlComment = 275, CComment = 276;

    [StructLayout(LayoutKind.Sequential)]
    private struct PgQueryError
    {
        public IntPtr Message;
        public IntPtr FuncName;
        public IntPtr FileName;
        public int LineNo;
        public int CursorPos;
        public IntPtr Context;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PgQuerySplitStmt
    {
        public int StmtLocation;
        public int StmtLen;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PgQuerySplitResult
    {
        public IntPtr Stmts;
        public int NStmts;
        public IntPtr StderrBuffer;
        public IntPtr Error;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PgQueryScanResult
    {
        public UIntPtr PbufLen;
        public IntPtr PbufData;
        public IntPtr StderrBuffer;
        public IntPtr Error;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate PgQuerySplitResult SplitFn(IntPtr input);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void FreeSplitFn(PgQuerySplitResult result);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate PgQueryScanResult ScanFn(IntPtr input);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void FreeScanFn(PgQueryScanResult result);

    private sealed record Api(SplitFn Split, FreeSplitFn FreeSplit, ScanFn Scan, FreeScanFn FreeScan);

    private static Api? Load()
    {
        if (!NativeLibrary.TryLoad(LibraryPath, out var handle) && !NativeLibrary.TryLoad("libpg_query.so", out handle))
        {
            return null;
        }

        T Get<T>(string name) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(handle, name));
        return new Api(Get<SplitFn>("pg_query_split_with_parser"), Get<FreeSplitFn>("pg_query_free_split_result"),
            Get<ScanFn>("pg_query_scan"), Get<FreeScanFn>("pg_query_free_scan_result"));
    }

    private static Api Require() => Loaded.Value ?? throw new InvalidOperationException(MissingReason);

    /// <summary>Statement spans as the parser sees them, in UTF-16 offsets of <paramref name="sql"/>; throws on a syntax error.</summary>
    public static IReadOnlyList<Range> Split(string sql)
    {
        var api = Require();
        var (input, map) = Encode(sql);
        try
        {
            var result = api.Split(input);
            try
            {
                ThrowOnError(result.Error, sql, map);
                var ranges = new List<Range>(result.NStmts);
                for (int i = 0; i < result.NStmts; i++)
                {
                    var stmt = Marshal.PtrToStructure<PgQuerySplitStmt>(Marshal.ReadIntPtr(result.Stmts, i * IntPtr.Size));
                    ranges.Add(new Range(map[stmt.StmtLocation], map[stmt.StmtLocation + stmt.StmtLen]));
                }

                return ranges;
            }
            finally
            {
                api.FreeSplit(result);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(input);
        }
    }

    /// <summary>The scanner's tokens (comments included, white space not), in UTF-16 offsets.</summary>
    public static IReadOnlyList<ScanToken> Scan(string sql)
    {
        var api = Require();
        var (input, map) = Encode(sql);
        try
        {
            var result = api.Scan(input);
            try
            {
                ThrowOnError(result.Error, sql, map);
                var bytes = new byte[(int)result.PbufLen];
                Marshal.Copy(result.PbufData, bytes, 0, bytes.Length);
                return DecodeScanResult(bytes).Select(t => t with { Start = map[t.Start], End = map[t.End] }).ToList();
            }
            finally
            {
                api.FreeScan(result);
            }
        }
        finally
        {
            Marshal.FreeHGlobal(input);
        }
    }

    /// <summary>A NUL-terminated UTF-8 copy, and a map from byte offset to UTF-16 offset.</summary>
    private static (IntPtr Input, int[] ByteToChar) Encode(string sql)
    {
        var bytes = Encoding.UTF8.GetBytes(sql);
        var map = new int[bytes.Length + 1];
        int b = 0;
        for (int c = 0; c < sql.Length; c++)
        {
            int width = char.IsHighSurrogate(sql[c]) && c + 1 < sql.Length ? 4 : Encoding.UTF8.GetByteCount(sql.AsSpan(c, 1));
            for (int k = 0; k < width; k++)
            {
                map[b + k] = c;
            }

            b += width;
            if (width == 4)
            {
                c++;
            }
        }

        map[bytes.Length] = sql.Length;
        var input = Marshal.AllocHGlobal(bytes.Length + 1);
        Marshal.Copy(bytes, 0, input, bytes.Length);
        Marshal.WriteByte(input, bytes.Length, 0);
        return (input, map);
    }

    private static void ThrowOnError(IntPtr error, string sql, int[] map)
    {
        if (error == IntPtr.Zero)
        {
            return;
        }

        var e = Marshal.PtrToStructure<PgQueryError>(error);
        int at = e.CursorPos > 0 && e.CursorPos - 1 < map.Length ? map[e.CursorPos - 1] : 0;
        throw new InvalidOperationException($"libpg_query: {Marshal.PtrToStringUTF8(e.Message)} at {at}: «{sql[Math.Max(0, at - 40)..Math.Min(sql.Length, at + 40)]}»\n--- input ---\n{sql}");
    }

    // ScanResult { int32 version = 1; repeated ScanToken tokens = 2; }
    // ScanToken { int32 start = 1; int32 end = 2; Token token = 4; KeywordKind keyword_kind = 5; }
    private static List<ScanToken> DecodeScanResult(byte[] data)
    {
        var tokens = new List<ScanToken>();
        int i = 0;
        while (i < data.Length)
        {
            ulong key = Varint(data, ref i);
            if ((key & 7) == 0)
            {
                Varint(data, ref i);
                continue;
            }

            int length = (int)Varint(data, ref i);
            int end = i + length;
            if (key >> 3 == 2)
            {
                int start = 0, stop = 0, token = 0, keyword = 0;
                while (i < end)
                {
                    ulong field = Varint(data, ref i);
                    int value = (int)Varint(data, ref i);
                    switch (field >> 3)
                    {
                        case 1: start = value; break;
                        case 2: stop = value; break;
                        case 4: token = value; break;
                        case 5: keyword = value; break;
                    }
                }

                tokens.Add(new ScanToken(start, stop, token, keyword));
            }

            i = end;
        }

        return tokens;
    }

    private static ulong Varint(byte[] data, ref int i)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
