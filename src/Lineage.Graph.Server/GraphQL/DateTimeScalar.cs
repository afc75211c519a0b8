using GraphQL.Types;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>An ISO-8601 instant with offset, named <c>DateTime</c> as HotChocolate names it.</summary>
public sealed class DateTimeScalar : DateTimeOffsetGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "An ISO-8601 date and time with an offset, such as 2026-06-01T12:00:00Z.";
    }
}
