using System.Net;
using Lineage.Graph.Core;
using Lineage.Graph.Neo4j.QueryApi;

namespace Lineage.Graph.Neo4j.Tests.QueryApi;

public sealed class QueryApiClientErrorTests
{
    [Fact]
    public async Task A_client_error_in_a_400_body_throws_its_code_and_message()
    {
        var handler = new ScriptedHandler().Respond(
            HttpStatusCode.BadRequest,
            Bodies.Error("Neo.ClientError.Statement.SyntaxError", "Invalid input 'RETRUN' (line 1, column 1)"));
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETRUN 1"));

        Assert.Equal("Neo.ClientError.Statement.SyntaxError", error.Code);
        Assert.Equal("Invalid input 'RETRUN' (line 1, column 1)", error.ServerMessage);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_error_inside_a_202_body_after_data_throws_instead_of_returning_partial_rows()
    {
        var body = """
            {"data":{"fields":["x"],"values":[[1],[2]]},
             "errors":[{"code":"Neo.ClientError.Statement.ArithmeticError","message":"/ by zero"}]}
            """;
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Accepted, body);
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("UNWIND [1, 2, 0] AS x RETURN 2 / x AS x"));

        Assert.Equal("Neo.ClientError.Statement.ArithmeticError", error.Code);
        Assert.Equal(HttpStatusCode.Accepted, error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_401_with_an_error_body_throws_that_error_and_is_not_retried()
    {
        var handler = new ScriptedHandler().Respond(
            HttpStatusCode.Unauthorized,
            Bodies.Error(Neo4jErrors.Unauthorized, "Invalid credential."));
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(Neo4jErrors.Unauthorized, error.Code);
        Assert.Equal("Invalid credential.", error.ServerMessage);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_401_without_a_body_is_reported_as_unauthorized_and_is_not_retried()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.Unauthorized);
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(Neo4jErrors.Unauthorized, error.Code);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_403_without_a_body_is_reported_as_forbidden()
    {
        var client = Clients.Create(new ScriptedHandler().Respond(HttpStatusCode.Forbidden));

        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(Neo4jErrors.Forbidden, error.Code);
    }

    [Fact]
    public async Task An_unknown_database_throws_database_not_found()
    {
        var handler = new ScriptedHandler().Respond(
            HttpStatusCode.NotFound,
            Bodies.Error(Neo4jErrors.DatabaseNotFound, "Database does not exist. Database name: 'lineage'."));
        var client = Clients.Create(handler, o => o.Database = "lineage");

        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal(Neo4jErrors.DatabaseNotFound, error.Code);
        Assert.Contains("'lineage'", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_database_error_in_a_500_body_fails_at_once()
    {
        var handler = new ScriptedHandler().Respond(
            HttpStatusCode.InternalServerError,
            Bodies.Error("Neo.DatabaseError.General.UnknownError", "Something went wrong"));
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => client.RunAsync("RETURN 1"));

        Assert.Equal("Neo.DatabaseError.General.UnknownError", error.Code);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("{\"data\":{\"fields\":[\"n\"],\"values\":[[1]")]
    [InlineData("<html><body>Welcome to nginx</body></html>")]
    [InlineData("")]
    public async Task A_success_whose_body_is_not_json_is_store_unavailable_and_not_retried(string body)
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.OK, body);
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Contains("HTTP 200 with a body that is not JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.StoreUnavailable, error.Code);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"data\":{\"fields\":[\"a\",\"b\"],\"values\":[[1]]}}")]
    [InlineData("[1,2]")]
    public async Task Json_that_is_not_a_query_api_answer_is_store_unavailable(string body)
    {
        var client = Clients.Create(new ScriptedHandler().Respond(HttpStatusCode.Accepted, body));

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Contains("not a Query API response", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_without_a_neo4j_error_points_at_the_url()
    {
        var handler = new ScriptedHandler().Respond(HttpStatusCode.NotFound, "Not Found", "text/plain");
        var client = Clients.Create(handler);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => client.RunAsync("RETURN 1"));

        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("Query API enabled", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }
}
