using Lineage.Graph.Server.Tests.Browser;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// The server run as its users run it (<c>dotnet Lineage.Graph.Server.dll</c>) with a setting or a
/// file it cannot work with: it exits with 1 and one line that names the problem, and leaves the
/// database file it was pointed at as it was.
/// </summary>
public sealed class StartupTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-startup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_short_api_key_is_named_in_one_line_and_the_server_exits_1()
    {
        var outcome = await StartAsync(new()
        {
            ["Lineage__Auth__ApiKeys__0__Name"] = "ci",
            ["Lineage__Auth__ApiKeys__0__Key"] = "short",
            ["Lineage__Auth__ApiKeys__0__Role"] = "Reader",
        });

        AssertRefused(outcome, "An API key is at least 16 characters.");
    }

    [Fact]
    public async Task A_bad_address_and_a_bad_setting_are_both_named()
    {
        // The address was checked alone first, and hid the other problems until it was mended.
        var outcome = await StartAsync(new() { ["Lineage__GraphQL__MaxBatchSize"] = "0" }, "ftp://a");

        Assert.Equal(1, outcome.ExitCode);
        var lines = Lines(outcome);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, line => line.Contains("\"ftp://a\", which is not an address to listen on: it must begin with http:// or https://.", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Lineage:GraphQL:MaxBatchSize must be between 1 and 100; it is 0.", StringComparison.Ordinal));
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task A_walk_budget_below_what_one_diff_walks_is_named_and_the_server_exits_1()
    {
        // Accepted, it refused every diff of every request (a diff takes twice the traversal cap).
        var outcome = await StartAsync(new() { ["Lineage__GraphQL__MaxWalkNodes"] = "15000" });

        AssertRefused(outcome, "Lineage:GraphQL:MaxWalkNodes must be at least twice Lineage:Traversal:LimitCap (20000), what one diff walks; it is 15000. Leave it unset to follow the cap.");
        Assert.False(File.Exists(DatabasePath));

        // Unset, it follows a raised cap, and the server starts.
        AssertStarted(await StartAsync(new() { ["Lineage__Traversal__LimitCap"] = "1000000" }, stopAt: Listening));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5l99", "its port must be a number from 0 to 65535.")]
    [InlineData("http://127.0.0.1:", "its port must be a number from 0 to 65535.")]
    [InlineData("http://127.0.0.1:99999", "its port must be a number from 0 to 65535.")]
    [InlineData("127.0.0.1:5199", "it must begin with http:// or https://.")]
    [InlineData("http://local host:5199", "its host must be a name, an IP address, * or +.")]
    [InlineData("http://127.0.0.1:5199/path", "it has a path; the server listens at the root of an address (a trailing / is allowed).")]
    [InlineData(" http://127.0.0.1:5199 ", "it has spaces around it.")]
    [InlineData("http://localhost:0", "port 0 (any free port) needs an IP address, * or +, not localhost.")]
    public async Task An_address_the_server_cannot_listen_on_is_named_before_the_store_opens_and_the_server_exits_1(string url, string problem)
    {
        // A bad port was read as none (port 80 on every interface), or crashed the host once the store had opened.
        var outcome = await StartAsync([], url);

        AssertRefused(outcome, $"\"{url}\", which is not an address to listen on: {problem}");
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task A_key_that_ends_in_a_line_break_is_named_and_the_server_exits_1()
    {
        // Accepted before, it matched no request: HTTP strips white space from a header value's ends.
        var outcome = await StartAsync(new()
        {
            ["Lineage__Auth__ApiKeys__0__Name"] = "ci",
            ["Lineage__Auth__ApiKeys__0__Key"] = "secret-key-from-file-0123\n",
            ["Lineage__Auth__ApiKeys__0__Role"] = "Reader",
        });

        AssertRefused(outcome, "Lineage:Auth:ApiKeys:0:Key begins or ends with white space (a line break from a key file?); no request can send it. Remove it.");
    }

    [Theory]
    [InlineData("secret-key\nfrom-file-0123")]
    [InlineData("clé-secrète-0123456789")]
    public async Task A_key_no_header_can_carry_is_named_and_the_server_exits_1(string key)
    {
        var outcome = await StartAsync(new()
        {
            ["Lineage__Auth__ApiKeys__0__Name"] = "ci",
            ["Lineage__Auth__ApiKeys__0__Key"] = key,
            ["Lineage__Auth__ApiKeys__0__Role"] = "Reader",
        });

        AssertRefused(outcome, "Lineage:Auth:ApiKeys:0:Key holds a control character or a character outside ASCII, which browsers, the CLI and most HTTP clients cannot send. Use printable ASCII.");
    }

    [Theory]
    [InlineData("ReadWrite")]
    [InlineData("2")]
    [InlineData("None")]
    public async Task A_key_with_an_unknown_role_is_named_and_the_server_exits_1(string role)
    {
        // The configuration binder drops such an item from the list without a word; the server started, and refused the key.
        var outcome = await StartAsync(new()
        {
            ["Lineage__Auth__ApiKeys__0__Name"] = "ci",
            ["Lineage__Auth__ApiKeys__0__Key"] = "ci-key-0123456789abcdef",
            ["Lineage__Auth__ApiKeys__0__Role"] = "Writer",
            ["Lineage__Auth__ApiKeys__1__Name"] = "dashboard",
            ["Lineage__Auth__ApiKeys__1__Key"] = "dashboard-key-0123456789abcdef",
            ["Lineage__Auth__ApiKeys__1__Role"] = role,
        });

        AssertRefused(outcome, $"Lineage:Auth:ApiKeys:1:Role is '{role}'; it must be Reader, Writer or Admin.");
    }

    [Fact]
    public async Task An_unknown_store_is_refused_before_any_database_file_is_made()
    {
        var outcome = await StartAsync(new() { ["Lineage__Store"] = "Postgres" });

        AssertRefused(outcome, "Lineage:Store must be Sqlite or Neo4j; it is 'Postgres'.");
        Assert.False(File.Exists(DatabasePath), "the embedded store was opened although the settings were refused");
    }

    [Fact]
    public async Task A_depth_cap_past_what_the_Neo4j_store_walks_is_named_as_a_setting_and_the_server_exits_1()
    {
        // No Neo4j is needed: the settings are checked before the store is made or asked anything.
        var outcome = await StartAsync(new()
        {
            ["Lineage__Store"] = "Neo4j",
            ["Lineage__Neo4j__Url"] = "http://127.0.0.1:9",
            ["Lineage__Traversal__MaxDepthCap"] = "500",
        });

        AssertRefused(outcome, "Lineage:Traversal:MaxDepthCap is at most 100 with Lineage:Store Neo4j: the Neo4j store walks at most 100 hops.");
    }

    [Fact]
    public async Task With_Neo4j_chosen_the_embedded_stores_settings_are_not_checked_and_a_store_name_in_other_case_is_refused_alone()
    {
        // A Neo4j deployment with a leftover Lineage:Sqlite setting would not start; a refused `neo4j` also had its Neo4j section checked.
        var neo4j = await StartAsync(new()
        {
            ["Lineage__Store"] = "Neo4j",
            ["Lineage__Neo4j__Url"] = "http://127.0.0.1:9",
            ["Lineage__Traversal__MaxDepthCap"] = "500",
            ["Lineage__Sqlite__Synchronous"] = "OFF",
        });
        var lowerCase = await StartAsync(new() { ["Lineage__Store"] = "neo4j" });

        AssertRefused(neo4j, "Lineage:Traversal:MaxDepthCap is at most 100 with Lineage:Store Neo4j: the Neo4j store walks at most 100 hops.");
        AssertRefused(lowerCase, "Lineage:Store must be Sqlite or Neo4j; it is 'neo4j'.");
    }

    [Theory]
    [InlineData("Synchronous", "OFF", "Lineage:Sqlite:Synchronous must be FULL or NORMAL; it is 'OFF'.")]
    [InlineData("LockTimeoutSeconds", "0", "Lineage:Sqlite:LockTimeoutSeconds must be between 1 and 600 seconds; it is 0.")]
    public async Task A_bad_sqlite_setting_is_refused_before_any_database_file_is_made(string setting, string value, string message)
    {
        var outcome = await StartAsync(new() { [$"Lineage__Sqlite__{setting}"] = value });

        AssertRefused(outcome, message);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Bad_settings_in_two_sections_are_each_named_on_a_line()
    {
        var outcome = await StartAsync(new() { ["Lineage__Store"] = "Postgres", ["Lineage__Sqlite__Synchronous"] = "OFF" });

        Assert.False(outcome.TimedOut, outcome.Output);
        Assert.Equal(1, outcome.ExitCode);
        var lines = Lines(outcome);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("Lineage.Graph cannot start: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Lineage:Store must be Sqlite or Neo4j; it is 'Postgres'.", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Lineage:Sqlite:Synchronous must be FULL or NORMAL; it is 'OFF'.", StringComparison.Ordinal));
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Each_bad_setting_is_named_by_its_full_key_and_value_on_a_line_of_its_own()
    {
        // Both sections have a MaxBodyBytes: the stock message named the member alone, and joined a section's faults on one line.
        var outcome = await StartAsync(new()
        {
            ["Lineage__GraphQL__MaxBodyBytes"] = "0",
            ["Lineage__GraphQL__TimeoutSeconds"] = "0",
            ["Lineage__OpenLineage__MaxBodyBytes"] = "5",
        });

        Assert.False(outcome.TimedOut, outcome.Output);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            [
                "Lineage.Graph cannot start: Lineage:GraphQL:MaxBodyBytes must be between 1024 and 268435456; it is 0.",
                "Lineage.Graph cannot start: Lineage:GraphQL:TimeoutSeconds must be between 1 and 3600; it is 0.",
                "Lineage.Graph cannot start: Lineage:OpenLineage:MaxBodyBytes must be between 1024 and 268435456; it is 5.",
            ],
            Lines(outcome).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(DatabasePath));
    }

    [Theory]
    [InlineData("DefaultMaxDepth", "200", "Lineage:Traversal:DefaultMaxDepth must be at most Lineage:Traversal:MaxDepthCap (100), the deepest any walk may go; it is 200.")]
    [InlineData("DefaultLimit", "50000", "Lineage:Traversal:DefaultLimit must be at most Lineage:Traversal:LimitCap (10000), the most nodes any walk may return; it is 50000.")]
    public async Task A_traversal_default_written_above_its_cap_is_refused_rather_than_lowered_to_it(string setting, string value, string message)
    {
        var outcome = await StartAsync(new() { [$"Lineage__Traversal__{setting}"] = value });

        AssertRefused(outcome, message);
    }

    [Fact]
    public async Task A_traversal_cap_set_below_the_shipped_defaults_takes_them_with_it()
    {
        AssertStarted(await StartAsync(new() { ["Lineage__Traversal__MaxDepthCap"] = "3", ["Lineage__Traversal__LimitCap"] = "5" }, stopAt: Listening));
    }

    [Theory]
    [InlineData("false", "every query and write is refused (401)")]
    [InlineData("true", "queries are answered, but every write is refused (401)")]
    public async Task A_server_without_api_keys_warns_when_it_starts(string anonymous, string consequence)
    {
        // It started as one with keys did, and only its 401s said why.
        var outcome = await StartAsync(new() { ["Lineage__Auth__AllowAnonymousRead"] = anonymous }, stopAt: Listening);

        Assert.False(outcome.TimedOut, outcome.Output);
        Assert.Contains($"No API keys are configured (Lineage:Auth:ApiKeys): {consequence}", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_with_an_api_key_starts_without_the_warning()
    {
        var outcome = await StartAsync(
            new()
            {
                ["Lineage__Auth__ApiKeys__0__Name"] = "ci",
                ["Lineage__Auth__ApiKeys__0__Key"] = "ci-key-0123456789abcdef",
                ["Lineage__Auth__ApiKeys__0__Role"] = "Reader",
            },
            stopAt: Listening);

        Assert.False(outcome.TimedOut, outcome.Output);
        Assert.Contains(Listening, outcome.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("No API keys", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_already_taken_is_named_without_a_stack_trace()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var outcome = await StartAsync([], $"http://127.0.0.1:{port}");

        Assert.False(outcome.TimedOut, outcome.Output);
        Assert.Equal(1, outcome.ExitCode);
        var lines = Lines(outcome);

        // The store has opened by then and says so; the failure is the last line, and no line is a stack frame.
        Assert.StartsWith("Lineage.Graph cannot start: ", lines[^1], StringComparison.Ordinal);
        Assert.Contains("address already in use", lines[^1], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(lines, line => line.StartsWith("at ", StringComparison.Ordinal));

        // The store was closed as on a normal stop: its write-ahead log folded into the file and removed.
        Assert.True(File.Exists(DatabasePath));
        Assert.False(File.Exists(DatabasePath + "-wal"), "the store was left open: its write-ahead log is still beside the file");
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_named_and_left_as_it_was()
    {
        const string Text = "not a database, and still someone's file\n";
        await File.WriteAllTextAsync(DatabasePath, Text);

        var outcome = await StartAsync([]);

        AssertRefused(outcome, $"Cannot open the embedded store at {DatabasePath}");
        Assert.Equal(Text, await File.ReadAllTextAsync(DatabasePath));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_the_options_and_exits_0_without_serving_or_touching_a_database(string flag)
    {
        // The host read --help as a configuration key and started serving on the default port, with a database file.
        var server = Path.Combine(AppContext.BaseDirectory, "Lineage.Graph.Server.dll");
        var outcome = await ExternalProcess.RunAsync("dotnet", [server, flag], _folder, Limit, new Dictionary<string, string> { ["Lineage__Sqlite__Path"] = DatabasePath });

        Assert.False(outcome.TimedOut, outcome.Output);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Usage: Lineage.Graph.Server [--seed-demo] [--urls URL]", outcome.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }

    private string DatabasePath => Path.Combine(_folder, "lineage.db");

    /// <summary>What the server logs once it serves, after every warning of its start.</summary>
    private const string Listening = "Lineage.Graph GraphQL endpoint";

    private async Task<ProcessOutcome> StartAsync(Dictionary<string, string> settings, string url = "http://127.0.0.1:0", string? stopAt = null)
    {
        // The working folder is the temporary one, so no appsettings.json is read: only these settings and the defaults.
        var environment = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Lineage__Sqlite__Path"] = DatabasePath,
        };
        var server = Path.Combine(AppContext.BaseDirectory, "Lineage.Graph.Server.dll");
        return await ExternalProcess.RunAsync("dotnet", [server, "--urls", url], _folder, Limit, environment, stopAt);
    }

    /// <summary>The server took its settings and began listening (the run is stopped at <see cref="Listening"/>).</summary>
    private static void AssertStarted(ProcessOutcome outcome)
    {
        Assert.False(outcome.TimedOut, outcome.Output);
        Assert.DoesNotContain("cannot start", outcome.Output, StringComparison.Ordinal);
        Assert.Contains(Listening, outcome.Output, StringComparison.Ordinal);
    }

    private static void AssertRefused(ProcessOutcome outcome, string expected)
    {
        Assert.False(outcome.TimedOut, $"the server kept running with a setting it cannot use:\n{outcome.Output}");
        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(Lines(outcome));
        Assert.StartsWith("Lineage.Graph cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private static string[] Lines(ProcessOutcome outcome) =>
        outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
