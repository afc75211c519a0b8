using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Lineage.Graph.Server.Hosting;

namespace Lineage.Graph.Server.Tests;

/// <summary>Every query and every entity field, on the demo graph, read by a reader.</summary>
public sealed class QueryTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const string RawEvents = "dataset:s3://acme-lake/raw:click_events@2026-06-01";
    private const string RawEventsNext = "dataset:s3://acme-lake/raw:click_events@2026-06-02";
    private const string Sessions = "dataset:postgres://warehouse:5432:analytics.sessions@2026-06-02";
    private const string Features = "feature:churn_features:days_since_last_session@v3";
    private const string ModelV1 = "model:mlflow://registry:churn@1";
    private const string ModelV2 = "model:mlflow://registry:churn@2";
    private const string Deployment = "deployment:prod:churn-api@42";
    private const string EtlRun = "run:airflow://acme:etl.sessionise@6f1c7a52-1b0e-4c4e-9a55-2b8d0c3f0a01";
    private const string FeatureRun = "run:feast://acme:churn_features@0d3e8f61-7f3a-4c55-8b0e-9e7f4a2b1c02";
    private const string TrainV1 = "run:mlflow://acme:train_churn@1a2b3c4d-0000-4000-8000-000000000001";
    private const string TrainV2 = "run:mlflow://acme:train_churn@1a2b3c4d-0000-4000-8000-000000000002";
    private const string EvalV1 = "run:mlflow://acme:evaluate_churn@2b000000-0000-4000-8000-000000000001";
    private const string EvalV2 = "run:mlflow://acme:evaluate_churn@2b000000-0000-4000-8000-000000000002";
    private const string TrainCodeV2 = "codeversion:https://github.com/acme/churn:train.py@c9d0e1f";

    private readonly DemoServer _server = server;

    [Fact]
    public void The_demo_keys_are_the_ones_these_tests_name()
    {
        Assert.Equal(RawEvents, DemoGraph.RawEvents.ToString());
        Assert.Equal(RawEventsNext, DemoGraph.RawEventsNext.ToString());
        Assert.Equal(Sessions, DemoGraph.Sessions.ToString());
        Assert.Equal(Features, DemoGraph.Features.ToString());
        Assert.Equal(ModelV1, DemoGraph.ModelV1.ToString());
        Assert.Equal(ModelV2, DemoGraph.ModelV2.ToString());
        Assert.Equal(Deployment, DemoGraph.Deployment.ToString());
    }

    [Fact]
    public async Task Entity_answers_the_common_fields_and_a_datasets_typed_fields()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync("""
            query($key: String!) { entity(key: $key) {
              __typename id key kind namespace name version description tags owners properties recordedAt updatedAt retiredAt
              ... on Dataset { rowCount uri contentHash schema { name } } } }
            """, new { key = RawEventsNext });
        var entity = data.At("entity");
        Assert.Equal("Dataset", entity.Str("__typename"));
        Assert.Equal(RawEventsNext, entity.Str("key"));
        Assert.Equal("DATASET", entity.Str("kind"));
        Assert.Equal("s3://acme-lake/raw", entity.Str("namespace"));
        Assert.Equal("click_events", entity.Str("name"));
        Assert.Equal("2026-06-02", entity.Str("version"));
        Assert.Equal("Raw click events from the web app", entity.Str("description"));
        Assert.Equal(["raw", "pii"], entity.At("tags").Strings());
        Assert.Equal(["data-platform"], entity.At("owners").Strings());
        Assert.Equal(JsonValueKind.Object, entity.At("properties").ValueKind);
        Assert.True(entity.At("recordedAt").GetDateTimeOffset() <= entity.At("updatedAt").GetDateTimeOffset());
        Assert.True(entity.IsNull("retiredAt"));
        Assert.Equal(1_310_442, entity.At("rowCount").GetInt64());
        Assert.Equal("s3://acme-lake/raw/click_events/2026-06-02", entity.Str("uri"));
        Assert.True(entity.IsNull("contentHash"));
        Assert.True(entity.IsNull("schema"));
        Assert.False(string.IsNullOrEmpty(entity.Str("id")));
    }

    [Fact]
    public async Task Entity_with_a_key_nobody_wrote_is_null()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync("""{ entity(key: "dataset:nowhere:nothing@1") { key } }""");
        Assert.True(data.IsNull("entity"));
    }

    [Fact]
    public async Task Each_kind_answers_as_its_own_type_with_its_typed_fields()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync($$"""
            {
              sessions: entity(key: "{{Sessions}}") { __typename ... on Dataset { schema { name type description } } }
              feature: entity(key: "{{Features}}") { __typename ... on Feature { dataType transformation } }
              code: entity(key: "{{TrainCodeV2}}") { __typename ... on CodeVersion { repository commit branch tag dirty } }
              model: entity(key: "{{ModelV2}}") { __typename ... on Model { framework stage metrics artifactUri } }
              run: entity(key: "{{EvalV2}}") { __typename ... on Run { runId runType status startedAt endedAt metrics } }
              job: entity(key: "job:mlflow://acme:train_churn") { __typename key version }
              deployment: entity(key: "{{Deployment}}") { __typename ... on Deployment { status deployedAt } }
              sets: entities(kind: HYPERPARAMETER_SET) { nodes { __typename namespace ... on HyperparameterSet { values } } }
            }
            """);
        Assert.Equal("Dataset", data.Str("sessions.__typename"));
        Assert.Equal(["user_id", "session_start", "clicks"], data.At("sessions.schema").Strings("name"));
        Assert.Equal(["BIGINT", "TIMESTAMP", "INT"], data.At("sessions.schema").Strings("type"));

        Assert.Equal("Feature", data.Str("feature.__typename"));
        Assert.Equal("INT", data.Str("feature.dataType"));
        Assert.Equal("datediff(now(), max(session_start))", data.Str("feature.transformation"));

        Assert.Equal("CodeVersion", data.Str("code.__typename"));
        Assert.Equal("https://github.com/acme/churn", data.Str("code.repository"));
        Assert.Equal("c9d0e1f", data.Str("code.commit"));
        Assert.True(data.IsNull("code.branch"));

        Assert.Equal("Model", data.Str("model.__typename"));
        Assert.Equal("xgboost", data.Str("model.framework"));
        Assert.Equal("production", data.Str("model.stage"));
        Assert.Equal(0.84, data.At("model.metrics.auc").GetDouble());
        Assert.True(data.IsNull("model.artifactUri"));

        Assert.Equal("Run", data.Str("run.__typename"));
        Assert.Equal("2b000000-0000-4000-8000-000000000002", data.Str("run.runId"));
        Assert.Equal("EVALUATION", data.Str("run.runType"));
        Assert.Equal("COMPLETE", data.Str("run.status"));
        Assert.Equal(0.835, data.At("run.metrics.auc").GetDouble());
        Assert.True(data.IsNull("run.startedAt"));

        Assert.Equal("Job", data.Str("job.__typename"));
        Assert.True(data.IsNull("job.version"));

        Assert.Equal("Deployment", data.Str("deployment.__typename"));
        Assert.Equal("SERVING", data.Str("deployment.status"));
        Assert.Equal(new DateTimeOffset(2026, 6, 3, 9, 0, 0, TimeSpan.Zero), data.At("deployment.deployedAt").GetDateTimeOffset());

        var sets = data.At("sets.nodes").Items();
        Assert.Equal(2, sets.Count);
        Assert.All(sets, s => Assert.Equal("HyperparameterSet", s.Str("__typename")));
        Assert.All(sets, s => Assert.Equal("hyperparameters", s.Str("namespace")));
        var learningRates = sets.Select(s => s.At("values.learning_rate").GetDouble()).Order().ToList();
        Assert.Equal([0.05, 0.1], learningRates);
    }

    [Fact]
    public async Task Node_fetches_again_what_an_id_stands_for()
    {
        using var client = _server.Reader();
        var id = (await client.QueryAsync($$"""{ entity(key: "{{ModelV2}}") { id } }""")).Str("entity.id");
        var data = await client.QueryAsync("query($id: ID!) { node(id: $id) { id __typename ... on Model { key stage } } }", new { id });
        Assert.Equal(id, data.Str("node.id"));
        Assert.Equal("Model", data.Str("node.__typename"));
        Assert.Equal(ModelV2, data.Str("node.key"));
        Assert.Equal("production", data.Str("node.stage"));
    }

    [Fact]
    public async Task Nodes_answers_in_the_order_asked_with_null_for_an_entity_that_is_not_there()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync($$"""{ a: entity(key: "{{Deployment}}") { id } b: entity(key: "{{RawEvents}}") { id } }""");
        var missing = IdFor("Dataset", "dataset:nowhere:nothing@1");
        var nodes = (await client.QueryAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { key } } }",
            new { ids = new[] { data.Str("b.id"), missing, data.Str("a.id") } })).At("nodes").Items();
        Assert.Equal(3, nodes.Count);
        Assert.Equal(RawEvents, nodes[0].Str("key"));
        Assert.Equal(JsonValueKind.Null, nodes[1].ValueKind);
        Assert.Equal(Deployment, nodes[2].Str("key"));
    }

    [Fact]
    public async Task Entities_pages_forward_through_every_entity_in_key_order()
    {
        using var client = _server.Reader();
        var all = (await client.QueryAsync("{ entities(first: 1000) { totalCount nodes { key } } }")).At("entities");
        var keys = all.At("nodes").Strings("key");
        Assert.Equal(23, all.Int("totalCount"));
        Assert.Equal(keys.Order(StringComparer.Ordinal).ToList(), keys);

        var paged = new List<string?>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = (await client.QueryAsync(
                "query($after: String) { entities(first: 5, after: $after) { totalCount nodes { key } edges { cursor node { key } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
                new { after })).At("entities");
            pages++;
            Assert.Equal(23, page.Int("totalCount"));
            Assert.False(page.Bool("pageInfo.hasPreviousPage"));
            Assert.Equal(page.At("nodes").Strings("key"), page.At("edges").Strings("node.key"));
            Assert.Equal(page.Str("edges.0.cursor"), page.Str("pageInfo.startCursor"));
            Assert.Equal(page.At("edges").Items()[^1].Str("cursor"), page.Str("pageInfo.endCursor"));
            paged.AddRange(page.At("nodes").Strings("key"));
            if (!page.Bool("pageInfo.hasNextPage"))
            {
                break;
            }

            after = page.Str("pageInfo.endCursor");
        }

        Assert.Equal(5, pages);
        Assert.Equal(keys, paged);
    }

    [Fact]
    public async Task Entities_filters_by_kind_namespace_name_prefix_tag_and_text()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync("""
            {
              models: entities(kind: MODEL) { totalCount nodes { key } }
              lake: entities(namespace: "s3://acme-lake/raw") { nodes { key } }
              prefix: entities(kind: JOB, nameStartsWith: "train") { nodes { key } }
              pii: entities(tag: "pii") { nodes { key } }
              text: entities(search: "SESSIONISED") { nodes { key } }
              none: entities(kind: DATASET, namespace: "nowhere") { totalCount nodes { key } pageInfo { hasNextPage startCursor endCursor } }
            }
            """);
        Assert.Equal(2, data.Int("models.totalCount"));
        Assert.Equal([ModelV1, ModelV2], data.At("models.nodes").Strings("key"));
        Assert.Equal([RawEvents, RawEventsNext], data.At("lake.nodes").Strings("key"));
        Assert.Equal(["job:mlflow://acme:train_churn"], data.At("prefix.nodes").Strings("key"));
        Assert.Equal([RawEvents, RawEventsNext], data.At("pii.nodes").Strings("key"));
        Assert.Equal([Sessions], data.At("text.nodes").Strings("key"));
        Assert.Equal(0, data.Int("none.totalCount"));
        Assert.Empty(data.At("none.nodes").Items());
        Assert.False(data.Bool("none.pageInfo.hasNextPage"));
        Assert.True(data.IsNull("none.pageInfo.startCursor"));
    }

    [Fact]
    public async Task Lineage_walks_downstream_by_default_in_depth_then_key_order()
    {
        using var client = _server.Reader();
        var lineage = (await client.QueryAsync($$"""
            { lineage(key: "{{RawEventsNext}}") {
                start { key } nodes { depth entity { key } } edges { fromKey toKey relation role from { key } to { key } properties recordedAt retiredAt }
                truncated nodesVisited edgesVisited } }
            """)).At("lineage");
        Assert.Equal(RawEventsNext, lineage.Str("start.key"));
        Assert.False(lineage.Bool("truncated"));
        var nodes = lineage.At("nodes").Items();
        Assert.Equal(
            [EtlRun, TrainV2, Sessions, ModelV2, Deployment, FeatureRun, EvalV2, Features, TrainV1, ModelV1, EvalV1],
            nodes.Select(n => n.Str("entity.key")).ToList());
        Assert.Equal([1, 1, 2, 2, 3, 3, 3, 4, 5, 6, 7], nodes.Select(n => n.Int("depth")).ToList());
        Assert.Equal(12, lineage.Int("nodesVisited"));

        var edges = lineage.At("edges").Items();
        Assert.Equal(12, edges.Count);
        var order = edges.Select(e => (e.Str("fromKey")!, e.Str("toKey")!)).ToList();
        Assert.Equal(order.OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2, StringComparer.Ordinal).ToList(), order);
        Assert.All(edges, e => Assert.Equal(e.Str("fromKey"), e.Str("from.key")));
        Assert.All(edges, e => Assert.Equal(e.Str("toKey"), e.Str("to.key")));
        Assert.All(edges, e => Assert.True(e.IsNull("retiredAt")));
        var validation = Assert.Single(edges, e => e.Str("fromKey") == RawEventsNext && e.Str("toKey") == TrainV2);
        Assert.Equal("INPUT_TO", validation.Str("relation"));
        Assert.Equal("validation", validation.Str("role"));
        Assert.Contains(edges, e => e.Str("fromKey") == ModelV2 && e.Str("toKey") == Deployment && e.Str("relation") == "DEPLOYED_AS");
    }

    [Fact]
    public async Task Lineage_takes_direction_max_depth_kinds_limit_and_relations()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync($$"""
            {
              up: lineage(key: "{{ModelV2}}", direction: UPSTREAM, maxDepth: 2) { nodes { depth entity { key } } truncated }
              both: lineage(key: "{{ModelV2}}", direction: BOTH, maxDepth: 1) { nodes { depth entity { key } } }
              kinds: lineage(key: "{{RawEventsNext}}", kinds: [MODEL, DEPLOYMENT]) { nodes { depth entity { key } } edges { fromKey toKey } }
              limited: lineage(key: "{{RawEventsNext}}", limit: 2) { nodes { entity { key } } truncated }
              versions: lineage(key: "{{RawEvents}}", relations: [NEXT_VERSION]) { nodes { depth entity { key } } edges { relation } }
              lineageOnly: lineage(key: "{{RawEvents}}", maxDepth: 1) { nodes { entity { key } } }
            }
            """);
        Assert.Equal(
            [TrainV2, TrainCodeV2, RawEventsNext, Features, data.Str("up.nodes.4.entity.key")],
            data.At("up.nodes").Strings("entity.key"));
        Assert.StartsWith("hyperparameterset:hyperparameters:sha256", data.Str("up.nodes.4.entity.key"), StringComparison.Ordinal);
        Assert.Equal([1, 2, 2, 2, 2], data.At("up.nodes").Items().Select(n => n.Int("depth")).ToList());
        Assert.False(data.Bool("up.truncated"));

        Assert.Equal([Deployment, EvalV2, TrainV2], data.At("both.nodes").Strings("entity.key"));

        Assert.Equal([ModelV2, Deployment, ModelV1], data.At("kinds.nodes").Strings("entity.key"));
        Assert.Equal([2, 3, 6], data.At("kinds.nodes").Items().Select(n => n.Int("depth")).ToList());
        Assert.Equal(ModelV2, data.Str("kinds.edges.0.fromKey"));
        Assert.Equal(Deployment, data.Str("kinds.edges.0.toKey"));

        Assert.Equal([EtlRun, TrainV2], data.At("limited.nodes").Strings("entity.key"));
        Assert.True(data.Bool("limited.truncated"));

        Assert.Equal([RawEventsNext], data.At("versions.nodes").Strings("entity.key"));
        Assert.Equal("NEXT_VERSION", data.Str("versions.edges.0.relation"));

        // NEXT_VERSION is structural: not followed unless asked for.
        Assert.Equal([TrainV1], data.At("lineageOnly.nodes").Strings("entity.key"));
    }

    [Fact]
    public async Task Lineage_as_of_an_instant_before_the_start_was_recorded_is_not_found()
    {
        using var client = _server.Reader();
        var response = await client.PostAsync($$"""{ lineage(key: "{{RawEvents}}", asOf: "2000-01-01T00:00:00Z") { truncated } }""");
        response.Error("NOT_FOUND", System.Net.HttpStatusCode.OK);

        var recordedAt = (await client.QueryAsync($$"""{ entity(key: "{{ModelV2}}") { recordedAt } }""")).Str("entity.recordedAt");
        var asOf = await client.QueryAsync(
            """
            query($key: String!, $at: DateTime) {
              up: lineage(key: $key, asOf: $at, direction: UPSTREAM, maxDepth: 1) { start { key } nodes { entity { key } } }
              down: lineage(key: $key, asOf: $at, maxDepth: 1) { nodes { entity { key } } }
              now: lineage(key: $key, maxDepth: 1) { nodes { entity { key } } }
            }
            """,
            new { key = ModelV2, at = recordedAt });
        Assert.Equal(ModelV2, asOf.Str("up.start.key"));

        // The model was written with the run that produced it; its deployment and evaluation came later.
        Assert.Equal([TrainV2], asOf.At("up.nodes").Strings("entity.key"));
        Assert.Empty(asOf.At("down.nodes").Items());
        Assert.Equal([Deployment, EvalV2], asOf.At("now.nodes").Strings("entity.key"));
    }

    [Fact]
    public async Task Impact_groups_the_downstream_closure_by_kind_with_models_and_a_path_to_each_deployment()
    {
        using var client = _server.Reader();
        var impact = (await client.QueryAsync($$"""
            { impact(key: "{{RawEventsNext}}") {
                of { key } byKind { kind count nodes { entity { key } } } models { depth entity { key } }
                deployments { deployment { depth entity { key } } path { length entities { key } edges { relation fromKey toKey } } }
                truncated beyondDepth graph { nodesVisited nodes { entity { key } } } } }
            """)).At("impact");
        Assert.Equal(RawEventsNext, impact.Str("of.key"));
        Assert.False(impact.Bool("truncated"));
        Assert.Equal(["DATASET", "DEPLOYMENT", "FEATURE", "MODEL", "RUN"], impact.At("byKind").Strings("kind"));
        Assert.Equal([1, 1, 1, 2, 6], impact.At("byKind").Items().Select(g => g.Int("count")).ToList());
        Assert.Equal([ModelV2, ModelV1], impact.At("models").Strings("entity.key"));
        Assert.Equal([2, 6], impact.At("models").Items().Select(m => m.Int("depth")).ToList());

        var deployment = Assert.Single(impact.At("deployments").Items());
        Assert.Equal(Deployment, deployment.Str("deployment.entity.key"));
        Assert.Equal(3, deployment.Int("deployment.depth"));
        Assert.Equal(3, deployment.Int("path.length"));
        Assert.Equal([RawEventsNext, TrainV2, ModelV2, Deployment], deployment.At("path.entities").Strings("key"));
        Assert.Equal(["INPUT_TO", "PRODUCED", "DEPLOYED_AS"], deployment.At("path.edges").Strings("relation"));
        Assert.Equal(11, impact.At("graph.nodes").Items().Count);
        Assert.Empty(impact.At("beyondDepth").Items());
    }

    [Fact]
    public async Task Impact_names_what_leads_on_past_maxDepth()
    {
        using var client = _server.Reader();

        var impact = (await client.QueryAsync($$"""{ impact(key: "{{RawEventsNext}}", maxDepth: 2) { truncated deployments { path { length } } beyondDepth } }""")).At("impact");

        // The deployment is three hops away; at two the walk stops at the model that serves it.
        Assert.False(impact.Bool("truncated"));
        Assert.Empty(impact.At("deployments").Items());
        Assert.Contains(ModelV2, impact.At("beyondDepth").Items().Select(k => k.GetString()));
    }

    [Theory]
    [InlineData("2099-01-01T00:00:00.123456789Z")]
    [InlineData("2099-01-01T02:00:00.1234567+02:00")]
    [InlineData("2099-01-01T00:00:00Z")]
    public async Task An_instant_written_as_Go_and_Java_write_it_is_a_DateTime_in_variables_and_literals(string instant)
    {
        // Nine fractional digits are what Go's RFC3339Nano and Java's Instant.toString() give; OpenLineage's eventTime takes them too.
        using var client = _server.Reader();

        var byVariable = await client.QueryAsync($$"""query($t: DateTime) { lineage(key: "{{RawEvents}}", asOf: $t) { truncated nodes { entity { key } } } }""", new { t = instant });
        var byLiteral = await client.QueryAsync($$"""{ lineage(key: "{{RawEvents}}", asOf: "{{instant}}") { truncated nodes { entity { key } } } }""");

        Assert.NotEmpty(byVariable.At("lineage.nodes").Items());
        Assert.Equal(byVariable.GetRawText(), byLiteral.GetRawText());
    }

    [Fact]
    public async Task Provenance_groups_the_upstream_closure_and_judges_it_reproducible()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync($$"""
            {
              full: provenance(key: "{{ModelV2}}") { of { key } byKind { kind count nodes { entity { key } } } reproducible issues { code } truncated graph { nodes { depth } } }
              shallow: provenance(key: "{{ModelV2}}", maxDepth: 1) { reproducible issues { code message run input } }
              raw: provenance(key: "{{RawEvents}}") { reproducible issues { code } byKind { kind } }
              dataOnly: provenance(key: "{{ModelV2}}", relations: [PRODUCED, INPUT_TO, DERIVES]) { reproducible issues { code message } byKind { kind } }
            }
            """);
        Assert.Equal(ModelV2, data.Str("full.of.key"));
        Assert.True(data.Bool("full.reproducible"));
        Assert.Empty(data.At("full.issues").Items());
        Assert.False(data.Bool("full.truncated"));
        Assert.Equal(["CODE_VERSION", "DATASET", "FEATURE", "HYPERPARAMETER_SET", "RUN"], data.At("full.byKind").Strings("kind"));
        Assert.Equal([3, 2, 1, 1, 3], data.At("full.byKind").Items().Select(g => g.Int("count")).ToList());
        Assert.Equal([Sessions, RawEventsNext], data.At("full.byKind.1.nodes").Strings("entity.key").Order(StringComparer.Ordinal).ToList());

        Assert.False(data.Bool("shallow.reproducible"));
        var issue = Assert.Single(data.At("shallow.issues").Items());
        Assert.Equal("BEYOND_DEPTH", issue.Str("code"));
        Assert.Equal(TrainV2, issue.Str("run"));
        Assert.True(issue.IsNull("input"));
        Assert.False(string.IsNullOrEmpty(issue.Str("message")));

        Assert.True(data.Bool("raw.reproducible"));
        Assert.Empty(data.At("raw.byKind").Items());

        // Without EXECUTED_IN the code versions are neither in the closure nor judged.
        Assert.Equal(["DATASET", "FEATURE", "RUN"], data.At("dataOnly.byKind").Strings("kind"));
        Assert.False(data.Bool("dataOnly.reproducible"));
        Assert.Equal(["NOT_CHECKED"], data.At("dataOnly.issues").Strings("code"));
    }

    [Fact]
    public async Task Paths_are_found_downstream_then_upstream_and_none_when_unconnected()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync($$"""
            {
              down: paths(from: "{{RawEventsNext}}", to: "{{Deployment}}") { from { key } to { key } direction truncated paths { length entities { key } edges { fromKey toKey relation } } }
              up: paths(from: "{{Deployment}}", to: "{{Features}}", k: 5) { direction paths { length entities { key } } }
              two: paths(from: "{{Features}}", to: "{{EvalV1}}", k: 1, maxDepth: 3) { paths { length } }
              short: paths(from: "{{Features}}", to: "{{EvalV1}}", maxDepth: 2) { paths { length } }
              none: paths(from: "{{ModelV1}}", to: "{{Deployment}}") { direction paths { length } truncated }
              versions: paths(from: "{{ModelV1}}", to: "{{Deployment}}", relations: [NEXT_VERSION, DEPLOYED_AS]) { paths { length edges { relation } } }
            }
            """);
        Assert.Equal(RawEventsNext, data.Str("down.from.key"));
        Assert.Equal(Deployment, data.Str("down.to.key"));
        Assert.Equal("DOWNSTREAM", data.Str("down.direction"));
        Assert.False(data.Bool("down.truncated"));
        var path = Assert.Single(data.At("down.paths").Items());
        Assert.Equal(3, path.Int("length"));
        Assert.Equal([RawEventsNext, TrainV2, ModelV2, Deployment], path.At("entities").Strings("key"));
        Assert.Equal([RawEventsNext, TrainV2, ModelV2], path.At("edges").Strings("fromKey"));
        Assert.Equal([TrainV2, ModelV2, Deployment], path.At("edges").Strings("toKey"));

        // Going up, the path still runs along the flow of data: from `to` to `from`.
        Assert.Equal("UPSTREAM", data.Str("up.direction"));
        Assert.Equal([Features, TrainV2, ModelV2, Deployment], data.At("up.paths.0.entities").Strings("key"));

        Assert.Equal(3, data.Int("two.paths.0.length"));
        Assert.Empty(data.At("short.paths").Items());

        Assert.Empty(data.At("none.paths").Items());
        Assert.False(data.Bool("none.truncated"));

        Assert.Equal(["NEXT_VERSION", "DEPLOYED_AS"], data.At("versions.paths.0.edges").Strings("relation"));
    }

    [Fact]
    public async Task Diff_compares_inputs_hyperparameters_code_and_metrics_of_two_model_versions()
    {
        using var client = _server.Reader();
        var diff = (await client.QueryAsync($$"""
            { diff(a: "{{ModelV1}}", b: "{{ModelV2}}") {
                a { key } b { key } truncated
                inputs { kind namespace name change versionsA versionsB }
                hyperparameters { name change a b }
                code { name change versionsA versionsB }
                metrics { source name change a b delta } } }
            """)).At("diff");
        Assert.Equal(ModelV1, diff.Str("a.key"));
        Assert.Equal(ModelV2, diff.Str("b.key"));
        Assert.False(diff.Bool("truncated"));

        var raw = Assert.Single(diff.At("inputs").Items(), i => i.Str("name") == "click_events");
        Assert.Equal("CHANGED", raw.Str("change"));
        Assert.Equal(["2026-06-01", "2026-06-02"], raw.At("versionsA").Strings());
        Assert.Equal(["2026-06-02"], raw.At("versionsB").Strings());
        Assert.Equal("UNCHANGED", Assert.Single(diff.At("inputs").Items(), i => i.Str("kind") == "FEATURE").Str("change"));

        Assert.Equal(["learning_rate", "max_depth"], diff.At("hyperparameters").Strings("name"));
        Assert.All(diff.At("hyperparameters").Items(), h => Assert.Equal("CHANGED", h.Str("change")));
        Assert.Equal(0.1, diff.At("hyperparameters.0.a").GetDouble());
        Assert.Equal(0.05, diff.At("hyperparameters.0.b").GetDouble());
        Assert.Equal(6, diff.At("hyperparameters.1.a").GetInt32());
        Assert.Equal(8, diff.At("hyperparameters.1.b").GetInt32());

        var train = Assert.Single(diff.At("code").Items(), c => c.Str("name") == "train.py");
        Assert.Equal("CHANGED", train.Str("change"));
        Assert.Equal(["5be2d10"], train.At("versionsA").Strings());
        Assert.Equal(["c9d0e1f"], train.At("versionsB").Strings());
        Assert.Equal(3, diff.At("code").Items().Count);

        Assert.Equal(["model", "job:mlflow://acme:evaluate_churn"], diff.At("metrics").Strings("source"));
        Assert.All(diff.At("metrics").Items(), m => Assert.Equal("auc", m.Str("name")));
        Assert.Equal(0.81, diff.At("metrics.0.a").GetDouble());
        Assert.Equal(0.84, diff.At("metrics.0.b").GetDouble());
        Assert.Equal(0.03, diff.At("metrics.0.delta").GetDouble(), 9);
        Assert.Equal(0.035, diff.At("metrics.1.delta").GetDouble(), 9);
    }

    [Fact]
    public async Task Upstream_and_downstream_answer_one_hop_with_the_joining_edge()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync($$"""
            {
              run: entity(key: "{{TrainV2}}") {
                upstream { entity { key } relation role properties recordedAt }
                downstream { entity { key } relation }
                codeOnly: upstream(relations: [EXECUTED_IN]) { entity { key } }
                datasets: upstream(kinds: [DATASET]) { entity { key } }
                one: upstream(first: 1) { entity { key } }
                job: downstream(relations: [INSTANCE_OF]) { entity { key } relation }
              }
              raw: entity(key: "{{RawEvents}}") { upstream { entity { key } } next: downstream(relations: [NEXT_VERSION]) { entity { key } } }
            }
            """);
        var upstream = data.At("run.upstream").Items();
        Assert.Equal(4, upstream.Count);
        Assert.Contains(upstream, n => n.Str("entity.key") == Features && n.Str("relation") == "INPUT_TO" && n.Str("role") == "training");
        Assert.Contains(upstream, n => n.Str("entity.key") == RawEventsNext && n.Str("role") == "validation");
        Assert.Contains(upstream, n => n.Str("entity.key") == TrainCodeV2 && n.Str("relation") == "EXECUTED_IN");
        Assert.Contains(upstream, n => n.Str("relation") == "CONFIGURED");
        Assert.All(upstream, n => Assert.Equal(JsonValueKind.Object, n.At("properties").ValueKind));
        Assert.Equal([ModelV2], data.At("run.downstream").Strings("entity.key"));
        Assert.Equal("PRODUCED", data.Str("run.downstream.0.relation"));
        Assert.Equal([TrainCodeV2], data.At("run.codeOnly").Strings("entity.key"));
        Assert.Equal([RawEventsNext], data.At("run.datasets").Strings("entity.key"));
        Assert.Single(data.At("run.one").Items());
        Assert.Equal(["job:mlflow://acme:train_churn"], data.At("run.job").Strings("entity.key"));
        Assert.Equal("INSTANCE_OF", data.Str("run.job.0.relation"));
        Assert.Empty(data.At("raw.upstream").Items());
        Assert.Equal([RawEventsNext], data.At("raw.next").Strings("entity.key"));
    }

    [Fact]
    public async Task Versions_link_previous_and_next_and_list_every_version_oldest_first()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync($$"""
            {
              v1: entity(key: "{{ModelV1}}") { previousVersion { key } nextVersion { key } versions { key } }
              v2: entity(key: "{{ModelV2}}") { previousVersion { key nextVersion { key } } nextVersion { key } versions { key } }
              raw: entity(key: "{{RawEventsNext}}") { previousVersion { key } versions { key } }
              sessions: entity(key: "{{Sessions}}") { previousVersion { key } nextVersion { key } versions { key } }
            }
            """);
        Assert.True(data.IsNull("v1.previousVersion"));
        Assert.Equal(ModelV2, data.Str("v1.nextVersion.key"));
        Assert.Equal([ModelV1, ModelV2], data.At("v1.versions").Strings("key"));
        Assert.Equal(ModelV1, data.Str("v2.previousVersion.key"));
        Assert.Equal(ModelV2, data.Str("v2.previousVersion.nextVersion.key"));
        Assert.True(data.IsNull("v2.nextVersion"));
        Assert.Equal([ModelV1, ModelV2], data.At("v2.versions").Strings("key"));
        Assert.Equal(RawEvents, data.Str("raw.previousVersion.key"));
        Assert.Equal([RawEvents, RawEventsNext], data.At("raw.versions").Strings("key"));
        Assert.True(data.IsNull("sessions.previousVersion"));
        Assert.True(data.IsNull("sessions.nextVersion"));
        Assert.Equal([Sessions], data.At("sessions.versions").Strings("key"));
    }

    [Fact]
    public async Task The_versions_of_a_page_of_entities_are_listed_in_one_call()
    {
        using var client = _server.Reader();
        var store = _server.Store;
        store.Reset();

        var data = await client.QueryAsync("{ entities(first: 20) { nodes { key kind namespace name versions { key } } } }");

        // One call for the page's versions, each logical entity in it once; the one listing is the page's own.
        var nodes = data.At("entities.nodes").Items();
        Assert.Equal(20, nodes.Count);
        Assert.Equal([nodes.Select(n => (n.Str("kind"), n.Str("namespace"), n.Str("name"))).Distinct().Count()], store.ListVersionsSizes.ToList());
        Assert.Equal(1, store.Lists);
        Assert.All(nodes, n => Assert.Contains(n.Str("key"), n.At("versions").Strings("key")));

        // Each answer is the one the entity gets alone.
        using var single = _server.Reader();
        foreach (var node in nodes)
        {
            var alone = await single.QueryAsync($$"""{ entity(key: "{{node.Str("key")}}") { versions { key } } }""");
            Assert.Equal(alone.At("entity.versions").GetRawText(), node.At("versions").GetRawText());
        }
    }

    [Fact]
    public async Task A_run_answers_its_job_and_no_parent_when_it_has_none()
    {
        using var client = _server.Reader();
        var data = await client.QueryAsync($$"""{ entity(key: "{{EtlRun}}") { ... on Run { runType job { __typename key } parent { key } } } }""");
        Assert.Equal("ETL", data.Str("entity.runType"));
        Assert.Equal("Job", data.Str("entity.job.__typename"));
        Assert.Equal("job:airflow://acme:etl.sessionise", data.Str("entity.job.key"));
        Assert.True(data.IsNull("entity.parent"));
    }

    [Fact]
    public async Task Entity_lookups_of_one_request_are_fetched_in_one_batch()
    {
        using var client = _server.Reader();
        string[] keys = [RawEvents, RawEventsNext, Sessions, Features, ModelV1, ModelV2, Deployment, "dataset:nowhere:nothing@1"];
        var query = "{ " + string.Join(" ", keys.Select((k, i) => $"e{i}: entity(key: \"{k}\") {{ key }}")) + " }";
        var store = _server.Store;
        store.Reset();

        var data = await client.QueryAsync(query);

        for (var i = 0; i < keys.Length - 1; i++)
        {
            Assert.Equal(keys[i], data.Str($"e{i}.key"));
        }

        Assert.True(data.IsNull($"e{keys.Length - 1}"));
        Assert.Equal([keys.Length], store.GetManySizes.ToList());
        Assert.Equal(0, store.Gets);
    }

    [Fact]
    public async Task Neighbour_fields_over_a_page_go_to_the_store_as_one_batch_of_walks_per_level()
    {
        using var client = _server.Reader();
        var store = _server.Store;
        store.Reset();

        var data = await client.QueryAsync("""
            {
              entities(first: 10) {
                nodes { key upstream { entity { key nextVersion { key } } } downstream { relation } nextVersion { key } }
              }
            }
            """);

        // Ten entities, three walks each; then one nextVersion for each upstream neighbour.
        var nodes = data.At("entities.nodes").Items();
        var neighbours = nodes.Sum(n => n.At("upstream").Items().Count);
        Assert.Equal(10, nodes.Count);
        Assert.True(neighbours > 0, "the demo graph's first ten entities should have upstream neighbours");
        Assert.Equal(0, store.Walks);
        Assert.Equal([30, neighbours], store.WalkManySizes.ToList());

        // Each answer is the one a walk of its own gives.
        using var single = _server.Reader();
        foreach (var node in nodes)
        {
            var alone = await single.QueryAsync($$"""{ entity(key: "{{node.Str("key")}}") { upstream { entity { key nextVersion { key } } } downstream { relation } nextVersion { key } } }""");
            Assert.Equal(alone.At("entity").GetRawText(), JsonSerializer.Serialize(new
            {
                upstream = node.At("upstream"),
                downstream = node.At("downstream"),
                nextVersion = node.At("nextVersion"),
            }));
        }
    }

    [Fact]
    public async Task The_jobs_and_parents_of_a_page_of_runs_are_walked_in_one_batch()
    {
        using var client = _server.Reader();
        var store = _server.Store;
        store.Reset();

        var data = await client.QueryAsync("{ entities(kind: RUN, first: 5) { nodes { key ... on Run { job { key } parent { key } } } } }");

        var runs = data.At("entities.nodes").Items();
        Assert.Equal(5, runs.Count);
        foreach (var run in runs)
        {
            // A run's key is its job's namespace and name with the run id as version.
            var key = run.Str("key")!;
            Assert.Equal("job:" + key["run:".Length..key.LastIndexOf('@')], run.Str("job.key"));
        }

        Assert.Equal(0, store.Walks);
        Assert.Equal([10], store.WalkManySizes.ToList());
    }

    [Fact]
    public async Task A_refused_neighbour_walk_fails_its_own_field_and_not_the_others_of_its_batch()
    {
        using var client = _server.Reader();

        var response = await client.PostAsync($$"""
            {
              ok: entity(key: "{{TrainV2}}") { downstream { entity { key } } }
              tooMany: entity(key: "{{TrainV2}}") { downstream(first: 0) { entity { key } } }
              before: entity(key: "{{TrainV2}}") { upstream(asOf: "2020-01-01T00:00:00Z") { entity { key } } }
            }
            """);

        Assert.Equal([ModelV2], response.Json.At("data.ok.downstream").Strings("entity.key"));
        Assert.Equal([("LIMIT_EXCEEDED", "tooMany")], response.Errors.Select(e => (e.Str("extensions.code"), e.Str("path.0"))));

        // Before the run existed it had no neighbours: an empty list, not an error.
        Assert.Empty(response.Json.At("data.before.upstream").Items());
    }

    [Fact]
    public async Task Nodes_fetches_all_its_ids_in_one_batch()
    {
        using var client = _server.Reader();
        string[] keys = [ModelV1, ModelV2, Deployment, Features];
        string[] ids = [IdFor("Model", ModelV1), IdFor("Model", ModelV2), IdFor("Deployment", Deployment), IdFor("Feature", Features)];
        var store = _server.Store;
        store.Reset();

        var data = await client.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { key } } }", new { ids });

        Assert.Equal(keys, data.At("nodes").Strings("key"));
        Assert.Equal([keys.Length], store.GetManySizes.ToList());
        Assert.Equal(0, store.Gets);
    }

    /// <summary>A Relay id as the server makes them (base64url of the type name and the key), for an entity that may not exist.</summary>
    private static string IdFor(string typeName, string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{typeName}\n{key}"));
}
