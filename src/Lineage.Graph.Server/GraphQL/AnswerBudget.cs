using System.Runtime.InteropServices;
using System.Text.Json;
using GraphQL;
using Lineage.Graph.Core;
using Lineage.Graph.Server.Hosting;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// What one HTTP request (all the operations of a batch) may answer in all: the nodes its walks return
/// (<see cref="GraphQLLimitsOptions.MaxWalkNodes"/>), and the bytes of the free-form JSON it answers
/// (<see cref="GraphQLLimitsOptions.MaxAnswerJsonBytes"/>: properties, hyperparameter values, metrics, schemas). Each field that walks takes, before it walks, as
/// many as its answer may hold: a <c>lineage</c> its limit, a report the cap for each walk it keeps,
/// a field that lists entities around one (<c>upstream</c>, <c>downstream</c>, <c>versions</c>, a
/// version's neighbour) its <c>first</c>, its count or one.
/// The complexity analysis cannot price these: it charges a list by the items an argument of the
/// selection names, and it priced <c>lineage(limit: 10000)</c> as <c>lineage(limit: 1)</c>, while a
/// report's closure, up to the cap, is named by no argument at all. So a few hundred aliases of one
/// walk, each cheap to the analysis, answered a gigabyte and left the server holding ten. Properties
/// are the other thing a short query can multiply: an entity may hold 16 MiB of them, and 300 aliases
/// of one holding 1 MiB answered 314 MB.
/// </summary>
internal sealed class AnswerBudget(long most, long mostJsonBytes, TraversalLimits limits)
{
    public const string UserContextKey = "answerBudget";

    private readonly TraversalLimits _limits = limits;
    private readonly long _mostJsonBytes = mostJsonBytes;
    private long _taken;
    private long _jsonBytes;

    /// <summary>The budget of <paramref name="http"/>'s request, made by its first operation and shared by the others of its batch.</summary>
    public static AnswerBudget Of(HttpContext http, GraphQLLimitsOptions options, TraversalLimits limits)
    {
        if (!http.Items.TryGetValue(typeof(AnswerBudget), out var budget))
        {
            http.Items[typeof(AnswerBudget)] = budget = new AnswerBudget(options.WalkNodes(limits.LimitCap), options.MaxAnswerJsonBytes, limits);
        }

        return (AnswerBudget)budget!;
    }

    /// <summary>
    /// Takes a <c>lineage</c> walk's share: its limit, or the default one. A limit outside 1 to the cap
    /// takes nothing: the walk refuses it, naming it.
    /// </summary>
    public static void TakeWalk(IResolveFieldContext context, int? limit)
    {
        if (Of(context) is { } budget && (limit is null || (limit >= 1 && limit <= budget._limits.LimitCap)))
        {
            budget.Take(limit ?? budget._limits.LimitIfUnasked, context.FieldDefinition.Name, "limit");
        }
    }

    /// <summary>Takes a report's share: the cap for each of the <paramref name="walks"/> walks whose answers it keeps.</summary>
    public static void TakeReport(IResolveFieldContext context, int walks)
    {
        if (Of(context) is { } budget)
        {
            budget.Take(walks * budget._limits.LimitCap, context.FieldDefinition.Name, item: null);
        }
    }

    /// <summary>
    /// Takes the share of a field that lists entities around an entity: <c>upstream</c>, <c>downstream</c>
    /// their <c>first</c>, named by <paramref name="item"/>; a version's neighbour, a run's job or parent
    /// one; <c>versions</c> as many as it lists. Inside a walk's answer these run once for each of its
    /// nodes, which the complexity analysis charges as a few.
    /// </summary>
    public static void TakeHop(IResolveFieldContext context, int nodes, string? item)
    {
        if (Of(context) is { } budget)
        {
            budget.Take(nodes, context.FieldDefinition.Name, item);
        }
    }

    /// <summary>
    /// Takes the bytes of <paramref name="properties"/> (an entity's, an edge's, or a hyperparameter set's
    /// values) as the cap on what an entity may hold counts them, so that any entity the store holds can
    /// be answered under the smallest budget (each part of an entity is taken as at most its share of
    /// the cap's count); returns them, or refuses the field past the budget.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonElement> TakeJson(IResolveFieldContext context, IReadOnlyDictionary<string, JsonElement> properties)
    {
        TakeBytes(context, properties.Count == 0 ? 0 : EntityMerge.PropertiesBytes(properties));
        return properties;
    }

    /// <summary>Takes the bytes of one JSON value (a diff's hyperparameter value on one side); returns it.</summary>
    public static JsonElement? TakeJson(IResolveFieldContext context, JsonElement? value)
    {
        TakeBytes(context, value is { } json ? JsonMarshal.GetRawUtf8Value(json).Length : 0);
        return value;
    }

    /// <summary>Takes the bytes of a model's or a run's metrics, each a name and a number; returns them.</summary>
    public static IReadOnlyDictionary<string, double>? TakeJson(IResolveFieldContext context, IReadOnlyDictionary<string, double>? metrics)
    {
        TakeBytes(context, metrics is null ? 0 : EntityMerge.JsonBytes(metrics));
        return metrics;
    }

    /// <summary>Takes the bytes of a dataset's schema, its fields' names, types and descriptions; returns it.</summary>
    public static IReadOnlyList<SchemaField>? TakeJson(IResolveFieldContext context, IReadOnlyList<SchemaField>? schema)
    {
        TakeBytes(context, schema is null ? 0 : EntityMerge.JsonBytes(schema));
        return schema;
    }

    private static void TakeBytes(IResolveFieldContext context, long bytes)
    {
        if (bytes > 0 && Of(context) is { } budget && !TryTake(ref budget._jsonBytes, bytes, budget._mostJsonBytes))
        {
            throw new LimitExceededException(
                $"The free-form JSON one request answers (properties, hyperparameter values, metrics, schemas) may hold {budget._mostJsonBytes:N0} bytes in all "
                + $"({GraphQLLimitsOptions.Section}:{nameof(GraphQLLimitsOptions.MaxAnswerJsonBytes)}); this {context.FieldDefinition.Name}, {bytes:N0} bytes, would take it past that. "
                + "Ask for it of fewer entities or edges in one request.");
        }
    }

    private static AnswerBudget? Of(IResolveFieldContext context) =>
        context.UserContext.TryGetValue(UserContextKey, out var budget) ? budget as AnswerBudget : null;

    /// <summary>
    /// Adds <paramref name="amount"/> to <paramref name="counter"/> if that keeps it within <paramref name="most"/>,
    /// and otherwise leaves it as it was: a refused share is never counted, even for a moment, so fields
    /// resolved at the same time are not refused for it.
    /// </summary>
    private static bool TryTake(ref long counter, long amount, long most)
    {
        var seen = Volatile.Read(ref counter);
        while (seen <= most - amount)
        {
            var before = Interlocked.CompareExchange(ref counter, seen + amount, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }

    private void Take(int nodes, string field, string? item)
    {
        if (!TryTake(ref _taken, nodes, most))
        {
            throw new LimitExceededException(
                $"The walks of one request may return {most:N0} nodes in all ({GraphQLLimitsOptions.Section}:{nameof(GraphQLLimitsOptions.MaxWalkNodes)}); "
                + $"this {field}, which may return {nodes:N0}, would take them past that. Ask for fewer walks in one request"
                + (item is null ? "." : $", or give them a lower {item}."),
                item);
        }
    }
}
