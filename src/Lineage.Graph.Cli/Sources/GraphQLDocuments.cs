namespace Lineage.Graph.Cli.Sources;

/// <summary>
/// The GraphQL documents the remote source sends. Graph answers ask only for what the output
/// shows of an entity (its key) and the times Core's types require; <c>get</c> and <c>search</c>
/// ask for every field.
/// </summary>
internal static class GraphQLDocuments
{
    private const string Slim = "fragment Slim on Entity { key recordedAt updatedAt retiredAt }";

    private const string Full = """
        fragment Full on Entity {
          key description tags owners properties recordedAt updatedAt retiredAt
          ... on Dataset { schema { name type description } rowCount contentHash uri }
          ... on Feature { dataType transformation }
          ... on CodeVersion { branch tag dirty }
          ... on HyperparameterSet { values }
          ... on Model { framework stage metrics artifactUri }
          ... on Run { runType status startedAt endedAt metrics }
          ... on Deployment { status deployedAt }
        }
        """;

    private const string EdgeParts = "fragment EdgeParts on LineageEdge { fromKey toKey relation role properties recordedAt retiredAt }";

    private const string Graph = $$"""
        fragment Graph on LineageGraph {
          start { ...Slim } nodes { depth entity { ...Slim } } edges { ...EdgeParts } truncated nodesVisited edgesVisited
        }
        {{Slim}}
        {{EdgeParts}}
        """;

    private const string PathParts = "fragment PathParts on LineagePath { entities { ...Slim } edges { ...EdgeParts } }";

    public const string Entity = $$"""
        query Get($key: String!) { entity(key: $key) { ...Full } }
        {{Full}}
        """;

    /// <summary>A walk that reads nothing, sent for a key <see cref="Entity"/> found no entity for: its NOT_FOUND is the answer.</summary>
    public const string Missing = """
        query Missing($key: String!) { lineage(key: $key, maxDepth: 1, limit: 1) { truncated } }
        """;

    public const string Search = $$"""
        query Search($search: String, $kind: EntityKind, $first: Int, $after: String) {
          entities(search: $search, kind: $kind, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { ...Full } }
        }
        {{Full}}
        """;

    public const string Lineage = $$"""
        query Lineage($key: String!, $direction: Direction, $maxDepth: Int, $relations: [RelationKind!], $kinds: [EntityKind!], $asOf: DateTime, $limit: Int) {
          lineage(key: $key, direction: $direction, maxDepth: $maxDepth, relations: $relations, kinds: $kinds, asOf: $asOf, limit: $limit) { ...Graph }
        }
        {{Graph}}
        """;

    public const string Impact = $$"""
        query Impact($key: String!, $maxDepth: Int, $relations: [RelationKind!], $asOf: DateTime) {
          impact(key: $key, maxDepth: $maxDepth, relations: $relations, asOf: $asOf) {
            graph { ...Graph } deployments { deployment { entity { key } } path { ...PathParts } } beyondDepth
          }
        }
        {{Graph}}
        {{PathParts}}
        """;

    public const string Provenance = $$"""
        query Provenance($key: String!, $maxDepth: Int, $relations: [RelationKind!], $asOf: DateTime) {
          provenance(key: $key, maxDepth: $maxDepth, relations: $relations, asOf: $asOf) {
            reproducible issues { code message run input } graph { ...Graph } retiredUpstream { fromKey toKey relation retiredAt } retiredUpstreamTruncated
          }
        }
        {{Graph}}
        """;

    public const string Paths = $$"""
        query Paths($from: String!, $to: String!, $k: Int, $maxDepth: Int, $relations: [RelationKind!], $asOf: DateTime) {
          paths(from: $from, to: $to, k: $k, maxDepth: $maxDepth, relations: $relations, asOf: $asOf) {
            from { ...Slim } to { ...Slim } direction truncated beyondDepth paths { ...PathParts }
          }
        }
        {{Slim}}
        {{EdgeParts}}
        {{PathParts}}
        """;

    public const string Diff = $$"""
        query Diff($a: String!, $b: String!, $maxDepth: Int, $asOf: DateTime) {
          diff(a: $a, b: $b, maxDepth: $maxDepth, asOf: $asOf) {
            a { ...Slim } b { ...Slim } truncated beyondDepth
            inputs { ...Change } code { ...Change }
            hyperparameters { name change a b }
            metrics { source name change a b delta runA runB }
          }
        }
        fragment Change on InputChange { kind namespace name change versionsA versionsB rolesA rolesB }
        {{Slim}}
        """;

    public const string RecordEntities = """
        mutation Record($input: RecordEntitiesInput!) {
          recordEntities(input: $input) { entitiesCreated entitiesUpdated entitiesUnchanged edgesCreated edgesUnchanged errors { code message item } }
        }
        """;
}
