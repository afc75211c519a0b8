using GraphQL;
using GraphQL.Utilities;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>The printed schema (SDL), as <c>GET /graphql?sdl</c> serves it and the snapshot test checks it.</summary>
public static class SchemaText
{
    public static string Of(LineageSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true, StringComparison = StringComparison.Ordinal });
    }
}
