using GraphQL.Types;
using Lineage.Graph.Core;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Picks an entity's object type by its kind. Without it GraphQL.NET asks each possible type's
/// <c>IsTypeOf</c> in turn, up to eight calls for every entity of an answer, which was a tenth of
/// the server's time on a large walk.
/// </summary>
internal static class EntityTypeResolver
{
    public static void Install(IAbstractGraphType type)
    {
        // Filled on first use: the possible types are known only once the schema is built.
        IObjectGraphType?[]? byKind = null;
        type.ResolveType = value =>
        {
            if (value is not Entity entity)
            {
                return null;
            }

            byKind ??= ByKind(type);
            return byKind[(int)entity.Kind];
        };
    }

    private static IObjectGraphType?[] ByKind(IAbstractGraphType type)
    {
        var byKind = new IObjectGraphType?[Enum.GetValues<EntityKind>().Max(k => (int)k) + 1];
        foreach (var kind in Enum.GetValues<EntityKind>())
        {
            byKind[(int)kind] = type.PossibleTypes.SingleOrDefault(t => t.Name == kind.ToString());
        }

        return byKind;
    }
}
