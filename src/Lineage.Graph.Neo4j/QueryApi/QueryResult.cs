using System.Text.Json;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// The answer to one statement in the Query API's plain JSON format: the field names and one
/// array of values per row, in field order. The values outlive the response they came from.
/// </summary>
/// <param name="Fields">The names of the returned columns, in order.</param>
/// <param name="Rows">One array per row, holding a value for each field.</param>
/// <param name="Counters">How the statement changed the database, when counters were asked for.</param>
/// <param name="Bookmarks">
/// The state of the database once the statement's transaction committed; sent with a later
/// statement, they make it wait for that state (in a cluster, another member may not have it yet).
/// </param>
public sealed record QueryResult(IReadOnlyList<string> Fields, IReadOnlyList<JsonElement[]> Rows, QueryCounters? Counters, IReadOnlyList<string> Bookmarks)
{
    /// <summary>The position of <paramref name="field"/> in every row.</summary>
    /// <exception cref="KeyNotFoundException">The statement returned no such field.</exception>
    public int FieldIndex(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i], field, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"The statement returned no field '{field}'; it returned [{string.Join(", ", Fields)}].");
    }

    /// <summary>The value of <paramref name="field"/> in <paramref name="row"/>.</summary>
    public JsonElement Value(JsonElement[] row, string field)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row[FieldIndex(field)];
    }

    /// <summary>The values of <paramref name="field"/>, one per row.</summary>
    public IReadOnlyList<JsonElement> Column(string field)
    {
        var index = FieldIndex(field);
        var values = new JsonElement[Rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Rows[i][index];
        }

        return values;
    }
}
