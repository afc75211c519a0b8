using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Graph.Server.Tests;

/// <summary>Every mutation, with what it answers and what a later query reads back. Each test writes keys of its own.</summary>
public sealed class MutationTests(EmptyServer server) : IClassFixture<EmptyServer>
{
    private readonly EmptyServer _server = server;

    [Fact]
    public void The_server_stamps_writes_from_a_clock_that_never_goes_back()
    {
        // A clock stepped back (NTP) gave an edge written again a recordedAt before its previous version's retiredAt.
        Assert.IsType<Lineage.Graph.Core.MonotonicClock>(_server.Factory.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task RecordEntities_upserts_merges_properties_and_keeps_the_first_recording_time()
    {
        using var writer = _server.Writer();
        const string Mutation = """
            mutation($input: RecordEntitiesInput!) { recordEntities(input: $input) {
              entitiesCreated entitiesUpdated entitiesUnchanged edgesCreated edgesUnchanged errors { code }
              entities { key description tags owners properties recordedAt updatedAt } } }
            """;
        var key = "dataset:file:upsert@1";

        var created = (await writer.QueryAsync(Mutation, new { input = new { entities = new object[] { new { key, description = "first", tags = new[] { "a" }, properties = new { x = 1, keep = "yes" } } } } })).At("recordEntities");
        Assert.Equal((1, 0, 0), (created.Int("entitiesCreated"), created.Int("entitiesUpdated"), created.Int("entitiesUnchanged")));
        Assert.Empty(created.At("errors").Items());
        var first = created.At("entities.0");
        Assert.Equal(key, first.Str("key"));
        Assert.Equal("first", first.Str("description"));

        var replay = (await writer.QueryAsync(Mutation, new { input = new { entities = new object[] { new { key, description = "first", tags = new[] { "a" }, properties = new { x = 1, keep = "yes" } } } } })).At("recordEntities");
        Assert.Equal((0, 0, 1), (replay.Int("entitiesCreated"), replay.Int("entitiesUpdated"), replay.Int("entitiesUnchanged")));
        Assert.Equal(first.Str("updatedAt"), replay.Str("entities.0.updatedAt"));

        var updated = (await writer.QueryAsync(Mutation, new { input = new { entities = new object[] { new { key, description = "second", properties = new { x = 2, y = new { z = true } } } } } })).At("recordEntities");
        Assert.Equal((0, 1, 0), (updated.Int("entitiesCreated"), updated.Int("entitiesUpdated"), updated.Int("entitiesUnchanged")));
        var after = updated.At("entities.0");
        Assert.Equal("second", after.Str("description"));
        Assert.Equal(["a"], after.At("tags").Strings());
        Assert.Equal(2, after.Int("properties.x"));
        Assert.Equal("yes", after.Str("properties.keep"));
        Assert.True(after.Bool("properties.y.z"));
        Assert.Equal(first.Str("recordedAt"), after.Str("recordedAt"));
        Assert.True(after.At("updatedAt").GetDateTimeOffset() > first.At("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_self_loop_is_a_neighbour_only_where_kinds_and_first_let_its_entity_through()
    {
        // The walk keeps every edge at its start whatever the filters, as lineage's edges need; the
        // one-hop lists hold entities, so the entity a self-loop reaches is filtered and counted too.
        using var writer = _server.Writer();
        await writer.QueryAsync("""
            mutation { recordEntities(input: {
              entities: [{ key: "dataset:loop:m@1" }, { key: "model:loop:a@1" }, { key: "model:loop:z@1" }],
              edges: [{ from: "dataset:loop:m@1", to: "dataset:loop:m@1", relation: DERIVES },
                      { from: "dataset:loop:m@1", to: "model:loop:a@1", relation: DERIVES },
                      { from: "dataset:loop:m@1", to: "model:loop:z@1", relation: DERIVES }] }) { edgesCreated } }
            """);

        var data = await writer.QueryAsync("""
            { entity(key: "dataset:loop:m@1") {
                all: downstream { entity { key } }
                models: downstream(kinds: [MODEL]) { entity { key } }
                runs: upstream(kinds: [RUN]) { entity { key } }
                self: upstream(kinds: [DATASET]) { entity { key } }
                one: downstream(first: 1) { entity { key } }
                two: downstream(first: 2) { entity { key } }
                oneModel: downstream(kinds: [MODEL], first: 1) { entity { key } } } }
            """);

        Assert.Equal(["dataset:loop:m@1", "model:loop:a@1", "model:loop:z@1"], data.At("entity.all").Strings("entity.key"));
        Assert.Equal(["model:loop:a@1", "model:loop:z@1"], data.At("entity.models").Strings("entity.key"));
        Assert.Empty(data.At("entity.runs").Items());
        Assert.Equal(["dataset:loop:m@1"], data.At("entity.self").Strings("entity.key"));
        Assert.Equal(["dataset:loop:m@1"], data.At("entity.one").Strings("entity.key"));
        Assert.Equal(["dataset:loop:m@1", "model:loop:a@1"], data.At("entity.two").Strings("entity.key"));
        Assert.Equal(["model:loop:a@1"], data.At("entity.oneModel").Strings("entity.key"));
    }

    [Fact]
    public async Task RecordEntities_answers_one_entity_for_each_input_entity_in_input_order()
    {
        // A client that maps entities[i] to the input's entities[i]: an entity given twice is answered twice.
        using var writer = _server.Writer();

        var written = (await writer.QueryAsync("""
            mutation { recordEntities(input: { entities: [{ key: "dataset:file:dup@1", properties: { a: 1 } }, { key: "dataset:file:dup@1", properties: { b: 2 } }, { key: "dataset:file:dup2@1" }] }) { entities { key properties } } }
            """)).At("recordEntities.entities");

        Assert.Equal(["dataset:file:dup@1", "dataset:file:dup@1", "dataset:file:dup2@1"], written.Strings("key"));
        Assert.Equal("""{"a":1,"b":2}""", written.At("1.properties").GetRawText());
    }

    [Fact]
    public async Task RecordEntities_removes_the_properties_it_names_and_refuses_one_both_set_and_removed()
    {
        using var writer = _server.Writer();
        await writer.QueryAsync("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:unset@1", properties: { wrong: 1, kept: 2 } }] }) { entitiesCreated } }""");

        var removed = (await writer.QueryAsync(
            """mutation { recordEntities(input: { entities: [{ key: "dataset:file:unset@1", removeProperties: ["wrong", "never"] }] }) { entitiesUpdated errors { code } entities { properties } } }""")).At("recordEntities");
        var refused = (await writer.QueryAsync(
            """mutation { recordEntities(input: { entities: [{ key: "dataset:file:unset@1", properties: { kept: 3 }, removeProperties: ["kept"] }] }) { errors { code item message } } }""")).At("recordEntities");
        var stored = (await writer.QueryAsync("""{ entity(key: "dataset:file:unset@1") { properties } }""")).At("entity");

        Assert.Equal(1, removed.Int("entitiesUpdated"));
        Assert.Equal("""{"kept":2}""", removed.At("entities.0.properties").GetRawText());
        Assert.Equal("INVALID_INPUT", refused.Str("errors.0.code"));
        Assert.Equal("entities[0]", refused.Str("errors.0.item"));
        Assert.Contains("'kept' is both set and removed", refused.Str("errors.0.message"), StringComparison.Ordinal);
        Assert.Equal("""{"kept":2}""", stored.At("properties").GetRawText());
    }

    [Fact]
    public async Task RecordEntities_stores_the_typed_fields_of_every_kind_and_the_edges_of_the_batch()
    {
        using var writer = _server.Writer();
        var payload = (await writer.QueryAsync("""
            mutation { recordEntities(input: {
              entities: [
                { key: "dataset:file:typed@1", dataset: { rowCount: 5, schema: [{ name: "c", type: "INT", description: "a column" }], contentHash: "sha256:ab", uri: "file:///typed" } }
                { key: "feature:typed:f@1", feature: { dataType: "FLOAT", transformation: "x + 1" } }
                { key: "codeversion:https://git.example/typed:@abc123", codeVersion: { branch: "main", tag: "v1", dirty: true } }
                { key: "model:typed:m@1", model: { framework: "torch", stage: "staging", metrics: { acc: 0.9, loss: 0.1 }, artifactUri: "s3://typed/m1" } }
                { key: "run:typed:train@aaaaaaaa-0000-4000-8000-000000000001", run: { runType: TRAINING, status: "RUNNING", startedAt: "2026-01-01T00:00:00Z", endedAt: "2026-01-01T01:00:00Z", metrics: { loss: 0.2 } } }
                { key: "job:typed:train", description: "a job" }
                { key: "deployment:staging:typed@7", deployment: { status: "UP", deployedAt: "2026-01-02T00:00:00Z" } }
                { hyperparameters: { lr: 0.1, layers: [64, 32], name: "adam" } }
              ]
              edges: [
                { from: "dataset:file:typed@1", to: "feature:typed:f@1", relation: DERIVES, properties: { columns: ["c"] } }
                { from: "model:typed:m@1", to: "deployment:staging:typed@7", relation: DEPLOYED_AS }
              ] }) {
              entitiesCreated edgesCreated errors { code }
              entities { __typename key
                ... on Dataset { rowCount contentHash uri schema { name type description } }
                ... on Feature { dataType transformation }
                ... on CodeVersion { repository name commit branch tag dirty }
                ... on Model { framework stage metrics artifactUri }
                ... on Run { runId runType status startedAt endedAt metrics }
                ... on Deployment { status deployedAt }
                ... on HyperparameterSet { namespace values } } } }
            """)).At("recordEntities");
        Assert.Equal(8, payload.Int("entitiesCreated"));
        Assert.Equal(2, payload.Int("edgesCreated"));
        var e = payload.At("entities").Items();
        Assert.Equal(["Dataset", "Feature", "CodeVersion", "Model", "Run", "Job", "Deployment", "HyperparameterSet"], e.Select(x => x.Str("__typename")).ToList());

        Assert.Equal(5, e[0].Int("rowCount"));
        Assert.Equal("sha256:ab", e[0].Str("contentHash"));
        Assert.Equal("file:///typed", e[0].Str("uri"));
        Assert.Equal("a column", e[0].Str("schema.0.description"));
        Assert.Equal(("FLOAT", "x + 1"), (e[1].Str("dataType"), e[1].Str("transformation")));
        Assert.Equal(("https://git.example/typed", "", "abc123"), (e[2].Str("repository"), e[2].Str("name"), e[2].Str("commit")));
        Assert.Equal(("main", "v1", true), (e[2].Str("branch"), e[2].Str("tag"), e[2].Bool("dirty")));
        Assert.Equal(("torch", "staging", "s3://typed/m1"), (e[3].Str("framework"), e[3].Str("stage"), e[3].Str("artifactUri")));
        Assert.Equal(0.9, e[3].At("metrics.acc").GetDouble());
        Assert.Equal(("aaaaaaaa-0000-4000-8000-000000000001", "TRAINING", "RUNNING"), (e[4].Str("runId"), e[4].Str("runType"), e[4].Str("status")));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero), e[4].At("endedAt").GetDateTimeOffset());
        Assert.Equal(0.2, e[4].At("metrics.loss").GetDouble());
        Assert.Equal("UP", e[6].Str("status"));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), e[6].At("deployedAt").GetDateTimeOffset());
        Assert.StartsWith("hyperparameterset:hyperparameters:sha256%3A", e[7].Str("key"), StringComparison.Ordinal);
        Assert.Equal("hyperparameters", e[7].Str("namespace"));
        Assert.Equal([64, 32], e[7].At("values.layers").Items().Select(v => v.GetInt32()).ToList());
        Assert.Equal("adam", e[7].Str("values.name"));

        var derived = (await writer.QueryAsync("""{ entity(key: "dataset:file:typed@1") { downstream { entity { key } relation properties } } }""")).At("entity.downstream");
        Assert.Equal("feature:typed:f@1", derived.Str("0.entity.key"));
        Assert.Equal("DERIVES", derived.Str("0.relation"));
        Assert.Equal(["c"], derived.At("0.properties.columns").Strings());
    }

    [Fact]
    public async Task Numbers_nearer_zero_than_a_decimal_holds_are_kept_in_literals_and_variables()
    {
        using var writer = _server.Writer();

        // GraphQL.NET took every number that parses as a decimal as one, and decimal holds nothing under 1e-28: these became 0.
        var literal = await writer.QueryAsync("""
            mutation { recordEntities(input: { entities: [{ key: "model:reg:tiny@1", properties: { w: 1e-300, l: [1e-30, { q: 1.5e-45 }], z: 0.1 }, model: { metrics: { pvalue: 1e-30 } } }] }) { entities { properties ... on Model { metrics } } } }
            """);
        var variables = await writer.QueryAsync(
            """mutation($p: JSON) { recordEntities(input: { entities: [{ key: "model:reg:tiny@2", properties: $p }] }) { entities { properties } } }""",
            new { p = JsonDocument.Parse("""{ "w": 1e-300, "l": [1e-30, { "q": 1.5e-45 }], "z": 0.1, "i": 7 }""").RootElement });

        foreach (var properties in new[] { literal.At("recordEntities.entities.0.properties"), variables.At("recordEntities.entities.0.properties") })
        {
            Assert.Equal(1e-300, properties.GetProperty("w").GetDouble());
            Assert.Equal(1e-30, properties.GetProperty("l")[0].GetDouble());
            Assert.Equal(1.5e-45, properties.GetProperty("l")[1].GetProperty("q").GetDouble());
            Assert.Equal("0.1", properties.GetProperty("z").GetRawText());
        }

        Assert.Equal(1e-30, literal.At("recordEntities.entities.0.metrics").GetProperty("pvalue").GetDouble());
        Assert.Equal("7", variables.At("recordEntities.entities.0.properties").GetProperty("i").GetRawText());
    }

    [Fact]
    public async Task Numbers_inside_an_input_object_variable_are_kept_as_the_cli_sends_them()
    {
        using var writer = _server.Writer();

        // The CLI's import sends recordEntities(input: $input): properties, metrics and hyperparameters sit deep in an input object.
        var input = JsonDocument.Parse("""
            { "entities": [
                { "key": "model:reg:tiny@3", "properties": { "w": 1e-300, "l": [1e-30] }, "model": { "metrics": { "pvalue": 1e-30 } } },
                { "hyperparameters": { "eps": 1e-30 } }, { "key": "model:reg:tiny@4" } ],
              "edges": [ { "from": "model:reg:tiny@3", "to": "model:reg:tiny@4", "relation": "DERIVES", "properties": { "weight": 2e-30 } } ] }
            """).RootElement;
        var answer = await writer.QueryAsync(
            """mutation($input: RecordEntitiesInput!) { recordEntities(input: $input) { errors { code message } entities { key properties ... on Model { metrics } ... on HyperparameterSet { values } } } }""",
            new { input });

        Assert.Empty(answer.At("recordEntities.errors").Items());
        var model = answer.At("recordEntities.entities.0");
        Assert.Equal(1e-300, model.At("properties").GetProperty("w").GetDouble());
        Assert.Equal(1e-30, model.At("properties").GetProperty("l")[0].GetDouble());
        Assert.Equal(1e-30, model.At("metrics").GetProperty("pvalue").GetDouble());
        Assert.Equal(1e-30, answer.At("recordEntities.entities.1.values").GetProperty("eps").GetDouble());
        var edge = await writer.QueryAsync("""{ entity(key: "model:reg:tiny@3") { downstream { properties } } }""");
        Assert.Equal(2e-30, edge.At("entity.downstream.0.properties").GetProperty("weight").GetDouble());
    }

    [Fact]
    public async Task A_metric_quoted_as_a_string_that_no_double_holds_is_refused_as_the_number_is()
    {
        using var writer = _server.Writer();

        // "1e-400" was read by the serializer's web defaults as 0, and stored so; the number 1e-400 was refused.
        var run = await writer.QueryAsync(
            "mutation($input: RecordRunInput!) { recordRun(input: $input) { entitiesCreated errors { code item message } } }",
            new { input = new { jobNamespace = "quoted", jobName = "train", runId = "aaaaaaaa-0000-4000-8000-0000000000e1", run = new { metrics = new { pval = "1e-400" } } } });
        var model = await writer.QueryAsync(
            """mutation { recordEntities(input: { entities: [{ key: "model:reg:quoted@1", model: { metrics: { a: "1e-400", b: "0.5" } } }] }) { entitiesCreated errors { code item message } } }""");

        var runError = run.At("recordRun.errors").Items().Single();
        Assert.Equal(("INVALID_INPUT", "run.metrics.pval"), (runError.Str("code"), runError.Str("item")));
        Assert.Contains("The number 1e-400 is beyond what a double holds", runError.Str("message"), StringComparison.Ordinal);
        Assert.True(run.IsNull("recordRun.entitiesCreated"));
        var modelError = model.At("recordEntities.errors").Items().Single();
        Assert.Equal(("INVALID_INPUT", "entities[0].model.metrics.a"), (modelError.Str("code"), modelError.Str("item")));
        var stored = await writer.QueryAsync("""{ a: entity(key: "model:reg:quoted@1") { key } b: entity(key: "run:quoted:train@aaaaaaaa-0000-4000-8000-0000000000e1") { key } }""");
        Assert.True(stored.IsNull("a") && stored.IsNull("b"));
    }

    [Fact]
    public async Task Numbers_are_kept_when_a_list_of_the_input_is_sent_as_its_one_item()
    {
        using var writer = _server.Writer();

        // GraphQL reads one item where a list is declared; its numbers went through the decimal reader, and 1e-400 was stored as 0.
        var input = JsonDocument.Parse("""
            { "entities": { "key": "model:reg:single@1", "properties": { "p": 1e-400, "d": 0.12345678901234567890123456789012, "z": -0.0 } },
              "edges": { "from": "model:reg:single@1", "to": "model:reg:single@2", "relation": "DERIVES", "properties": { "w": 1e400 } } }
            """).RootElement;
        var sets = JsonDocument.Parse("""{ "entities": { "hyperparameters": { "eps": 1e-400 } } }""").RootElement;
        const string Mutation = """mutation($input: RecordEntitiesInput!) { recordEntities(input: $input) { errors { code item message } entities { key properties ... on HyperparameterSet { values } } } }""";

        await writer.QueryAsync("""mutation { recordEntities(input: { entities: [{ key: "model:reg:single@2" }] }) { entitiesCreated } }""");
        var answer = await writer.QueryAsync(Mutation, new { input });
        var set = await writer.QueryAsync(Mutation, new { input = sets });

        Assert.Empty(answer.At("recordEntities.errors").Items());
        Assert.Equal("""{"p":1e-400,"d":0.12345678901234567890123456789012,"z":-0.0}""", answer.At("recordEntities.entities.0.properties").GetRawText());
        Assert.Equal("""{"eps":1e-400}""", set.At("recordEntities.entities.0.values").GetRawText());
        var edge = await writer.QueryAsync("""{ entity(key: "model:reg:single@1") { downstream { properties } } }""");
        Assert.Equal("""{"w":1e400}""", edge.At("entity.downstream.0.properties").GetRawText());
    }

    [Fact]
    public async Task A_number_no_double_holds_is_kept_as_written_in_properties_and_refused_in_a_metric()
    {
        using var writer = _server.Writer();
        const string Properties = """{ "tiny": 1e-400, "huge": 1e400, "l": [-1E+400, { "n": 0.1e-399 }] }""";

        // A property keeps its JSON as given, as OpenLineage ingestion and the CLI import keep it; this used to be refused here alone.
        foreach (var stored in await PropertiesWrittenBothWaysAsync(writer, "range", Properties))
        {
            Assert.Equal("""{"tiny":1e-400,"huge":1e400,"l":[-1E+400,{"n":0.1e-399}]}""", stored.GetRawText());
        }

        // A metric keeps a double, so it cannot hold these.
        foreach (var (query, variablesOfQuery) in new (string, object?)[]
        {
            ("""mutation { recordEntities(input: { entities: [{ key: "model:reg:range@1", model: { metrics: { p: 1e-400 } } }] }) { entitiesCreated errors { code item message } } }""", null),
            ("""mutation { recordEntities(input: { entities: [{ key: "model:reg:range@1", model: { metrics: { p: 1e400 } } }] }) { entitiesCreated errors { code item message } } }""", null),
            ("""mutation($m: JSON) { recordEntities(input: { entities: [{ key: "model:reg:range@1", model: { metrics: $m } }] }) { entitiesCreated errors { code item message } } }""",
                new { m = JsonDocument.Parse("""{ "p": 1e-400 }""").RootElement }),
        })
        {
            var data = await writer.QueryAsync(query, variablesOfQuery);

            var error = data.At("recordEntities.errors").Items().Single();
            Assert.Equal(("INVALID_INPUT", "entities[0].model.metrics.p"), (error.Str("code"), error.Str("item")));
            Assert.Contains("beyond what a double holds", error.Str("message"), StringComparison.Ordinal);
            Assert.True(data.IsNull("recordEntities.entitiesCreated"));
        }
    }

    [Fact]
    public async Task Every_digit_of_a_json_number_is_kept_in_literals_and_variables_and_big_integers_inside_lists_too()
    {
        using var writer = _server.Writer();
        const string Properties = """{ "ints": [12345678901234567890123, { "n": -98765432109876543210987 }], "digits": 0.1234567890123456789012345678, "long": 12345678901234567890.5 }""";

        // A big integer inside a list was written as the .NET object's members, and more than 17 digits were cut to a double's.
        foreach (var stored in await PropertiesWrittenBothWaysAsync(writer, "digits", Properties))
        {
            Assert.Equal("[12345678901234567890123,{\"n\":-98765432109876543210987}]", stored.GetProperty("ints").GetRawText());
            Assert.Equal("0.1234567890123456789012345678", stored.GetProperty("digits").GetRawText());
            Assert.Equal("12345678901234567890.5", stored.GetProperty("long").GetRawText());
        }

        // Two sets that differ only past a double's digits are two sets, and a metric a double holds is taken whatever its spelling.
        var sets = await writer.QueryAsync("""
            mutation { a: recordEntities(input: { entities: [{ hyperparameters: { seeds: [10000000000000000000000] } }] }) { entities { key } }
                       b: recordEntities(input: { entities: [{ hyperparameters: { seeds: [30000000000000000000000] } }] }) { entities { key } }
                       m: recordEntities(input: { entities: [{ key: "model:reg:digits@1", model: { metrics: { n: 12345678901234567890 } } }] }) { errors { code } entities { ... on Model { metrics } } } }
            """);
        Assert.NotEqual(sets.Str("a.entities.0.key"), sets.Str("b.entities.0.key"));
        Assert.Empty(sets.At("m.errors").Items());
        Assert.Equal(12345678901234567890d, sets.At("m.entities.0.metrics").GetProperty("n").GetDouble());
    }

    /// <summary>Writes the properties (JSON text) once as a GraphQL literal and once as a variable, and gives back what each write stored.</summary>
    private static async Task<JsonElement[]> PropertiesWrittenBothWaysAsync(GraphQLClient writer, string name, string properties)
    {
        var literal = await writer.QueryAsync($$"""
            mutation { recordEntities(input: { entities: [{ key: "dataset:file:{{name}}@1", properties: {{properties.Replace("\"", "", StringComparison.Ordinal)}} }] }) { errors { code } entities { properties } } }
            """);
        var variables = await writer.QueryAsync(
            $$"""mutation($p: JSON) { recordEntities(input: { entities: [{ key: "dataset:file:{{name}}@2", properties: $p }] }) { errors { code } entities { properties } } }""",
            new { p = JsonDocument.Parse(properties).RootElement });
        return [.. new[] { literal, variables }.Select(data =>
        {
            Assert.Empty(data.At("recordEntities.errors").Items());
            return data.At("recordEntities.entities.0.properties");
        })];
    }

    [Theory]
    [InlineData("model: { metrics: [1] }", "metrics")]
    [InlineData("model: { metrics: { auc: \"high\" } }", "metrics")]
    [InlineData("model: { metrics: { auc: null } }", "metrics")]
    public async Task Typed_fields_of_the_wrong_type_are_refused_naming_the_field_not_a_dotnet_type(string fields, string field)
    {
        using var writer = _server.Writer();

        var data = await writer.QueryAsync($$"""
            mutation { recordEntities(input: { entities: [{ key: "model:reg:typed-wrong@1", {{fields}} }] }) { entitiesCreated errors { code message item } } }
            """);

        var error = data.At("recordEntities.errors").Items().Single();
        Assert.Equal("INVALID_INPUT", error.Str("code"));
        Assert.Contains($"the value of {field}", error.Str("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Str("message"), StringComparison.Ordinal);
        Assert.True(data.IsNull("recordEntities.entitiesCreated"));
    }

    [Fact]
    public async Task A_hyperparameter_set_is_named_by_its_values_so_the_same_values_are_one_entity()
    {
        using var writer = _server.Writer();
        const string Mutation = "mutation($values: JSON) { recordEntities(input: { entities: [{ hyperparameters: $values }] }) { entitiesCreated entitiesUnchanged entities { key } } }";
        var first = (await writer.QueryAsync(Mutation, new { values = new { alpha = 1, beta = "b", gamma = new[] { 1.5 } } })).At("recordEntities");
        var again = (await writer.QueryAsync(Mutation, new { values = new { gamma = new[] { 1.5 }, beta = "b", alpha = 1 } })).At("recordEntities");
        var other = (await writer.QueryAsync(Mutation, new { values = new { alpha = 2, beta = "b", gamma = new[] { 1.5 } } })).At("recordEntities");
        Assert.Equal(1, first.Int("entitiesCreated"));
        Assert.Equal(1, again.Int("entitiesUnchanged"));
        Assert.Equal(first.Str("entities.0.key"), again.Str("entities.0.key"));
        Assert.NotEqual(first.Str("entities.0.key"), other.Str("entities.0.key"));
    }

    [Fact]
    public async Task A_stored_hyperparameter_set_is_described_by_its_key_without_its_values()
    {
        using var writer = _server.Writer();
        var key = (await writer.QueryAsync(
            "mutation { recordEntities(input: { entities: [{ hyperparameters: { depth: 9 } }] }) { entities { key } } }")).Str("recordEntities.entities.0.key");

        var updated = (await writer.QueryAsync(
            "mutation($key: String) { recordEntities(input: { entities: [{ key: $key, description: \"the tuned set\" }] }) { entitiesUpdated entities { key description ... on HyperparameterSet { values } } } }",
            new { key })).At("recordEntities");

        Assert.Equal(1, updated.Int("entitiesUpdated"));
        Assert.Equal("the tuned set", updated.Str("entities.0.description"));
        Assert.Equal(9, updated.Int("entities.0.values.depth"));
    }

    [Fact]
    public async Task One_hop_fields_inside_an_answer_as_of_an_instant_read_the_graph_at_that_instant()
    {
        using var admin = _server.Admin();
        await admin.QueryAsync(
            """
            mutation { recordEntities(input: { entities: [{ key: "dataset:asof-hop:p@1" }, { key: "dataset:asof-hop:q@1" }],
              edges: [{ from: "dataset:asof-hop:p@1", to: "dataset:asof-hop:q@1", relation: DERIVES }] }) { entitiesCreated } }
            """);
        var before = (await admin.QueryAsync("""{ entity(key: "dataset:asof-hop:q@1") { recordedAt } }""")).Str("entity.recordedAt");
        await admin.QueryAsync("""mutation { retire(input: { keys: ["dataset:asof-hop:q@1"] }) { entitiesRetired } }""");

        // q is retired now: walked from at the present, its neighbours would not be found, and the
        // non-null list would null the whole answer.
        var data = await admin.QueryAsync(
            """
            query($at: DateTime) {
              lineage(key: "dataset:asof-hop:p@1", asOf: $at) { nodes { entity { key upstream { entity { key } } previousVersion { key } } } }
              early: entity(key: "dataset:asof-hop:p@1") { downstream(asOf: "2000-01-01T00:00:00Z") { entity { key } } previousVersion { key } }
            }
            """,
            new { at = before });

        Assert.Equal(["dataset:asof-hop:q@1"], data.At("lineage.nodes").Strings("entity.key"));
        Assert.Equal(["dataset:asof-hop:p@1"], data.At("lineage.nodes.0.entity.upstream").Strings("entity.key"));
        Assert.Empty(data.At("early.downstream").Items());
        Assert.True(data.IsNull("early.previousVersion"));
    }

    [Fact]
    public async Task One_hop_fields_list_an_edge_each_a_self_loop_included_as_lineage_does()
    {
        using var admin = _server.Admin();
        await admin.QueryAsync(
            """
            mutation { recordEntities(input: { entities: [{ key: "dataset:hop-edges:x@1" }, { key: "dataset:hop-edges:x@2" }],
              edges: [{ from: "dataset:hop-edges:x@1", to: "dataset:hop-edges:x@1", relation: DERIVES },
                      { from: "dataset:hop-edges:x@1", to: "dataset:hop-edges:x@2", relation: DERIVES },
                      { from: "dataset:hop-edges:x@1", to: "dataset:hop-edges:x@2", relation: NEXT_VERSION }] }) { entitiesCreated } }
            """);

        var data = await admin.QueryAsync(
            """
            { entity(key: "dataset:hop-edges:x@1") {
                upstream { entity { key } relation }
                downstream(relations: [DERIVES, NEXT_VERSION], first: 2) { entity { key } relation } } }
            """);

        Assert.Equal(["dataset:hop-edges:x@1"], data.At("entity.upstream").Strings("entity.key"));
        Assert.Equal(["dataset:hop-edges:x@1", "dataset:hop-edges:x@2", "dataset:hop-edges:x@2"], data.At("entity.downstream").Strings("entity.key"));
    }

    [Fact]
    public async Task A_version_chain_that_branches_answers_nextVersion_with_the_first_by_key_and_downstream_with_every_branch()
    {
        using var admin = _server.Admin();
        await admin.QueryAsync(
            """
            mutation { recordEntities(input: { entities: [{ key: "model:branch:m@1" }, { key: "model:branch:m@2b" }, { key: "model:branch:m@2a" }, { key: "model:branch:m@3" }],
              edges: [{ from: "model:branch:m@1", to: "model:branch:m@2b", relation: NEXT_VERSION },
                      { from: "model:branch:m@1", to: "model:branch:m@2a", relation: NEXT_VERSION },
                      { from: "model:branch:m@2b", to: "model:branch:m@3", relation: NEXT_VERSION },
                      { from: "model:branch:m@2a", to: "model:branch:m@3", relation: NEXT_VERSION }] }) { entitiesCreated } }
            """);

        var data = await admin.QueryAsync(
            """
            { first: entity(key: "model:branch:m@1") { nextVersion { key } downstream(relations: [NEXT_VERSION]) { entity { key } } }
              last: entity(key: "model:branch:m@3") { previousVersion { key } upstream(relations: [NEXT_VERSION]) { entity { key } } } }
            """);

        Assert.Equal("model:branch:m@2a", data.Str("first.nextVersion.key"));
        Assert.Equal(["model:branch:m@2a", "model:branch:m@2b"], data.At("first.downstream").Strings("entity.key"));
        Assert.Equal("model:branch:m@2a", data.Str("last.previousVersion.key"));
        Assert.Equal(["model:branch:m@2a", "model:branch:m@2b"], data.At("last.upstream").Strings("entity.key"));
    }

    [Fact]
    public async Task RecordRun_records_a_run_with_its_job_inputs_outputs_code_hyperparameters_and_parent()
    {
        using var writer = _server.Writer();
        var input = new
        {
            jobNamespace = "airflow://mut",
            jobName = "child",
            runId = "11111111-1111-4111-8111-11111111111A",
            description = "a child run",
            properties = new { attempt = 2 },
            run = new { runType = "ETL", status = "COMPLETE", startedAt = "2026-02-01T00:00:00Z" },
            inputs = new object[] { new { key = "dataset:file:run-in@1", role = "training" }, new { key = "feature:mut:f@1" } },
            outputs = new[] { "dataset:file:run-out@1" },
            codeVersion = "codeversion:https://git.example/mut:etl.py@def456",
            codeVersionFields = new { branch = "dev" },
            hyperparameters = new { batch = 32 },
            parentRun = "run:airflow://mut:parent@22222222-2222-4222-8222-222222222222",
        };
        const string Mutation = """
            mutation($input: RecordRunInput!) { recordRun(input: $input) {
              entitiesCreated entitiesUpdated entitiesUnchanged edgesCreated edgesUnchanged errors { code }
              run { key description properties
                ... on Run { runId runType status startedAt job { key } parent { key ... on Run { job { key } } } }
                upstream { entity { key ... on CodeVersion { branch } } relation role }
                downstream { entity { key } relation } }
              job { __typename key } } }
            """;

        var payload = (await writer.QueryAsync(Mutation, new { input })).At("recordRun");
        Assert.Empty(payload.At("errors").Items());
        Assert.Equal((8, 0, 0), (payload.Int("entitiesCreated"), payload.Int("entitiesUpdated"), payload.Int("entitiesUnchanged")));
        Assert.Equal(7, payload.Int("edgesCreated"));
        var run = payload.At("run");
        Assert.Equal("run:airflow://mut:child@11111111-1111-4111-8111-11111111111a", run.Str("key"));
        Assert.Equal("11111111-1111-4111-8111-11111111111a", run.Str("runId"));
        Assert.Equal(("a child run", 2), (run.Str("description"), run.Int("properties.attempt")));
        Assert.Equal(("ETL", "COMPLETE"), (run.Str("runType"), run.Str("status")));
        Assert.Equal("job:airflow://mut:child", run.Str("job.key"));
        Assert.Equal("run:airflow://mut:parent@22222222-2222-4222-8222-222222222222", run.Str("parent.key"));
        Assert.True(run.IsNull("parent.job"));
        Assert.Equal(("Job", "job:airflow://mut:child"), (payload.Str("job.__typename"), payload.Str("job.key")));

        var upstream = run.At("upstream").Items();
        Assert.Equal(4, upstream.Count);
        Assert.Contains(upstream, u => u.Str("entity.key") == "dataset:file:run-in@1" && u.Str("relation") == "INPUT_TO" && u.Str("role") == "training");
        Assert.Contains(upstream, u => u.Str("entity.key") == "feature:mut:f@1" && u.Str("relation") == "INPUT_TO" && u.IsNull("role"));
        Assert.Contains(upstream, u => u.Str("entity.key") == "codeversion:https://git.example/mut:etl.py@def456" && u.Str("relation") == "EXECUTED_IN" && u.Str("entity.branch") == "dev");
        Assert.Contains(upstream, u => u.Str("relation") == "CONFIGURED" && u.Str("entity.key")!.StartsWith("hyperparameterset:", StringComparison.Ordinal));
        Assert.Equal(["dataset:file:run-out@1"], run.At("downstream").Strings("entity.key"));

        var replay = (await writer.QueryAsync(Mutation, new { input })).At("recordRun");
        Assert.Equal((0, 0, 8), (replay.Int("entitiesCreated"), replay.Int("entitiesUpdated"), replay.Int("entitiesUnchanged")));
        Assert.Equal((0, 7), (replay.Int("edgesCreated"), replay.Int("edgesUnchanged")));
    }

    [Fact]
    public async Task Link_writes_an_edge_once_and_replaying_it_changes_nothing()
    {
        using var writer = _server.Writer();
        await writer.QueryAsync("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:link-a@1" }, { key: "model:link:m@1" }] }) { entitiesCreated } }""");
        const string Link = """
            mutation { link(input: { edges: [{ from: "dataset:file:link-a@1", to: "model:link:m@1", relation: DERIVES, properties: { note: "fine-tuned on" } }] }) {
              edgesCreated edgesUnchanged entitiesCreated errors { code } } }
            """;

        var first = (await writer.QueryAsync(Link)).At("link");
        var again = (await writer.QueryAsync(Link)).At("link");

        Assert.Equal((1, 0), (first.Int("edgesCreated"), first.Int("edgesUnchanged")));
        Assert.Equal(0, first.Int("entitiesCreated"));
        Assert.Empty(first.At("errors").Items());
        Assert.Equal((0, 1), (again.Int("edgesCreated"), again.Int("edgesUnchanged")));
        var upstream = (await writer.QueryAsync("""{ entity(key: "model:link:m@1") { upstream { entity { key } relation properties } } }""")).At("entity.upstream");
        Assert.Equal("dataset:file:link-a@1", Assert.Single(upstream.Items()).Str("entity.key"));
        Assert.Equal("fine-tuned on", upstream.Str("0.properties.note"));
    }

