using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// The real server (<c>Lineage.Graph.Server.dll</c>) as a child process on a loopback port, in the
/// Production environment, serving the benchmark's database file with one API key of the role asked
/// for. Disposing it kills it, whatever happened before.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServerProcess(Process process, Uri baseAddress, string apiKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        ApiKey = apiKey;
    }

    public Uri BaseAddress { get; }

    public string ApiKey { get; }

    /// <summary>Starts the server and returns once <c>/healthz</c> answers 200, or throws with the server's last output.</summary>
    public static async Task<ServerProcess> StartAsync(
        string serverDll, string databasePath, string role, IReadOnlyDictionary<string, string> settings, TimeProvider time, TextWriter progress,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(serverDll))
        {
            throw new InvalidOperationException(
                $"The server is not at {serverDll}; build the benchmark (which builds the server) or pass --server PATH, or --http-seconds 0 to skip the HTTP figures.");
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        // A fresh key per run: the server must refuse everything else, and nothing needs to remember it.
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var start = new ProcessStartInfo(DotnetHost())
        {
            // The content root, where appsettings.json was copied by the server's build.
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["Lineage__Store"] = "Sqlite";
        environment["Lineage__Sqlite__Path"] = Path.GetFullPath(databasePath);
        environment["Lineage__Auth__AllowAnonymousRead"] = "false";
        environment["Lineage__Auth__ApiKeys__0__Name"] = "benchmark";
        environment["Lineage__Auth__ApiKeys__0__Key"] = apiKey;
        environment["Lineage__Auth__ApiKeys__0__Role"] = role;
        // The measurement's own settings (environment variables in configuration's form, Lineage__Section__Key).
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        progress.WriteLine($"starting the server: {start.FileName} {string.Join(' ', start.ArgumentList)}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var server = new ServerProcess(process, baseAddress, apiKey);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(time, progress, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server's last lines of output, for a failure message.</summary>
    public string OutputTail()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not gone in time: nothing more a benchmark can do than say so.
            await Console.Error.WriteLineAsync($"WARNING: the server process {_process.Id} may still be running: {ex.Message}");
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilHealthyAsync(TimeProvider time, TextWriter progress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var began = Stopwatch.GetTimestamp();
        string? lastAnswer = null;
        while (Stopwatch.GetElapsedTime(began) < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was healthy:{Environment.NewLine}{OutputTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    progress.WriteLine($"server healthy at {BaseAddress} after {Stopwatch.GetElapsedTime(began).TotalSeconds:F1} s: {body}");
                    return;
                }

                lastAnswer = $"{(int)response.StatusCode} {body}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
                lastAnswer = ex.Message;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        throw new InvalidOperationException(
            $"The server did not answer /healthz with 200 within {StartTimeout.TotalSeconds:F0} s (last: {lastAnswer}):{Environment.NewLine}{OutputTail()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>A port nobody listens on now; the server binds it a moment later, and says so if it lost the race.</summary>
    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The <c>dotnet</c> of the runtime running the benchmark, so the server runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        // The runtime directory is <root>/shared/Microsoft.NETCore.App/<version>/.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
