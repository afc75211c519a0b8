using Lineage.Graph.Server.Hosting;

// Without this, the host read --help as a configuration key and started serving.
if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    await Console.Out.WriteAsync(ServerHelp.Text);
    return 0;
}

// --seed-demo is ours, not a configuration key, so it is taken out before the host reads the arguments.
var seedDemo = args.Contains("--seed-demo");
var builder = WebApplication.CreateBuilder([.. args.Where(a => a != "--seed-demo")]);

// A host that cannot start (a port already taken, say) logs the exception's stack trace under this
// category before the catch below names the problem in one line; it logs nothing else this server needs.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
builder.AddLineageStore();
builder.AddLineageGraphQL();

var app = builder.Build();
try
{
    // Every setting is checked before the store opens, so that a bad one stops the host before it
    // touches a database file (the host would check them only once the store had opened). The
    // addresses to listen on are checked with them: Kestrel reads a bad port as none, and listened on
    // port 80 of every interface.
    Startup.ValidateSettings(app);
    app.MapLineageEndpoints();
    await app.PrepareLineageAsync(seedDemo);
    await app.StartAsync();
}
catch (Exception ex) when (Startup.Problems(ex) is { } problems)
{
    // A bad setting, an unusable store or a port already taken stops the host with a line that names each problem, not a stack trace.
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync($"Lineage.Graph cannot start: {problem}");
    }

    // A port already taken is found once the store has opened (and the demo graph gone in): the store is
    // closed as on a normal stop, so that the embedded file is left whole, its write-ahead log folded in.
    await app.DisposeAsync();
    return 1;
}

await app.WaitForShutdownAsync();

// Disposing the host disposes the store: the embedded one closes its file, which folds its write-ahead
// log in (and empties the log of a file moved over it, which the next open would otherwise apply).
await app.DisposeAsync();
return 0;

/// <summary>The entry point, public so that tests can host it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
