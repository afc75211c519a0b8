using System.Net;
using System.Text.Json;
using Lineage.Graph.Neo4j.QueryApi;

namespace Lineage.Graph.Neo4j.Tests.QueryApi;

public sealed class QueryApiClientResponseTests
{
    private const string NodeA = """{"elementId":"4:db:1","labels":["Entity","Dataset"],"properties":{"key":"dataset:a","version":3,"tags":["x"]}}""";
    private const string NodeB = """{"elementId":"4:db:2","labels":["Entity","Model"],"properties":{"key":"model:b"}}""";
    private const string Rel = """{"elementId":"5:db:7","startNodeElementId":"4:db:1","endNodeElementId":"4:db:2","type":"INPUT_TO","properties":{"role":"train"}}""";

    private static async Task<QueryResult> AnswerAsync(string body, HttpStatusCode status = HttpStatusCode.Accepted)
    {
        var client = Clients.Create(new ScriptedHandler().Respond(status, body));
        return await client.RunAsync("MATCH (n) RETURN n");
    }

    [Fact]
    public async Task Rows_arrive_as_arrays_in_field_order()
    {
        var result = await AnswerAsync(Bodies.Data(
            """["key","depth","score","missing","tags","meta"]""",
            """[["dataset:a",3,0.5,null,["x","y"],{"owner":"ml","n":1}],["dataset:b",9007199254740993,-1.5e3,null,[],{}]]"""));

        Assert.Equal(["key", "depth", "score", "missing", "tags", "meta"], result.Fields);
        Assert.Equal(2, result.Rows.Count);
        var first = result.Rows[0];
        Assert.Equal("dataset:a", result.Value(first, "key").GetString());
        Assert.Equal(3, result.Value(first, "depth").GetInt64());
        Assert.Equal(0.5, result.Value(first, "score").GetDouble());
        Assert.Equal(JsonValueKind.Null, result.Value(first, "missing").ValueKind);
        Assert.Equal(["x", "y"], result.Value(first, "tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("ml", result.Value(first, "meta").GetProperty("owner").GetString());
        Assert.Equal(9007199254740993L, result.Value(result.Rows[1], "depth").GetInt64());
        Assert.Equal(-1500.0, result.Value(result.Rows[1], "score").GetDouble());
        Assert.Equal(["dataset:a", "dataset:b"], result.Column("key").Select(v => v.GetString()));
        Assert.Null(result.Counters);
    }

    [Fact]
    public async Task An_unknown_field_names_the_fields_that_were_returned()
    {
        var result = await AnswerAsync(Bodies.Data("""["key"]""", """[["a"]]"""));

        var error = Assert.Throws<KeyNotFoundException>(() => result.FieldIndex("name"));

        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[key]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_without_rows_returns_its_fields_and_no_rows()
    {
        var result = await AnswerAsync(Bodies.Data("""["n"]""", "[]"));

        Assert.Equal(["n"], result.Fields);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public async Task Nodes_are_read_with_their_element_id_labels_and_properties()
    {
        var result = await AnswerAsync(Bodies.Data("""["n"]""", $"[[{NodeA}]]"));

        var node = Neo4jNode.Read(result.Rows[0][0]);

        Assert.Equal("4:db:1", node.ElementId);
        Assert.Equal(["Entity", "Dataset"], node.Labels);
        Assert.Equal("dataset:a", node.Properties["key"].GetString());
        Assert.Equal(3, node.Properties["version"].GetInt32());
        Assert.Equal("x", node.Properties["tags"][0].GetString());
    }

    [Fact]
    public async Task Relationships_are_read_with_their_ends_type_and_properties()
    {
        var result = await AnswerAsync(Bodies.Data("""["r"]""", $"[[{Rel}]]"));

        var relationship = Neo4jRelationship.Read(result.Rows[0][0]);

        Assert.Equal("5:db:7", relationship.ElementId);
        Assert.Equal("4:db:1", relationship.StartNodeElementId);
        Assert.Equal("4:db:2", relationship.EndNodeElementId);
        Assert.Equal("INPUT_TO", relationship.Type);
        Assert.Equal("train", relationship.Properties["role"].GetString());
    }

    [Fact]
    public async Task Paths_are_read_from_flat_arrays_of_node_relationship_node()
    {
        var result = await AnswerAsync(Bodies.Data("""["p"]""", $"[[[{NodeA},{Rel},{NodeB}]]]"));

        var path = Neo4jPath.Read(result.Rows[0][0]);

        Assert.Equal(["4:db:1", "4:db:2"], path.Nodes.Select(n => n.ElementId));
        Assert.Equal("INPUT_TO", Assert.Single(path.Relationships).Type);
    }

    [Fact]
    public async Task A_path_of_one_node_has_no_relationships()
    {
        var result = await AnswerAsync(Bodies.Data("""["p"]""", $"[[[{NodeA}]]]"));

        var path = Neo4jPath.Read(result.Rows[0][0]);

        Assert.Single(path.Nodes);
        Assert.Empty(path.Relationships);
    }

    [Fact]
    public void Readers_refuse_values_of_another_shape()
    {
        using var document = JsonDocument.Parse($"[{Rel},{NodeA},\"text\",[]]");
        var values = document.RootElement;

        Assert.Throws<FormatException>(() => Neo4jNode.Read(values[0]));
        Assert.Throws<FormatException>(() => Neo4jRelationship.Read(values[1]));
        Assert.Throws<FormatException>(() => Neo4jNode.Read(values[2]));
        Assert.Throws<FormatException>(() => Neo4jPath.Read(values[3]));
    }

    [Fact]
    public async Task Counters_are_read_when_they_were_asked_for()
    {
        var counters = """
            ,"counters":{"containsUpdates":true,"nodesCreated":2,"nodesDeleted":1,"propertiesSet":7,"relationshipsCreated":3,
            "relationshipsDeleted":4,"labelsAdded":2,"labelsRemoved":5,"indexesAdded":0,"indexesRemoved":0,"constraintsAdded":1,
            "constraintsRemoved":0,"containsSystemUpdates":false,"systemUpdates":0}
            """;

        var result = await AnswerAsync(Bodies.Data("[]", "[]", counters));

        Assert.Equal(new QueryCounters { RelationshipsCreated = 3 }, result.Counters);
    }

    [Fact]
    public async Task Rows_stay_readable_after_the_response_is_gone()
    {
        var result = await AnswerAsync(Bodies.Data("""["n"]""", $"[[{NodeA}]]"));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal("4:db:1", Neo4jNode.Read(result.Rows[0][0]).ElementId);
    }

    [Fact]
    public async Task Notifications_are_ignored_and_bookmarks_are_kept()
    {
        var result = await AnswerAsync(Bodies.Data(
            """["n"]""",
            "[[1]]",
            ""","notifications":[{"code":"Neo.ClientNotification.Statement.CartesianProduct","severity":"INFORMATION"}]"""));

        Assert.Equal(1, result.Rows[0][0].GetInt32());
        Assert.Equal([Bodies.Bookmark], result.Bookmarks);
    }
}
