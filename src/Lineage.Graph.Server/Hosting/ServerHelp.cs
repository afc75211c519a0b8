namespace Lineage.Graph.Server.Hosting;

/// <summary>What <c>--help</c> prints: the options of our own, and where the settings are described.</summary>
internal static class ServerHelp
{
    public const string Text = """
        Lineage.Graph server: lineage of datasets, features, code, runs, models and deployments,
        answered over GraphQL (/graphql), OpenLineage (POST /api/v1/lineage), Marquez's lineage
        query (GET /api/v1/lineage) and /healthz.

        Usage: Lineage.Graph.Server [--seed-demo] [--urls URL] [--Lineage:Section:Setting=VALUE ...]

          --seed-demo   write the demo graph into the store as the server starts (its writes are
                        idempotent, so a second start changes nothing)
          --urls URL    where to listen; `dotnet run` uses http://localhost:5080
          --help, -h    this text

        Every setting of README.md's Configuration table may be given as an argument
        (--Lineage:Sqlite:Path=data/lineage.db) or an environment variable
        (Lineage__Sqlite__Path=data/lineage.db). A setting it cannot use stops the server with
        exit code 1 and a line naming it, before any database file is touched.

        """;
}