    [Fact]
    public async Task An_edge_or_run_input_given_twice_saying_different_things_is_refused_and_given_twice_alike_is_written_once()
    {
        using var writer = _server.Writer();
        await writer.QueryAsync("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:twice-a@1" }, { key: "model:twice:m@1" }] }) { entitiesCreated } }""");
        const string Run = "22222222-2222-4222-8222-222222222222";

        // Written once, one of the two would be dropped without a word: the caller is told which item repeats which.
        var (entities, link, run) = await GraphSnapshot.UnchangedAsync(writer, async () => (
            (await writer.QueryAsync("""
                mutation { recordEntities(input: { entities: [{ key: "dataset:file:twice-b@1" }], edges: [
                  { from: "dataset:file:twice-a@1", to: "model:twice:m@1", relation: DERIVES, properties: { note: "base" } },
                  { from: "dataset:file:twice-b@1", to: "model:twice:m@1", relation: DERIVES },
                  { from: "dataset:file:twice-a@1", to: "model:twice:m@1", relation: DERIVES }] }) { errors { code item message } } }
                """)).At("recordEntities.errors.0"),
            (await writer.QueryAsync("""
                mutation { link(input: { edges: [
                  { from: "dataset:file:twice-a@1", to: "model:twice:m@1", relation: DERIVES, properties: { note: "one" } },
                  { from: "dataset:file:twice-a@1", to: "model:twice:m@1", relation: DERIVES, properties: { note: "two" } }] }) { errors { code item } } }
                """)).At("link.errors.0"),
            (await writer.QueryAsync($$"""
                mutation { recordRun(input: { jobNamespace: "file", jobName: "twice", runId: "{{Run}}",
                  inputs: [{ key: "dataset:file:twice-a@1", role: "training" }, { key: "dataset:file:twice-a@1", role: "validation" }] }) { errors { code item } } }
                """)).At("recordRun.errors.0")));

        Assert.Equal(("INVALID_INPUT", "edges[2]"), (entities.Str("code"), entities.Str("item")));
        Assert.Contains("edges[0] again", entities.Str("message"), StringComparison.Ordinal);
        Assert.Equal(("INVALID_INPUT", "edges[1]"), (link.Str("code"), link.Str("item")));
        Assert.Equal(("INVALID_INPUT", "inputs[1].role"), (run.Str("code"), run.Str("item")));

        // Given twice alike (roles differing only in case), it is one edge.
        var alike = (await writer.QueryAsync($$"""
            mutation { recordRun(input: { jobNamespace: "file", jobName: "twice", runId: "{{Run}}",
              inputs: [{ key: "dataset:file:twice-a@1", role: "training" }, { key: "dataset:file:twice-a@1", role: "TRAINING" }] }) { errors { code } } }
            """)).At("recordRun");
        Assert.Empty(alike.At("errors").Items());
        var linked = (await writer.QueryAsync("""
            mutation { link(input: { edges: [
              { from: "dataset:file:twice-a@1", to: "model:twice:m@1", relation: DERIVES, properties: { note: "one", n: 1 } },
              { from: "dataset:file:twice-a@1", to: "model:twice:m@1", relation: DERIVES, properties: { n: 1, note: "one" } }] }) { edgesCreated errors { code } } }
            """)).At("link");
        Assert.Equal(1, linked.Int("edgesCreated"));
        Assert.Empty(linked.At("errors").Items());
    }

    [Fact]
    public async Task Retire_hides_an_entity_and_its_edges_from_current_queries_but_not_from_as_of_ones()
    {
        using var admin = _server.Admin();
        var written = await admin.QueryAsync("""
            mutation { recordEntities(input: {
              entities: [{ key: "dataset:file:retire-a@1" }, { key: "feature:retire:f@1" }, { key: "model:retire:m@1" }]
              edges: [{ from: "dataset:file:retire-a@1", to: "feature:retire:f@1", relation: DERIVES }, { from: "feature:retire:f@1", to: "model:retire:m@1", relation: DERIVES }] }) {
              entities { key recordedAt } } }
            """);
        var before = written.Str("recordEntities.entities.2.recordedAt");

        var retired = (await admin.QueryAsync("""mutation { retire(input: { keys: ["dataset:file:retire-a@1"] }) { entitiesRetired edgesRetired errors { code } } }""")).At("retire");
        Assert.Equal((1, 1), (retired.Int("entitiesRetired"), retired.Int("edgesRetired")));
        Assert.Empty(retired.At("errors").Items());

        var now = await admin.QueryAsync("""
            query($at: DateTime) {
              gone: entity(key: "dataset:file:retire-a@1") { key }
              current: lineage(key: "model:retire:m@1", direction: UPSTREAM) { nodes { entity { key } } }
              then: lineage(key: "model:retire:m@1", direction: UPSTREAM, asOf: $at) { nodes { entity { key retiredAt } } edges { fromKey retiredAt } }
              list: entities(namespace: "file", nameStartsWith: "retire-") { totalCount }
              currentProvenance: provenance(key: "model:retire:m@1") { byKind { kind } retiredUpstream { fromKey toKey relation retiredAt } }
              thenProvenance: provenance(key: "model:retire:m@1", asOf: $at) { byKind { kind count } retiredUpstream { fromKey } }
              thenPaths: paths(from: "dataset:file:retire-a@1", to: "model:retire:m@1", asOf: $at) { paths { length } }
            }
            """, new { at = before });
        Assert.True(now.IsNull("gone"));
        Assert.Equal(["feature:retire:f@1"], now.At("current.nodes").Strings("entity.key"));
        Assert.Equal(["feature:retire:f@1", "dataset:file:retire-a@1"], now.At("then.nodes").Strings("entity.key"));
        Assert.Equal(0, now.Int("list.totalCount"));
        Assert.Equal(["FEATURE"], now.At("currentProvenance.byKind").Strings("kind"));
        Assert.Equal(["DATASET", "FEATURE"], now.At("thenProvenance.byKind").Strings("kind"));

        // The current report names the lineage retirement took out of it; the report as of before has none.
        var lost = Assert.Single(now.At("currentProvenance.retiredUpstream").Items());
        Assert.Equal(("dataset:file:retire-a@1", "feature:retire:f@1", "DERIVES"), (lost.Str("fromKey"), lost.Str("toKey"), lost.Str("relation")));
        Assert.True(DateTimeOffset.Parse(lost.Str("retiredAt")!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.Parse(before!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(now.At("thenProvenance.retiredUpstream").Items());
        Assert.Equal(2, now.Int("thenPaths.paths.0.length"));

        var edge = (await admin.QueryAsync("""mutation { retire(input: { edges: [{ from: "feature:retire:f@1", to: "model:retire:m@1", relation: DERIVES }] }) { entitiesRetired edgesRetired errors { code } } }""")).At("retire");
        Assert.Equal((0, 1), (edge.Int("entitiesRetired"), edge.Int("edgesRetired")));
        var cut = await admin.QueryAsync("""{ entity(key: "model:retire:m@1") { upstream { entity { key } } } feature: entity(key: "feature:retire:f@1") { key } }""");
        Assert.Empty(cut.At("entity.upstream").Items());
        Assert.Equal("feature:retire:f@1", cut.Str("feature.key"));
    }

    [Fact]
    public async Task Provenance_reads_the_retired_edges_only_when_its_query_asks_for_them()
    {
        using var admin = _server.Admin();
        await admin.QueryAsync("""
            mutation { recordEntities(input: {
              entities: [{ key: "dataset:file:asked-a@1" }, { key: "model:asked:m@1" }]
              edges: [{ from: "dataset:file:asked-a@1", to: "model:asked:m@1", relation: DERIVES }] }) { entities { key } } }
            """);
        await admin.QueryAsync("""mutation { retire(input: { keys: ["dataset:file:asked-a@1"] }) { entitiesRetired } }""");
        var store = _server.Store;
        var calls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        try
        {
            store.Before = (call, _) =>
            {
                calls.Enqueue(call);
                return Task.CompletedTask;
            };

            var verdictOnly = await admin.QueryAsync("""{ provenance(key: "model:asked:m@1") { reproducible byKind { kind } } }""");
            Assert.False(verdictOnly.Bool("provenance.reproducible"));
            Assert.DoesNotContain("RetiredEdgesInto", calls);

            // Asked for through a fragment, or only the flag: read once for the field.
            var asked = await admin.QueryAsync("""
                { provenance(key: "model:asked:m@1") { ...Lost } flag: provenance(key: "model:asked:m@1") { retiredUpstreamTruncated } }
                fragment Lost on ProvenanceReport { retiredUpstream { fromKey } }
                """);
            Assert.Equal(["dataset:file:asked-a@1"], asked.At("provenance.retiredUpstream").Strings("fromKey"));
            Assert.False(asked.Bool("flag.retiredUpstreamTruncated"));
            Assert.Equal(2, calls.Count(c => c == "RetiredEdgesInto"));
        }
        finally
        {
            store.Reset();
        }
    }

    [Fact]
    public async Task Purge_deletes_an_entity_and_its_edges_for_good_and_replaying_it_changes_nothing()
    {
        using var admin = _server.Admin();
        var written = await admin.QueryAsync("""
            mutation { recordEntities(input: {
              entities: [{ key: "dataset:file:purge-a@1" }, { key: "model:purge:m@1" }]
              edges: [{ from: "dataset:file:purge-a@1", to: "model:purge:m@1", relation: DERIVES }] }) {
              entities { key recordedAt } } }
            """);
        var before = written.Str("recordEntities.entities.1.recordedAt");

        var purged = (await admin.QueryAsync("""mutation { purge(input: { keys: ["dataset:file:purge-a@1"] }) { entitiesPurged edgesPurged errors { code } } }""")).At("purge");
        var again = (await admin.QueryAsync("""mutation { purge(input: { keys: ["dataset:file:purge-a@1"] }) { entitiesPurged edgesPurged errors { code } } }""")).At("purge");

        Assert.Equal((1, 1), (purged.Int("entitiesPurged"), purged.Int("edgesPurged")));
        Assert.Empty(purged.At("errors").Items());
        Assert.Equal((0, 0), (again.Int("entitiesPurged"), again.Int("edgesPurged")));
        var now = await admin.QueryAsync("""
            query($at: DateTime) {
              gone: entity(key: "dataset:file:purge-a@1") { key }
              then: lineage(key: "model:purge:m@1", direction: UPSTREAM, asOf: $at) { nodes { entity { key } } }
            }
            """, new { at = before });
        Assert.True(now.IsNull("gone"));
        Assert.Empty(now.At("then.nodes").Items());
    }

    [Fact]
    public async Task A_retired_entity_takes_no_more_writes()
    {
        using var admin = _server.Admin();
        await admin.QueryAsync("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:dead@1" }] }) { entitiesCreated } }""");
        await admin.QueryAsync("""mutation { retire(input: { keys: ["dataset:file:dead@1"] }) { entitiesRetired } }""");

        var payload = (await admin.QueryAsync("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:dead@1", description: "again" }] }) { entitiesCreated errors { code item } entities { key } } }""")).At("recordEntities");

        Assert.Equal("ENTITY_RETIRED", payload.Str("errors.0.code"));
        Assert.Equal("entities[0]", payload.Str("errors.0.item"));
        Assert.True(payload.IsNull("entities"));
        Assert.True(payload.IsNull("entitiesCreated"));
    }

    [Fact]
    public async Task Each_mutation_names_its_first_bad_item_when_a_later_one_cannot_be_read()
    {
        // The later items are refused as the input is read (a key that does not parse); the earlier ones
        // only by the store (retired, missing). lineage-model.md: "the error names the first bad item".
        using var admin = _server.Admin();
        await admin.QueryAsync("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:first-ok@1" }, { key: "dataset:file:first-dead@1" }] }) { entitiesCreated } }""");
        await admin.QueryAsync("""mutation { retire(input: { keys: ["dataset:file:first-dead@1"] }) { entitiesRetired } }""");
        const string Run = "11111111-1111-4111-8111-111111111111";

        var (entities, link, run, retire, purge) = await GraphSnapshot.UnchangedAsync(admin, async () => (
            (await admin.QueryAsync("""
                mutation { recordEntities(input: { entities: [{ key: "dataset:file:first-new@1" }, { key: "dataset:file:first-dead@1", description: "again" }, { key: "dataset:file:first-bad@" }] }) { errors { code item } } }
                """)).At("recordEntities.errors.0"),
            (await admin.QueryAsync("""
                mutation { link(input: { edges: [{ from: "dataset:file:first-ok@1", to: "dataset:file:first-none@1", relation: DERIVES }, { from: "dataset:file:first-ok@1", to: "dataset:file:first-bad@", relation: DERIVES }] }) { errors { code item } } }
                """)).At("link.errors.0"),
            (await admin.QueryAsync($$"""
                mutation { recordRun(input: { jobNamespace: "file", jobName: "first", runId: "{{Run}}", inputs: [{ key: "dataset:file:first-dead@1" }], outputs: ["dataset:file:first-bad@"] }) { errors { code item } } }
                """)).At("recordRun.errors.0"),
            (await admin.QueryAsync("""
                mutation { retire(input: { keys: ["dataset:file:first-ok@1", "dataset:file:first-none@1", "dataset:file:first-bad@"] }) { errors { code item } } }
                """)).At("retire.errors.0"),
            (await admin.QueryAsync("""
                mutation { purge(input: { keys: ["dataset:file:first-ok@1", "dataset:file:first-bad@"] }) { errors { code item } } }
                """)).At("purge.errors.0")));

        Assert.Equal(("ENTITY_RETIRED", "entities[1]"), (entities.Str("code"), entities.Str("item")));
        Assert.Equal(("NOT_FOUND", "edges[0].to"), (link.Str("code"), link.Str("item")));
        Assert.Equal(("ENTITY_RETIRED", "inputs[0].key"), (run.Str("code"), run.Str("item")));
        Assert.Equal(("NOT_FOUND", "keys[1]"), (retire.Str("code"), retire.Str("item")));

        // Purging what is not there changes nothing, so the key that does not parse is the first bad item.
        Assert.Equal(("INVALID_KEY", "keys[1]"), (purge.Str("code"), purge.Str("item")));

        // With the items before it good, the refused one is named, as the caller wrote it.
        var output = (await admin.QueryAsync($$"""
            mutation { recordRun(input: { jobNamespace: "file", jobName: "first", runId: "{{Run}}", inputs: [{ key: "dataset:file:first-ok@1" }], outputs: ["dataset:file:first-bad@"] }) { errors { code item message } } }
            """)).At("recordRun.errors.0");
        Assert.Equal(("INVALID_KEY", "outputs[0]"), (output.Str("code"), output.Str("item")));
        Assert.StartsWith("outputs[0]: ", output.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mutation_document_may_run_several_mutations_in_order()
    {
        using var writer = _server.Writer();
        var data = await writer.QueryAsync("""
            mutation {
              a: recordEntities(input: { entities: [{ key: "dataset:file:seq-a@1" }, { key: "dataset:file:seq-b@1" }] }) { entitiesCreated }
              b: link(input: { edges: [{ from: "dataset:file:seq-a@1", to: "dataset:file:seq-b@1", relation: DERIVES }] }) { edgesCreated errors { code } }
            }
            """);
        Assert.Equal(2, data.Int("a.entitiesCreated"));
        Assert.Equal(1, data.Int("b.edgesCreated"));
        Assert.Equal(JsonValueKind.Array, data.At("b.errors").ValueKind);
    }

    [Fact]
    public async Task Paths_answers_up_to_k_shortest_paths()
    {
        using var writer = _server.Writer();
        foreach (var (run, output) in new[] { ("aaaaaaaa-0000-4000-8000-0000000000d1", "model:diamond:m@1"), ("aaaaaaaa-0000-4000-8000-0000000000d2", "model:diamond:m@1") })
        {
            var recorded = await writer.QueryAsync(
                "mutation($input: RecordRunInput!) { recordRun(input: $input) { errors { code } } }",
                new { input = new { jobNamespace = "diamond", jobName = "train", runId = run, inputs = new[] { new { key = "dataset:file:diamond@1" } }, outputs = new[] { output } } });
            Assert.Empty(recorded.At("recordRun.errors").Items());
        }

        var data = await writer.QueryAsync("""
            {
              one: paths(from: "dataset:file:diamond@1", to: "model:diamond:m@1", k: 1) { paths { length } }
              all: paths(from: "dataset:file:diamond@1", to: "model:diamond:m@1") { paths { length entities { key } } }
            }
            """);
        Assert.Single(data.At("one.paths").Items());
        var all = data.At("all.paths").Items();
        Assert.Equal(2, all.Count);
        Assert.All(all, p => Assert.Equal(2, p.Int("length")));
        Assert.Equal(
            ["run:diamond:train@aaaaaaaa-0000-4000-8000-0000000000d1", "run:diamond:train@aaaaaaaa-0000-4000-8000-0000000000d2"],
            all.Select(p => p.Str("entities.1.key")).Order(StringComparer.Ordinal).ToList());
    }
}
