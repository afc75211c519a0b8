using GraphQL.Types;
using GraphQLParser.AST;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>An ISO-8601 instant with offset, named <c>DateTime</c> as HotChocolate names it.</summary>
/// <remarks>
/// Text is read as every other way in reads an instant (<see cref="Texts.TryParseIsoInstant"/>: OpenLineage's
/// <c>eventTime</c>, the CLI's <c>--as-of</c>), so that nine fractional digits, as Go's RFC3339Nano and Java's
/// <c>Instant.toString()</c> write them, are one instant everywhere; GraphQL.NET's own reading stops at seven.
/// Text that reading refuses is refused here too: GraphQL.NET's fallback would read <c>2026-06-01T12:00:00.Z</c>.
/// What is not text (a variable's value GraphQL.NET has already converted) is left to it.
/// </remarks>
public sealed class DateTimeScalar : DateTimeOffsetGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "An ISO-8601 date and time with an offset, such as 2026-06-01T12:00:00Z (up to nine fractional digits; UTC without an offset; a date alone is its midnight UTC).";
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLStringValue text when Texts.TryParseIsoInstant((string)text.Value, out var instant) => instant,
        GraphQLStringValue => ThrowLiteralConversionError(value),
        _ => base.ParseLiteral(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        string text when Texts.TryParseIsoInstant(text, out var instant) => instant,
        string => ThrowValueConversionError(value),
        _ => base.ParseValue(value),
    };

    public override bool CanParseLiteral(GraphQLValue value) =>
        value is GraphQLStringValue text ? Texts.TryParseIsoInstant((string)text.Value, out _) : base.CanParseLiteral(value);

    public override bool CanParseValue(object? value) =>
        value is string text ? Texts.TryParseIsoInstant(text, out _) : base.CanParseValue(value);
}
