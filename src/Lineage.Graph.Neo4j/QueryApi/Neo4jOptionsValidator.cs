using Lineage.Graph.Core;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>Checks <see cref="Neo4jOptions"/> by <see cref="Settings"/>, each failure named by its key under <paramref name="section"/>.</summary>
internal sealed class Neo4jOptionsValidator(string section) : IValidateOptions<Neo4jOptions>
{
    public ValidateOptionsResult Validate(string? name, Neo4jOptions options) =>
        Settings.Problems(options, section) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
