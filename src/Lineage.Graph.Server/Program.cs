using Lineage.Graph.Server.Hosting;

// --seed-demo is ours, not a configuration key, so it is taken out before the host reads the arguments.
var seedDemo = args.Contains("--seed-demo");
var builder = WebApplication.CreateBuilder([.. args.Where(a => a != "--seed-demo")]);
builder.AddLineageStore();
builder.AddLineageGraphQL();

var app = builder.Build();
app.MapLineageEndpoints();
await app.PrepareLineageAsync(seedDemo);
await app.RunAsync();

/// <summary>The entry point, public so that tests can host it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
