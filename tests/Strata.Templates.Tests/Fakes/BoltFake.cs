using System.Collections.Concurrent;
using System.Text;

namespace Strata.Templates.Tests.Fakes;

/// <summary>
/// Answers a Bolt handshake like Neo4j: it reads the 0x6060B017 preamble and four proposed versions, records them,
/// and picks Bolt 5.4 when 5.4 is in a proposed range; or answers 0 (no version agreed), or HTTP (the wrong port).
/// </summary>
public sealed class BoltFake : FakeTcpServer
{
    public enum Mode
    {
        Healthy,
        NoVersion,
        Http,
    }

    public Mode Behavior { get; set; } = Mode.Healthy;

    /// <summary>The 20 bytes of every handshake received.</summary>
    public ConcurrentQueue<byte[]> Handshakes { get; } = new();

    protected override async Task ServeAsync(Stream stream, CancellationToken stopping)
    {
        var handshake = new byte[20];
        await stream.ReadExactlyAsync(handshake, stopping);
        Handshakes.Enqueue(handshake);
        byte[] answer = Behavior switch
        {
            Mode.Healthy when Proposes(handshake, major: 5, minor: 4) => [0, 0, 4, 5],
            Mode.Http => Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
            _ => [0, 0, 0, 0],
        };
        await stream.WriteAsync(answer, stopping);
        await stream.FlushAsync(stopping);
    }

    /// <summary>Whether one of the four proposals, [0, range, minor, major], covers major.minor.</summary>
    public static bool Proposes(byte[] handshake, int major, int minor)
    {
        if (handshake[0] != 0x60 || handshake[1] != 0x60 || handshake[2] != 0xB0 || handshake[3] != 0x17)
        {
            return false;
        }

        for (var i = 4; i < 20; i += 4)
        {
            if (handshake[i + 3] == major && minor <= handshake[i + 2] && minor >= handshake[i + 2] - handshake[i + 1])
            {
                return true;
            }
        }

        return false;
    }
}
