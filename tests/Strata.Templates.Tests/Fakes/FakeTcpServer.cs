using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Strata.Templates.Tests.Fakes;

/// <summary>
/// The part the store fakes share: a listener on 127.0.0.1 with a random port, one task per connection, optional TLS
/// with a given certificate, and <see cref="Stop"/> so a test can see what a store that is gone looks like.
/// </summary>
public abstract class FakeTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly X509Certificate2? _certificate;
    private readonly Task _acceptLoop;

    protected FakeTcpServer(X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>How often a client connected: a probe that really ran connected at least once.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private int _connections;

    /// <summary>What went wrong while serving (a request the fake could not parse, say); empty when all was well.</summary>
    public ConcurrentQueue<Exception> Errors { get; } = new();

    /// <summary>Closes the listener: new connections are refused, as by a stopped store.</summary>
    public void Stop()
    {
        _stopping.Cancel();
        _listener.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The loop ends with the listener.
        }

        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Serves one connection; the stream is closed when it returns.</summary>
    protected abstract Task ServeAsync(Stream stream, CancellationToken stopping);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeClientAsync(client));
        }
    }

    private async Task ServeClientAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                if (_certificate is not null)
                {
                    var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                    await secure.AuthenticateAsServerAsync(_certificate);
                    stream = secure;
                }

                await using (stream)
                {
                    await ServeAsync(stream, _stopping.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
                // The probe hung up, timed out or rejected our certificate: its side reports that.
            }
#pragma warning disable CA1031 // Anything else is a broken request: kept for the test to assert on, never lost in a task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Errors.Enqueue(ex);
            }
        }
    }
}
