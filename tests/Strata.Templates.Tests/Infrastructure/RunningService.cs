using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Strata.Templates.Tests.Infrastructure;

/// <summary>A built service started on a free loopback port, stopped (with its process tree) on dispose.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private RunningService(Process process, Uri baseAddress)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<RunningService> StartAsync(string serviceDirectory, string assemblyName, IDictionary<string, string?>? environment = null)
    {
        var port = FreePort();
        var dll = Path.Combine(serviceDirectory, "bin", "Debug", "net10.0", assemblyName + ".dll");
        File.Exists(dll).ShouldBeTrue($"{dll} was not built");
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        var info = ProcessRunner.CreateStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"], serviceDirectory, variables);
        var process = Process.Start(info)!;
        var service = new RunningService(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilHealthyAsync();
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            _process.HasExited.ShouldBeFalse($"the service exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Log}");
            try
            {
                using var response = await Client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The service did not become healthy in 60 s:\n" + Log);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
