using System.Net;
using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;
using Lineage.Graph.Neo4j.Tests.QueryApi;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lineage.Graph.Neo4j.Tests;

/// <summary>
/// The store's own logic over a scripted Query API: what it sends and how it reads the answers.
/// The contract suite (Neo4jStoreContractTests) checks the answers against a real Neo4j.
/// </summary>
public sealed class Neo4jLineageStoreTests
{
    private const string EntityFields = """["key","kind","namespace","name","version","description","tags","owners","properties","fields","recordedAt","updatedAt","retiredAt","revision"]""";

    /// <summary>list-entities' columns: the count, whether the row holds a node the page matched (not so past the last), and an entity's.</summary>
    private const string ListFields = """["total","matched","key","kind","namespace","name","version","description","tags","owners","properties","fields","recordedAt","updatedAt","retiredAt","revision"]""";

    /// <summary>A node Neo4j matched and a purge deleted as it read it: every property reads as null.</summary>
    private const string PurgedListRow = "true,null,null,null,null,null,null,null,null,null,null,null,null,null,null";
    private const string RetireFields = """["missingEntity","missingEdge","entities","edges"]""";
    private const string Written = ""","counters":{"containsUpdates":true,"relationshipsCreated":1}""";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ScriptedHandler _neo4j = new();
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public async Task The_schema_is_applied_once_before_the_first_statement()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data("""["ok"]""", "[[1]]"));

        await store.CheckHealthAsync();
        await store.CheckHealthAsync();

        var statements = Statements();
        Assert.Equal(CypherStatements.Schema.Count + 2, statements.Count);
        Assert.Equal(CypherStatements.Schema.Select(s => s.Text), statements.Take(CypherStatements.Schema.Count));
    }

    [Fact]
    public async Task A_walk_sends_its_bounded_template_kinds_and_one_past_its_limit_and_cuts_the_answer_to_the_limit_in_order()
    {
        var store = await OpenAsync();

        // Neo4j reached five nodes and sent the first three of the kinds asked (one past the limit),
        // here out of order, as a node written before sortKey existed could come.
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:raw@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["start","reached","edges","answer"]""", """
                [["dataset:s3://lake:raw@1",5,7,[{"key":"dataset:s3://lake:b@1","depth":2},{"key":"dataset:s3://lake:a@1","depth":2},
                                               {"key":"model:r:early@1","depth":2}]]]
                """))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:b@1")},{Row("dataset:s3://lake:a@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["from","to","relation","role","properties","recordedAt","retiredAt"]""", "[]"));

        var walk = await store.WalkAsync(new WalkRequest
        {
            Start = EntityKey.Parse("dataset:s3://lake:raw@1"),
            MaxDepth = 3,
            Kinds = [EntityKind.Dataset, EntityKind.Model],
            Limit = 2,
        });

        // Depth first, then key: the two depth-2 datasets come before the depth-2 model, which the limit cuts.
        Assert.Equal(["dataset:s3://lake:a@1", "dataset:s3://lake:b@1"], walk.Nodes.Select(n => n.Entity.Key.ToString()));
        Assert.Equal([2, 2], walk.Nodes.Select(n => n.Depth));
        Assert.True(walk.Truncated);
        Assert.Equal((6, 7), (walk.NodesVisited, walk.EdgesVisited));
        var sent = Requests().Skip(CypherStatements.Schema.Count).ToList();
        Assert.Contains("{1,3}", sent[1].GetProperty("statement").GetString(), StringComparison.Ordinal);
        Assert.Contains("[r:CONFIGURED|DEPLOYED_AS|DERIVES|EXECUTED_IN|INPUT_TO|PRODUCED WHERE ", sent[1].GetProperty("statement").GetString(), StringComparison.Ordinal);
        Assert.Contains("-[r:CONFIGURED|DEPLOYED_AS|DERIVES|EXECUTED_IN|INPUT_TO|PRODUCED]->", sent[3].GetProperty("statement").GetString(), StringComparison.Ordinal);
        Assert.Equal("Read", sent[1].GetProperty("accessMode").GetString());
        var parameters = sent[1].GetProperty("parameters");
        Assert.Equal(["dataset:s3://lake:raw@1"], parameters.GetProperty("starts").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Dataset", "Model"], parameters.GetProperty("kinds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, parameters.GetProperty("take").GetInt32());
        Assert.Equal(["dataset:s3://lake:a@1", "dataset:s3://lake:b@1", "dataset:s3://lake:raw@1"],
            sent[3].GetProperty("parameters").GetProperty("kept").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Walks_that_share_their_options_are_sent_together_and_each_keeps_only_its_own_answer_and_edges()
    {
        var store = await OpenAsync();
        const string EdgeFields = """["from","to","relation","role","properties","recordedAt","retiredAt"]""";
        var ticks = Now.AddDays(-2).UtcTicks;
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")},{Row("dataset:s3://lake:b@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["start","reached","edges","answer"]""", """
                [["dataset:s3://lake:a@1",2,4,[{"key":"dataset:s3://lake:gone@1","depth":1},{"key":"dataset:s3://lake:x@1","depth":1}]],
                 ["dataset:s3://lake:b@1",2,2,[{"key":"dataset:s3://lake:x@1","depth":1},{"key":"dataset:s3://lake:y@1","depth":1}]]]
                """))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:x@1")},{Row("dataset:s3://lake:y@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EdgeFields, $"""
                [["dataset:s3://lake:a@1","dataset:s3://lake:x@1","DERIVES",null,"{"{}"}",{ticks},null],
                 ["dataset:s3://lake:a@1","dataset:s3://lake:y@1","DERIVES",null,"{"{}"}",{ticks},null],
                 ["dataset:s3://lake:a@1","dataset:s3://lake:gone@1","DERIVES",null,"{"{}"}",{ticks},null],
                 ["dataset:s3://lake:b@1","dataset:s3://lake:x@1","DERIVES","copy","{"{}"}",{ticks},null],
                 ["dataset:s3://lake:b@1","dataset:s3://lake:y@1","DERIVES",null,"{"{}"}",{ticks},null]]
                """))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["start","reached","edges","answer"]""", "[]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EdgeFields, "[]"));
        var (a, b) = (EntityKey.Parse("dataset:s3://lake:a@1"), EntityKey.Parse("dataset:s3://lake:b@1"));

        var answers = await store.WalkManyAsync(
        [
            new WalkRequest { Start = a, MaxDepth = 1 },
            new WalkRequest { Start = b, MaxDepth = 1 },
            new WalkRequest { Start = EntityKey.Parse("dataset:s3://lake:missing@1"), MaxDepth = 1 },
            new WalkRequest { Start = a, Direction = Direction.Upstream, MaxDepth = 2 },
            new WalkRequest { Start = a, MaxDepth = 1 },
        ]);

        // A's answer keeps only its own: not a -> y, which the shared edge statement found because y is
        // in B's answer, nor gone, retired between the walk statement and the entity read.
        Assert.Equal(["dataset:s3://lake:x@1"], answers[0]!.Nodes.Select(n => n.Entity.Key.ToString()));
        Assert.Equal([(a, "x")], answers[0]!.Edges.Select(e => (e.From, e.To.Name)));
        Assert.Equal(["dataset:s3://lake:x@1", "dataset:s3://lake:y@1"], answers[1]!.Nodes.Select(n => n.Entity.Key.ToString()));
        Assert.Equal([(b, "x", "copy"), (b, "y", null)], answers[1]!.Edges.Select(e => (e.From, e.To.Name, e.Role)));
        Assert.Null(answers[2]);
        Assert.Equal((3, 3), (answers[0]!.NodesVisited, answers[1]!.NodesVisited));
        Assert.Equal((4, 2), (answers[0]!.EdgesVisited, answers[1]!.EdgesVisited));

        // The upstream walk's statement sent no row for its start: it was retired or purged since it was read.
        Assert.Empty(answers[3]!.Nodes);
        Assert.Equal((1, 0), (answers[3]!.NodesVisited, answers[3]!.EdgesVisited));
        Assert.Same(answers[0], answers[4]);

        // One statement set for the three downstream starts (four statements), one for the upstream walk, whose empty answer needs no entities read.
        var sent = Requests().Skip(CypherStatements.Schema.Count).ToList();
        Assert.Equal(7, sent.Count);
        Assert.Equal(["dataset:s3://lake:a@1", "dataset:s3://lake:b@1", "dataset:s3://lake:missing@1"],
            sent[0].GetProperty("parameters").GetProperty("keys").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["dataset:s3://lake:a@1", "dataset:s3://lake:b@1"], sent[1].GetProperty("parameters").GetProperty("starts").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, sent[1].GetProperty("parameters").GetProperty("kinds").ValueKind);
        Assert.Equal(new TraversalLimits().LimitIfUnasked + 1, sent[1].GetProperty("parameters").GetProperty("take").GetInt32());
        Assert.Equal(["dataset:s3://lake:a@1", "dataset:s3://lake:b@1"], sent[3].GetProperty("parameters").GetProperty("near").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Contains("{1,2}", sent[5].GetProperty("statement").GetString(), StringComparison.Ordinal);
        Assert.Equal(CypherStatements.Typed("walk-edges-upstream", Relations.Lineage), sent[6].GetProperty("statement").GetString());
    }

    [Fact]
    public async Task Retired_edges_into_keys_are_read_in_one_statement_of_the_relations_asked_and_answered_in_edge_order()
    {
        var store = await OpenAsync();
        var ticks = Now.AddDays(-1).UtcTicks;

        // Neo4j's rows in no order, one with an end a purge deleted while the statement read it.
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data("""["from","to","relation","retiredAt"]""", $"""
            [["model:r:base@2","model:r:tuned@1","DERIVES",{ticks}],
             [null,"model:r:tuned@1","DERIVES",{ticks}],
             ["dataset:s3://lake:a@1","run:jobs:train@00000000-0000-4000-8000-000000000001","INPUT_TO",{ticks + 1}]]
            """));
        var keys = new[] { EntityKey.Parse("model:r:tuned@1"), EntityKey.Parse("model:r:tuned@1"), EntityKey.Parse("run:jobs:train@00000000-0000-4000-8000-000000000001") };

        var retired = await store.RetiredEdgesIntoAsync(keys, [RelationKind.InputTo, RelationKind.Derives], Now, 5);

        Assert.Equal(
            [("dataset:s3://lake:a@1", RelationKind.InputTo, ticks + 1), ("model:r:base@2", RelationKind.Derives, ticks)],
            retired.Select(e => (e.From.ToString(), e.Relation, e.RetiredAt.UtcTicks)));
        var sent = Requests().Skip(CypherStatements.Schema.Count).Single();
        Assert.Equal(CypherStatements.Typed("retired-edges-into", [RelationKind.InputTo, RelationKind.Derives]), sent.GetProperty("statement").GetString());
        Assert.Equal(["model:r:tuned@1", "run:jobs:train@00000000-0000-4000-8000-000000000001"],
            sent.GetProperty("parameters").GetProperty("keys").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Now.UtcTicks, sent.GetProperty("parameters").GetProperty("at").GetInt64());
        Assert.Equal(5, sent.GetProperty("parameters").GetProperty("take").GetInt32());
        Assert.Equal("Read", sent.GetProperty("accessMode").GetString());

        // Nothing to ask about sends nothing.
        Assert.Empty(await store.RetiredEdgesIntoAsync([], Relations.Lineage, null, 5));
        Assert.Empty(await store.RetiredEdgesIntoAsync(keys, Relations.Lineage, null, 0));
        Assert.Single(Requests().Skip(CypherStatements.Schema.Count));
    }

    [Fact]
    public async Task A_start_that_reaches_nothing_answers_a_walk_with_no_nodes_and_reads_no_entities()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["start","reached","edges","answer"]""", """[["dataset:s3://lake:a@1",0,0,[]]]"""))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["from","to","relation","role","properties","recordedAt","retiredAt"]""", "[]"));

        var walk = await store.WalkAsync(new WalkRequest { Start = EntityKey.Parse("dataset:s3://lake:a@1") });

        Assert.Empty(walk.Nodes);
        Assert.Empty(walk.Edges);
        Assert.False(walk.Truncated);
        Assert.Equal((1, 0), (walk.NodesVisited, walk.EdgesVisited));
        var sent = Requests().Skip(CypherStatements.Schema.Count).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal(["dataset:s3://lake:a@1"], sent[2].GetProperty("parameters").GetProperty("kept").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_node_purged_while_a_walk_read_it_is_left_out_with_its_edges()
    {
        var store = await OpenAsync();

        // A purge committed while the statements ran: Neo4j reads the deleted node's properties as null,
        // in the walk's answer (its key), in the entity read (every column) and in an edge's end.
        const string EdgeFields = """["from","to","relation","role","properties","recordedAt","retiredAt"]""";
        var ticks = Now.AddDays(-2).UtcTicks;
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["start","reached","edges","answer"]""", """
                [["dataset:s3://lake:a@1",3,3,[{"key":null,"depth":1},{"key":"dataset:s3://lake:gone@1","depth":1},{"key":"dataset:s3://lake:x@1","depth":1}]]]
                """))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[[\"dataset:s3://lake:gone@1\",null,null,null,null,null,null,null,null,null,null,null,null,0],{Row("dataset:s3://lake:x@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EdgeFields, $"""
                [["dataset:s3://lake:a@1","dataset:s3://lake:x@1","DERIVES",null,"{"{}"}",{ticks},null],
                 ["dataset:s3://lake:a@1",null,"DERIVES",null,"{"{}"}",{ticks},null],
                 ["dataset:s3://lake:a@1","dataset:s3://lake:gone@1",null,null,null,null,null]]
                """));

        var walk = await store.WalkAsync(new WalkRequest { Start = EntityKey.Parse("dataset:s3://lake:a@1") });

        Assert.Equal(["dataset:s3://lake:x@1"], walk.Nodes.Select(n => n.Entity.Key.ToString()));
        var edge = Assert.Single(walk.Edges);
        Assert.Equal("dataset:s3://lake:x@1", edge.To.ToString());
    }

    [Fact]
    public async Task Entities_purged_while_a_read_or_listing_read_them_are_not_answered()
    {
        var store = await OpenAsync();
        const string Gone = "null,null,null,null,null,null,null,null,null,null,null,null";
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[[\"dataset:s3://lake:a@1\",{Gone},0]]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(ListFields, $"[[2,{PurgedListRow}],[2,true,{Row("dataset:s3://lake:b@1")[1..]}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[[\"dataset:s3://lake:a@2\",{Gone},0],{Row("dataset:s3://lake:a@1")}]"));

        Assert.Null(await store.GetAsync(EntityKey.Parse("dataset:s3://lake:a@1")));
        var page = await store.ListAsync(new EntityQuery { Kind = EntityKind.Dataset });
        var versions = await store.ListVersionsAsync([(EntityKind.Dataset, "s3://lake", "a")]);

        Assert.Equal(["dataset:s3://lake:b@1"], page.Items.Select(e => e.Key.ToString()));
        Assert.Equal(["dataset:s3://lake:a@1"], versions[(EntityKind.Dataset, "s3://lake", "a")].Select(e => e.Key.ToString()));
    }

    [Fact]
    public async Task A_listing_page_with_an_entity_purged_as_it_was_read_still_says_more_follow()
    {
        // Asked for one, the statement found two (one past the page); the first was purged as it read it.
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(ListFields, $"[[3,{PurgedListRow}],[3,true,{Row("dataset:s3://lake:b@1")[1..]}]"));

        var page = await store.ListAsync(new EntityQuery { Kind = EntityKind.Dataset, First = 1 });

        Assert.Equal(["dataset:s3://lake:b@1"], page.Items.Select(e => e.Key.ToString()));
        Assert.True(page.HasNextPage);
        Assert.Equal(Cursors.ForKey(EntityKey.Parse("dataset:s3://lake:b@1")), page.EndCursor);
    }

    [Fact]
    public async Task A_key_written_before_keys_were_bounded_to_4096_bytes_still_reads_back()
    {
        // Keys were first bounded by their parts alone: a 5,000-byte one was written then, and reading it checks it no more.
        var store = await OpenAsync();
        var name = new string('n', 1_000) + "/" + new string('m', 1_000) + "/" + new string('o', 1_000) + "/" + new string('p', 1_000) + "/" + new string('q', 995);
        var key = $"dataset:s3://lake:{name}@1";
        var row = JsonSerializer.Serialize(new object?[] { 1, true, key, "Dataset", "s3://lake", name, "1", null, Array.Empty<string>(), Array.Empty<string>(), "{}", null, Now.UtcTicks, Now.UtcTicks, null, 1 });
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(ListFields, $"[{row}]"));

        var page = await store.ListAsync(new EntityQuery { Kind = EntityKind.Dataset });

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(key) > EntityKey.MaxKeyBytes);
        var read = Assert.Single(page.Items);
        Assert.Equal((key, name, "1"), (read.Key.ToString(), read.Key.Name, read.Key.Version));
    }

    [Fact]
    public async Task Walks_are_sent_256_starts_at_a_time_and_apart_when_their_options_differ()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"));
        var starts = Enumerable.Range(0, 300).Select(i => EntityKey.Parse($"dataset:s3://lake:d{i}@1")).ToList();
        var asOf = Now.AddDays(-1);

        var answers = await store.WalkManyAsync(
            [.. starts.Select(s => new WalkRequest { Start = s, MaxDepth = 1 }), new WalkRequest { Start = starts[0], MaxDepth = 1, AsOf = asOf }]);

        Assert.All(answers, Assert.Null);
        var sent = Requests().Skip(CypherStatements.Schema.Count).ToList();
        Assert.Equal([256, 44, 1], sent.Select(r => r.GetProperty("parameters").GetProperty("keys").GetArrayLength()));
        Assert.Equal(asOf.UtcTicks, sent[2].GetProperty("parameters").GetProperty("at").GetInt64());
        Assert.NotEqual(asOf.UtcTicks, sent[0].GetProperty("parameters").GetProperty("at").GetInt64());
    }

    [Fact]
    public async Task A_walk_from_a_missing_start_is_not_found_without_walking_and_names_the_current_versions()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"));
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:x:y@2")}]"));

        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.WalkAsync(new WalkRequest { Start = EntityKey.Parse("dataset:x:y@1") }));

        Assert.Equal(ErrorCodes.NotFound, error.Code);
        Assert.Equal("No entity dataset:x:y@1. Its newest current versions: dataset:x:y@2.", error.Message);
        Assert.Equal(
            [CypherStatements.Query("get-entities"), CypherStatements.Query("list-newest-versions")],
            Requests().Skip(CypherStatements.Schema.Count).Select(r => r.GetProperty("statement").GetString()));
    }

    [Fact]
    public async Task A_walk_from_a_missing_start_whose_versions_cannot_be_read_is_still_not_found()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"));
        _neo4j.Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.ClientError.Request.Invalid", "refused"));

        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.WalkAsync(new WalkRequest { Start = EntityKey.Parse("dataset:x:y@1") }));

        Assert.Equal("No entity dataset:x:y@1.", error.Message);
        Assert.Equal(2, Requests().Skip(CypherStatements.Schema.Count).Count());
    }

    [Fact]
    public async Task A_walk_from_a_missing_job_reads_no_versions_a_job_has_none()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"));

        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.WalkAsync(new WalkRequest { Start = EntityKey.Parse("job:jobs:nightly") }));

        Assert.Equal("No entity job:jobs:nightly.", error.Message);
        Assert.Equal([CypherStatements.Query("get-entities")], Requests().Skip(CypherStatements.Schema.Count).Select(r => r.GetProperty("statement").GetString()));
    }

    [Fact]
    public async Task A_batch_is_one_write_statement_carrying_only_new_and_changed_entities_merged()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1", properties: """{"owner":"x","rows":1}""")}]"))
            .Respond(HttpStatusCode.OK, Conflicts(0, Written));
        var a = EntityKey.Parse("dataset:s3://lake:a@1");
        var b = EntityKey.Parse("dataset:s3://lake:b@1");

        var result = await store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                new EntityInput { Key = a, Properties = new Dictionary<string, JsonElement> { ["rows"] = JsonSerializer.SerializeToElement(2) } },
                new EntityInput { Key = b },
            ],
            Edges = [new EdgeInput(a, b, RelationKind.Derives), new EdgeInput(a, b, RelationKind.Derives)],
        });

        Assert.Equal(new WriteResult(1, 1, 0, 1, 1), result);
        var write = Requests().Last();
        Assert.Equal(CypherStatements.Query("write-batch"), write.GetProperty("statement").GetString());
        Assert.True(write.GetProperty("includeCounters").GetBoolean());
        var rows = write.GetProperty("parameters").GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(["dataset:s3://lake:a@1", "dataset:s3://lake:b@1"], rows.Select(r => r.GetProperty("key").GetString()));
        Assert.Equal("""{"owner":"x","rows":2}""", rows[0].GetProperty("props").GetProperty("properties").GetString());
        Assert.Equal(Now.UtcTicks, rows[1].GetProperty("recordedAt").GetInt64());
        Assert.Equal(2, write.GetProperty("parameters").GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task A_write_is_stamped_with_the_time_after_its_read()
    {
        var store = await OpenAsync();

        // The clock moves on while Neo4j answers the read (another write may commit meanwhile, stamped then).
        _neo4j.Then(_ =>
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")}]"), System.Text.Encoding.UTF8, "application/json"),
            });
        }).Respond(HttpStatusCode.OK, Conflicts(0, Written));
        var a = EntityKey.Parse("dataset:s3://lake:a@1");
        var b = EntityKey.Parse("dataset:s3://lake:b@1");

        await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = a, Description = "changed" }, new EntityInput { Key = b }],
            Edges = [new EdgeInput(a, b, RelationKind.Derives)],
        });

        var later = Now.AddSeconds(5).UtcTicks;
        var parameters = Writes().Single().GetProperty("parameters");
        var rows = parameters.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(later, rows[0].GetProperty("props").GetProperty("updatedAt").GetInt64());
        Assert.Equal(later, rows[1].GetProperty("recordedAt").GetInt64());
        Assert.Equal(later, parameters.GetProperty("edges")[0].GetProperty("recordedAt").GetInt64());
    }

    [Fact]
    public async Task An_entity_named_twice_is_counted_by_where_the_batch_leaves_it_as_the_embedded_store_counts()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")}]"))
            .Respond(HttpStatusCode.OK, Conflicts(0, ""","counters":{"containsUpdates":true,"relationshipsCreated":0}"""));
        var a = EntityKey.Parse("dataset:s3://lake:a@1");
        var b = EntityKey.Parse("dataset:s3://lake:b@1");

        // a: its first input changes nothing, its second does; b: new, named twice.
        var result = await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = a }, new EntityInput { Key = b }, new EntityInput { Key = a, Description = "second" }, new EntityInput { Key = b }],
        });

        Assert.Equal(new WriteResult(1, 1, 0, 0, 0), result);
        Assert.Equal(["dataset:s3://lake:a@1", "dataset:s3://lake:b@1"], Writes().Single().GetProperty("parameters").GetProperty("entities").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task A_write_says_what_it_read_of_every_key_it_names_so_that_Neo4j_can_check_it_is_unchanged()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1", revision: 4)},{Row("dataset:s3://lake:r@1", retiredAt: 1, revision: 2)}]"))
            .Respond(HttpStatusCode.OK, Conflicts(0, Written));
        var a = EntityKey.Parse("dataset:s3://lake:a@1");
        var b = EntityKey.Parse("dataset:s3://lake:b@1");

        await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = a, Description = "changed" }, new EntityInput { Key = b }],
            Edges = [new EdgeInput(a, b, RelationKind.Derives)],
        });

        var parameters = Writes().Single().GetProperty("parameters");
        Assert.Equal(
            [("dataset:s3://lake:a@1", 4L, Now.AddDays(-2).UtcTicks, true), ("dataset:s3://lake:b@1", -1L, -1L, false)],
            parameters.GetProperty("expected").EnumerateArray().Select(e =>
                (e.GetProperty("key").GetString(), e.GetProperty("revision").GetInt64(), e.GetProperty("recordedAt").GetInt64(), e.GetProperty("current").GetBoolean())));
        Assert.Equal([false, true], parameters.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("created").GetBoolean()));
    }

    [Fact]
    public async Task A_write_that_finds_its_entities_changed_since_its_read_reads_merges_and_writes_again()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1", properties: """{"owner":"x"}""", revision: 1)}]"))
            .Respond(HttpStatusCode.OK, Conflicts(1))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1", properties: """{"owner":"y","team":"ml"}""", revision: 2)}]"))
            .Respond(HttpStatusCode.OK, Conflicts(0));

        var result = await WriteRowsAsync(store);

        Assert.Equal(new WriteResult(0, 1, 0, 0, 0), result);
        var writes = Writes();
        Assert.Equal(2, writes.Count);
        Assert.Equal(2, writes[1].GetProperty("parameters").GetProperty("expected")[0].GetProperty("revision").GetInt64());

        // The second merge starts from what the other writer stored, so its change is kept.
        Assert.Equal("""{"owner":"y","team":"ml","rows":2}""", EntityRow(writes[1]).GetProperty("props").GetProperty("properties").GetString());
    }

    [Fact]
    public async Task A_new_entity_that_another_write_created_first_is_merged_into_theirs()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"))
            .Respond(HttpStatusCode.BadRequest, Bodies.Error(Neo4jErrors.ConstraintValidationFailed, "Node already exists with label `Entity` and property `key`"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1", properties: """{"owner":"y"}""")}]"))
            .Respond(HttpStatusCode.OK, Conflicts(0));

        var result = await WriteRowsAsync(store);

        Assert.Equal(new WriteResult(0, 1, 0, 0, 0), result);
        var writes = Writes();
        Assert.True(EntityRow(writes[0]).GetProperty("created").GetBoolean());
        Assert.False(EntityRow(writes[1]).GetProperty("created").GetBoolean());
        Assert.Equal("""{"owner":"y","rows":2}""", EntityRow(writes[1]).GetProperty("props").GetProperty("properties").GetString());
    }

    [Fact]
    public async Task A_write_whose_entity_was_purged_while_it_waited_for_the_lock_reads_again_and_creates_it()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Error(Neo4jErrors.EntityNotFound, "Node with id 4 has been deleted in this transaction"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"))
            .Respond(HttpStatusCode.OK, Conflicts(0));

        var result = await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = EntityKey.Parse("dataset:s3://lake:a@1"), Description = "mine" }] });

        Assert.Equal(new WriteResult(1, 0, 0, 0, 0), result);
        Assert.True(Writes()[1].GetProperty("parameters").GetProperty("entities")[0].GetProperty("created").GetBoolean());
    }

    [Fact]
    public void A_lost_write_waits_a_random_time_whose_bound_doubles_to_a_cap_before_it_tries_again()
    {
        var longest = Enumerable.Range(1, Neo4jLineageStore.MaxWriteAttempts - 1)
            .Select(attempt => Neo4jLineageStore.BackOff(attempt, new Extreme(highest: true)).TotalMilliseconds).ToList();

        Assert.Equal([2, 4, 8, 16, 32, 64, 100, 100], longest.Take(8));
        Assert.All(longest.Skip(6), wait => Assert.Equal(100, wait));
        Assert.True(longest.Sum() < 2_000, $"{longest.Sum()} ms");
        Assert.All(Enumerable.Range(1, 40), attempt => Assert.Equal(TimeSpan.Zero, Neo4jLineageStore.BackOff(attempt, new Extreme(highest: false))));
        var random = new Random(7);
        Assert.All(Enumerable.Range(1, 1_000), i =>
            Assert.InRange(Neo4jLineageStore.BackOff((i % 40) + 1, random).TotalMilliseconds, 0, Math.Min(100, 2 << Math.Min(i % 40, 20))));
    }

    [Fact]
    public async Task A_write_that_loses_every_attempt_to_other_writers_is_refused_having_written_nothing()
    {
        var (store, waits) = await OpenRecordingWaitsAsync();
        for (var i = 0; i < Neo4jLineageStore.MaxWriteAttempts; i++)
        {
            _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1", revision: i + 1)}]"))
                .Respond(HttpStatusCode.OK, Conflicts(1));
        }

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = EntityKey.Parse("dataset:s3://lake:a@1"), Description = "mine" }],
        }));

        Assert.Equal(ErrorCodes.StoreUnavailable, error.Code);
        Assert.Contains($"{Neo4jLineageStore.MaxWriteAttempts} times in a row (the last time: 1 of its 1 entities had been written, retired or purged", error.Message, StringComparison.Ordinal);
        Assert.Equal(Neo4jLineageStore.MaxWriteAttempts, Writes().Count);
        Assert.Equal(Enumerable.Range(1, Neo4jLineageStore.MaxWriteAttempts - 1), waits);
    }

    [Fact]
    public async Task A_write_whose_caller_gives_up_while_it_waits_to_try_again_stops_having_written_nothing()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1", revision: 1)}]"))
            .Respond(HttpStatusCode.OK, Conflicts(1));
        using var giveUp = new CancellationTokenSource();
        var waiting = new TaskCompletionSource();
        store.WriteBackOff = _ =>
        {
            waiting.SetResult();
            return TimeSpan.FromHours(1);
        };

        var write = store.WriteAsync(
            new WriteBatch { Entities = [new EntityInput { Key = EntityKey.Parse("dataset:s3://lake:a@1"), Description = "mine" }] },
            giveUp.Token);
        await waiting.Task;
        var sent = Requests().Count;

        // Waiting, not trying again: a second attempt would have sent its read at once.
        await Task.Delay(200);
        Assert.False(write.IsCompleted);
        Assert.Equal(sent, Requests().Count);
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        Assert.Single(Writes());
    }

    [Fact]
    public async Task A_read_after_a_write_carries_the_writes_bookmarks_and_a_writes_own_read_goes_to_the_leader()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]", bookmark: "FB:read"))
            .Respond(HttpStatusCode.OK, Conflicts(0, bookmark: "FB:written"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")}]", bookmark: "FB:read-again"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"));
        var a = EntityKey.Parse("dataset:s3://lake:a@1");

        await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = a }] });
        await store.GetAsync(a);
        await store.GetAsync(a);

        var sent = Requests().Skip(CypherStatements.Schema.Count).ToList();
        Assert.Equal(["Write", "Write", "Read", "Read"], sent.Select(r => r.GetProperty("accessMode").GetString()));

        // Each statement sent as a write (the schema's, the write's read, the write) passes its bookmark on; a read's replaces nothing.
        Assert.Equal([Bodies.Bookmark], Bookmarks(sent[0]));
        Assert.Equal(["FB:read"], Bookmarks(sent[1]));
        Assert.Equal(["FB:written"], Bookmarks(sent[2]));
        Assert.Equal(["FB:written"], Bookmarks(sent[3]));

        static IEnumerable<string?> Bookmarks(JsonElement request) => request.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetString());
    }

    [Fact]
    public async Task Bookmarks_Neo4j_refuses_are_forgotten_and_the_statement_sent_again_without_them()
    {
        // After a restore from an older backup, the database never reaches the bookmarks of writes this server made before it.
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"))
            .Respond(HttpStatusCode.OK, Conflicts(0, bookmark: "FB:written"))
            .Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.ClientError.Transaction.InvalidBookmark", "Supplied bookmark 'FB:written' is not valid"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"));
        var a = EntityKey.Parse("dataset:s3://lake:a@1");

        await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = a }] });
        Assert.Null(await store.GetAsync(a));
        Assert.Null(await store.GetAsync(a));

        var reads = Requests().TakeLast(3).Select(r => r.TryGetProperty("bookmarks", out var sent) ? sent.GetArrayLength() : 0).ToList();
        Assert.Equal([1, 0, 0], reads);
    }

    [Fact]
    public async Task A_statement_timed_out_with_bookmarks_forgets_them_so_the_next_is_sent_without()
    {
        // Neo4j waits for bookmarks before a statement starts, 30 s by default, as long as the client's own timeout:
        // bookmarks a restored database never reaches time every call out before Neo4j can say BookmarkTimeout.
        foreach (var _ in CypherStatements.Schema)
        {
            _neo4j.Respond(HttpStatusCode.OK, Bodies.Data("[]", "[]"));
        }

        var entered = new TaskCompletionSource();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"))
            .Respond(HttpStatusCode.OK, Conflicts(0, bookmark: "FB:written"))
            .Hang(entered)
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"));
        var store = new Neo4jLineageStore(
            Clients.Create(_neo4j, o => (o.MaxRetryAttempts, o.TimeoutSeconds) = (0, 30), timeProvider: _clock), new TraversalLimits(), _clock, NullLogger<Neo4jLineageStore>.Instance);
        await store.InitializeAsync();
        var a = EntityKey.Parse("dataset:s3://lake:a@1");
        await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = a }] });

        var stuck = store.GetAsync(a);
        await entered.Task;
        _clock.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => stuck);
        Assert.Null(await store.GetAsync(a));

        var reads = Requests().TakeLast(2).Select(r => r.TryGetProperty("bookmarks", out var sent) ? sent.GetArrayLength() : 0).ToList();
        Assert.Equal([1, 0], reads);
    }

    [Fact]
    public async Task Entities_are_read_ten_thousand_keys_a_statement_at_most()
    {
        var store = await OpenAsync();
        var keys = Enumerable.Range(0, Neo4jLineageStore.KeysPerRead + 1).Select(i => EntityKey.Parse($"dataset:s3://lake:t{i}@1")).ToList();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:t0@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row($"dataset:s3://lake:t{Neo4jLineageStore.KeysPerRead}@1")}]"));

        var found = await store.GetManyAsync([.. keys, keys[0]]);

        Assert.Equal([keys[0], keys[^1]], found.Keys.Order());
        var sent = Requests().Skip(CypherStatements.Schema.Count).Select(r => r.GetProperty("parameters").GetProperty("keys").GetArrayLength()).ToList();
        Assert.Equal([Neo4jLineageStore.KeysPerRead, 1], sent);
    }

    [Fact]
    public async Task A_listing_reads_its_page_and_the_count_of_every_match_in_one_statement()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(ListFields, $"[[5,true,{Row("dataset:s3://lake:a@1")[1..]},[5,true,{Row("dataset:s3://lake:b@1")[1..]}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(ListFields, "[[5,false,null,null,null,null,null,null,null,null,null,null,null,null,null,null]]"));

        var page = await store.ListAsync(new EntityQuery { Kind = EntityKind.Dataset, First = 1 });
        var past = await store.ListAsync(new EntityQuery { Kind = EntityKind.Dataset, After = Cursors.ForKey(EntityKey.Parse("dataset:s3://lake:z@1")) });

        Assert.Equal(["dataset:s3://lake:a@1"], page.Items.Select(e => e.Key.ToString()));
        Assert.True(page.HasNextPage);
        Assert.Equal(5, page.TotalCount);

        // A page past the last match: Neo4j answers one row with the count and no entity.
        Assert.Empty(past.Items);
        Assert.False(past.HasNextPage);
        Assert.Null(past.EndCursor);
        Assert.Equal(5, past.TotalCount);

        var sent = Requests().Skip(CypherStatements.Schema.Count).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, r => Assert.Equal(CypherStatements.Labelled("list-entities", EntityKind.Dataset), r.GetProperty("statement").GetString()));
        Assert.Equal(2, sent[0].GetProperty("parameters").GetProperty("take").GetInt32());
        Assert.False(sent[0].GetProperty("parameters").TryGetProperty("kind", out _));
        Assert.Equal("dataset:s3://lake:z@1", sent[1].GetProperty("parameters").GetProperty("after").GetString());
    }

    [Fact]
    public async Task A_write_stores_the_texts_a_search_compares_lowered_as_the_search_text_is()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"))
            .Respond(HttpStatusCode.OK, Conflicts(0))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["total","matched","key"]""", "[[0,false,null]]"));

        await store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = EntityKey.Parse("dataset:s3://ΛΙΜΝΗ:ΟΔΟΣ@1"), Description = "İzmir ΣΟΦΟΣ" }],
        });
        await store.ListAsync(new EntityQuery { Text = "ΟΔΟΣ" });

        // .NET lowers every sigma to σ, where Neo4j's toLower (Java's) writes a final one as ς.
        var props = EntityRow(Writes().Single()).GetProperty("props");
        Assert.Equal("s3://λιμνη", props.GetProperty("lowerNamespace").GetString());
        Assert.Equal("οδοσ", props.GetProperty("lowerName").GetString());
        Assert.Equal("İzmir ΣΟΦΟΣ".ToLowerInvariant(), props.GetProperty("lowerDescription").GetString());
        Assert.Equal("οδοσ", Requests().Last().GetProperty("parameters").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_key_with_an_astral_character_is_written_and_paged_by_its_sort_text()
    {
        var store = await OpenAsync();
        var astral = EntityKey.Parse("dataset:order:\U0001f600@v1");
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, "[]"))
            .Respond(HttpStatusCode.OK, Conflicts(0))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["total","matched","key"]""", "[[0,false,null]]"));

        await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = astral }, new EntityInput { Key = EntityKey.Parse("dataset:order:z@v1") }] });
        await store.ListAsync(new EntityQuery { After = Cursors.ForKey(astral) });

        var rows = Writes().Single().GetProperty("parameters").GetProperty("entities").EnumerateArray()
            .ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("props").GetProperty("sortKey"));
        Assert.Equal(SortKeys.For(astral.ToString()), rows[astral.ToString()].GetString());
        Assert.Equal(JsonValueKind.Null, rows["dataset:order:z@v1"].ValueKind);
        Assert.Equal(SortKeys.For(astral.ToString()), Requests().Last().GetProperty("parameters").GetProperty("after").GetString());
    }

    [Fact]
    public async Task Versions_of_many_entities_are_one_read_grouped_and_ordered_by_the_store()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@2")},{Row("model:reg:m@1")},{Row("dataset:s3://lake:a@1")}]"));
        var a = (EntityKind.Dataset, "s3://lake", "a");
        var m = (EntityKind.Model, "reg", "m");
        var none = (EntityKind.Feature, "fs", "f");

        var versions = await store.ListVersionsAsync([a, m, none, a]);

        // Written in the same instant, so in key order.
        Assert.Equal(["dataset:s3://lake:a@1", "dataset:s3://lake:a@2"], versions[a].Select(e => e.Key.ToString()));
        Assert.Equal(["model:reg:m@1"], versions[m].Select(e => e.Key.ToString()));
        Assert.Empty(versions[none]);
        var request = Requests().Skip(CypherStatements.Schema.Count).Single();
        Assert.Equal(CypherStatements.Query("list-versions"), request.GetProperty("statement").GetString());
        Assert.Equal("Read", request.GetProperty("accessMode").GetString());
        Assert.Equal(
            """[{"kind":"Dataset","namespace":"s3://lake","name":"a"},{"kind":"Model","namespace":"reg","name":"m"},{"kind":"Feature","namespace":"fs","name":"f"}]""",
            request.GetProperty("parameters").GetProperty("entities").GetRawText());
    }

    [Fact]
    public async Task The_newest_versions_are_asked_of_their_own_statement_and_cut_by_the_store()
    {
        var store = await OpenAsync();

        // The statement answers every version of the newest instant it keeps; the store orders them and keeps the newest one.
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@2")},{Row("dataset:s3://lake:a@3")}]"));
        var a = (EntityKind.Dataset, "s3://lake", "a");

        var versions = await store.ListVersionsAsync([a], 1);

        Assert.Equal(["dataset:s3://lake:a@3"], versions[a].Select(e => e.Key.ToString()));
        var request = Requests().Skip(CypherStatements.Schema.Count).Single();
        Assert.Equal(CypherStatements.Query("list-newest-versions"), request.GetProperty("statement").GetString());
        Assert.Equal(1, request.GetProperty("parameters").GetProperty("newest").GetInt32());
        await Assert.ThrowsAsync<InvalidInputException>(() => store.ListVersionsAsync([a], 0));
        Assert.Single(Requests().Skip(CypherStatements.Schema.Count));
    }

    [Fact]
    public async Task Versions_of_many_entities_go_a_walk_statement_s_worth_at_a_time()
    {
        var store = await OpenAsync();
        var many = Enumerable.Range(0, Neo4jLineageStore.StartsPerStatement + 1).Select(i => (EntityKind.Dataset, "s3://lake", $"d{i}")).ToList();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:d0@1")}]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row($"dataset:s3://lake:d{many.Count - 1}@1")}]"));

        var versions = await store.ListVersionsAsync(many);

        var sent = Requests().Skip(CypherStatements.Schema.Count).Select(r => r.GetProperty("parameters").GetProperty("entities").GetArrayLength());
        Assert.Equal([Neo4jLineageStore.StartsPerStatement, 1], sent);
        Assert.Single(versions[many[0]]);
        Assert.Single(versions[many[^1]]);
        Assert.Empty(versions[many[1]]);
    }

    [Fact]
    public async Task Versions_of_no_entities_send_nothing()
    {
        var store = await OpenAsync();

        Assert.Empty(await store.ListVersionsAsync([]));
        Assert.Equal(CypherStatements.Schema.Count, Requests().Count);
    }

    [Fact]
    public async Task A_batch_that_changes_nothing_sends_no_write()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")}]"));

        var result = await store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = EntityKey.Parse("dataset:s3://lake:a@1") }] });

        Assert.Equal(new WriteResult(0, 0, 1, 0, 0), result);
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task A_write_to_a_retired_entity_or_an_unknown_endpoint_sends_no_write()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1", retiredAt: Now.AddDays(-1).UtcTicks)}]"));
        var a = EntityKey.Parse("dataset:s3://lake:a@1");
        var b = EntityKey.Parse("dataset:s3://lake:b@1");

        var retired = await Assert.ThrowsAsync<EntityRetiredException>(() => store.WriteAsync(new WriteBatch { Entities = [new EntityInput { Key = a }] }));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = b }],
            Edges = [new EdgeInput(b, EntityKey.Parse("model:r:nowhere@1"), RelationKind.Derives)],
        }));

        Assert.Equal("entities[0]", retired.Item);
        Assert.Equal("edges[0].to", missing.Item);
        Assert.DoesNotContain(Requests(), r => r.GetProperty("statement").GetString() == CypherStatements.Query("write-batch"));
    }

    [Fact]
    public async Task Retiring_checks_and_retires_in_one_statement()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(RetireFields, "[[null,null,1,2]]"));
        var (a, b) = (EntityKey.Parse("dataset:s3://lake:a@1"), EntityKey.Parse("dataset:s3://lake:b@1"));

        var result = await store.RetireAsync(new RetireRequest { Entities = [b, b], Edges = [new EdgeRef(a, b, RelationKind.Derives)] });

        Assert.Equal(new RetireResult(1, 2), result);
        var retire = Assert.Single(Requests().Skip(CypherStatements.Schema.Count));
        Assert.Equal(CypherStatements.Query("retire"), retire.GetProperty("statement").GetString());
        Assert.Equal("Write", retire.GetProperty("accessMode").GetString());

        // Every item as the request named it, so that the positions the statement answers are the request's.
        Assert.Equal([b.ToString(), b.ToString()], retire.GetProperty("parameters").GetProperty("entities").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_retire_refused_after_its_items_only_checks_them_and_throws_the_refusal()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(RetireFields, "[[null,null,0,0]]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(RetireFields, "[[0,null,0,0]]"))
            .Respond(HttpStatusCode.OK, Bodies.Data(RetireFields, "[[null,null,1,0]]"));
        var b = EntityKey.Parse("dataset:s3://lake:b@1");
        var refused = new InvalidKeyException("A Dataset version cannot be empty.", "entities[1]");

        var thrown = await Assert.ThrowsAsync<InvalidKeyException>(() => store.RetireAsync(new RetireRequest { Entities = [b], Refused = refused }));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => store.RetireAsync(new RetireRequest { Entities = [b], Refused = refused }));
        var retired = await store.RetireAsync(new RetireRequest { Entities = [b] });

        Assert.Same(refused, thrown);
        Assert.Equal("entities[0]", missing.Item);
        Assert.Equal(new RetireResult(1, 0), retired);
        Assert.Equal([false, false, true], Requests().Skip(CypherStatements.Schema.Count).Select(r => r.GetProperty("parameters").GetProperty("retire").GetBoolean()));
    }

    [Fact]
    public async Task A_write_refused_after_its_items_reads_them_and_sends_no_write()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(EntityFields, $"[{Row("dataset:s3://lake:a@1")}]"));
        var refused = new InvalidKeyException("A Dataset version cannot be empty.", "entities[1].key");

        var thrown = await Assert.ThrowsAsync<InvalidKeyException>(() => store.WriteAsync(new WriteBatch
        {
            Entities = [new EntityInput { Key = EntityKey.Parse("dataset:s3://lake:a@1"), Description = "changed" }],
            Refused = refused,
        }));

        Assert.Same(refused, thrown);
        Assert.Empty(Writes());
    }

    [Fact]
    public async Task A_retire_whose_entity_a_purge_deleted_while_it_waited_for_the_lock_is_sent_again_and_names_it_missing()
    {
        var (store, waits) = await OpenRecordingWaitsAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Error(Neo4jErrors.EntityNotFound, "Node with id 4 has been deleted in this transaction"))
            .Respond(HttpStatusCode.OK, Bodies.Data(RetireFields, "[[0,null,0,0]]"));
        var b = EntityKey.Parse("dataset:s3://lake:b@1");

        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.RetireAsync(new RetireRequest { Entities = [b] }));

        Assert.Equal("entities[0]", error.Item);
        Assert.Equal([1], waits);
        var sent = Requests().Skip(CypherStatements.Schema.Count).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].GetRawText(), sent[1].GetRawText());
    }

    [Fact]
    public async Task A_purge_that_raced_another_purge_of_the_same_entity_is_sent_again_and_counts_what_it_purged()
    {
        var (store, _) = await OpenRecordingWaitsAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Error(Neo4jErrors.EntityNotFound, "Node with id 4 has been deleted in this transaction"))
            .Respond(HttpStatusCode.OK, Bodies.Data("""["entities","edges"]""", "[[0,0]]"));

        var result = await store.PurgeAsync(new PurgeRequest { Entities = [EntityKey.Parse("dataset:s3://lake:b@1")] });

        Assert.Equal(new PurgeResult(0, 0), result);
        Assert.Equal(2, Requests().Skip(CypherStatements.Schema.Count).Count());
    }

    [Fact]
    public async Task A_purge_that_keeps_meeting_deleted_items_gives_up_after_the_write_attempts()
    {
        var (store, _) = await OpenRecordingWaitsAsync();
        for (var i = 0; i < Neo4jLineageStore.MaxWriteAttempts; i++)
        {
            _neo4j.Respond(HttpStatusCode.OK, Bodies.Error(Neo4jErrors.EntityNotFound, "Node with id 4 has been deleted in this transaction"));
        }

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PurgeAsync(new PurgeRequest { Entities = [EntityKey.Parse("dataset:s3://lake:b@1")] }));

        Assert.Equal(Neo4jLineageStore.MaxWriteAttempts, Requests().Skip(CypherStatements.Schema.Count).Count());
    }

    [Fact]
    public async Task Retiring_a_missing_entity_names_it_by_its_position_in_the_request()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(RetireFields, "[[1,0,0,0]]"));
        var (a, b) = (EntityKey.Parse("dataset:s3://lake:a@1"), EntityKey.Parse("dataset:s3://lake:b@1"));

        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.RetireAsync(new RetireRequest
        {
            Entities = [a, b],
            Edges = [new EdgeRef(a, b, RelationKind.Derives)],
        }));

        // Entities are checked before edges, as the embedded store checks them.
        Assert.Equal("entities[1]", error.Item);
        Assert.EndsWith("No entity dataset:s3://lake:b@1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retiring_a_missing_edge_names_it_by_its_position_in_the_request()
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data(RetireFields, "[[null,2,0,0]]"));
        var (a, b) = (EntityKey.Parse("dataset:s3://lake:a@1"), EntityKey.Parse("dataset:s3://lake:b@1"));
        var present = new EdgeRef(a, b, RelationKind.Derives);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.RetireAsync(new RetireRequest
        {
            Edges = [present, present, new EdgeRef(b, a, RelationKind.Derives)],
        }));

        Assert.Equal("edges[2]", error.Item);
        Assert.EndsWith("No edge dataset:s3://lake:b@1 -DERIVES-> dataset:s3://lake:a@1.", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Requests().Last().GetProperty("parameters").GetProperty("edges").GetArrayLength());
    }

    [Theory]
    [InlineData("Neo.ClientError.Schema.IndexKeyTooLarge", ErrorCodes.InvalidInput)]
    [InlineData("Neo.ClientError.Statement.TypeError", ErrorCodes.InvalidInput)]
    [InlineData("Neo.ClientError.Statement.ArgumentError", ErrorCodes.InvalidInput)]
    [InlineData("Neo.ClientError.Statement.SyntaxError", ErrorCodes.StoreUnavailable)]
    [InlineData("Neo.DatabaseError.General.UnknownError", ErrorCodes.StoreUnavailable)]
    [InlineData("Neo.TransientError.General.DatabaseUnavailable", ErrorCodes.StoreUnavailable)]
    public async Task A_refusal_for_a_value_of_the_request_is_invalid_input_and_anything_else_unavailable(string neo4jCode, string expected)
    {
        var store = await OpenAsync();
        _neo4j.Respond(HttpStatusCode.BadRequest, Bodies.Error(neo4jCode, "refused"));

        var error = await Assert.ThrowsAnyAsync<LineageException>(() => store.GetAsync(EntityKey.Parse("dataset:s3://lake:a@1")));

        Assert.Equal(expected, error.Code);
        Assert.Contains(neo4jCode, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_statement_refused_with_a_schema_code_leaves_the_store_degraded()
    {
        _neo4j.Respond(HttpStatusCode.BadRequest, Bodies.Error("Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists", "an equivalent index exists"));
        var store = Create();

        await store.InitializeAsync();
        var health = await store.CheckHealthAsync();

        Assert.Equal(StoreStatus.Degraded, health.Status);
        Assert.Equal(ErrorCodes.StoreUnavailable, health.Data["code"]);
    }

    [Fact]
    public async Task Health_is_degraded_while_Neo4j_cannot_be_reached()
    {
        var store = await OpenAsync();
        _neo4j.Throw(() => new HttpRequestException("Connection refused"));

        var health = await store.CheckHealthAsync();

        Assert.Equal(StoreStatus.Degraded, health.Status);
        Assert.Equal(ErrorCodes.StoreUnavailable, health.Data["code"]);
    }

    [Fact]
    public async Task A_store_that_cannot_reach_Neo4j_at_start_starts_degraded_and_applies_the_schema_later()
    {
        _neo4j.Throw(() => new HttpRequestException("Connection refused"));
        var store = Create();

        await store.InitializeAsync();
        _neo4j.Respond(HttpStatusCode.OK, Bodies.Data("""["ok"]""", "[[1]]"));
        var health = await store.CheckHealthAsync();

        Assert.Equal(StoreStatus.Healthy, health.Status);
        Assert.Equal(true, health.Data["schemaApplied"]);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure.", "Neo4j refused the configured credentials")]
    [InlineData(HttpStatusCode.NotFound, "Neo.ClientError.Database.DatabaseNotFound", "Graph not found: lineage", "Neo4j has no database named by Lineage:Neo4j:Database")]
    public async Task A_setting_Neo4j_refuses_at_start_stops_the_host_with_one_clear_line(HttpStatusCode status, string code, string message, string expected)
    {
        // Wrong credentials or a database name that names none will not fix themselves, unlike a Neo4j not up yet.
        _neo4j.Respond(status, Bodies.Error(code, message));
        var store = Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync());

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_depth_cap_beyond_the_linted_depths_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Neo4jLineageStore(
            Clients.Create(_neo4j), new TraversalLimits { MaxDepthCap = Neo4jLineageStore.MaxDepthCap + 1 }, _clock, NullLogger<Neo4jLineageStore>.Instance));

        Assert.Contains("MaxDepthCap", error.Message, StringComparison.Ordinal);
    }

    private Neo4jLineageStore Create() =>
        new(Clients.Create(_neo4j, o => o.MaxRetryAttempts = 0), new TraversalLimits(), _clock, NullLogger<Neo4jLineageStore>.Instance);

    private async Task<Neo4jLineageStore> OpenAsync()
    {
        foreach (var _ in CypherStatements.Schema)
        {
            _neo4j.Respond(HttpStatusCode.OK, Bodies.Data("[]", "[]"));
        }

        var store = Create();
        await store.InitializeAsync();
        return store;
    }

    /// <summary>A store whose waits between write attempts take no time, each recorded by its attempt.</summary>
    private async Task<(Neo4jLineageStore Store, List<int> Waits)> OpenRecordingWaitsAsync()
    {
        var store = await OpenAsync();
        var waits = new List<int>();
        store.WriteBackOff = attempt =>
        {
            waits.Add(attempt);
            return TimeSpan.Zero;
        };
        return (store, waits);
    }

    private List<JsonElement> Requests() => [.. _neo4j.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())];

    private List<string> Statements() => [.. Requests().Select(r => r.GetProperty("statement").GetString()!)];

    private static string Row(string key, string properties = "{}", long? retiredAt = null, long revision = 1)
    {
        var parsed = EntityKey.Parse(key);
        return JsonSerializer.Serialize(new object?[]
        {
            key, parsed.Kind.ToString(), parsed.Namespace, parsed.Name, parsed.Version, null, Array.Empty<string>(), Array.Empty<string>(),
            properties, null, Now.AddDays(-2).UtcTicks, Now.AddDays(-2).UtcTicks, retiredAt, revision,
        });
    }

    /// <summary>write-batch's answer: how many of the keys it checked had changed since the store read them.</summary>
    private static string Conflicts(int conflicts, string extra = "", string bookmark = Bodies.Bookmark) =>
        Bodies.Data("""["conflicts"]""", $"[[{conflicts}]]", extra, bookmark);

    /// <summary>Writes rows = 2 into dataset:s3://lake:a@1's properties.</summary>
    private static Task<WriteResult> WriteRowsAsync(Neo4jLineageStore store) => store.WriteAsync(new WriteBatch
    {
        Entities = [new EntityInput { Key = EntityKey.Parse("dataset:s3://lake:a@1"), Properties = new Dictionary<string, JsonElement> { ["rows"] = JsonSerializer.SerializeToElement(2) } }],
    });

    /// <summary>The first entity row a write-batch request carries.</summary>
    private static JsonElement EntityRow(JsonElement write) => write.GetProperty("parameters").GetProperty("entities")[0];

    private List<JsonElement> Writes() => [.. Requests().Where(r => r.GetProperty("statement").GetString() == CypherStatements.Query("write-batch"))];

    /// <summary>A source that always draws the highest or the lowest value it may.</summary>
    private sealed class Extreme(bool highest) : Random
    {
        public override long NextInt64(long maxValue) => highest ? maxValue - 1 : 0;
    }
}
