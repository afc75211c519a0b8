using System.Net;
using System.Text;
using Lineage.Graph.Server.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Lineage.Graph.Server.Tests;

/// <summary><c>/graphql</c> per the GraphQL-over-HTTP specification: methods, media types, status codes, batches, the SDL.</summary>
public sealed class HttpProtocolTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const string GraphQLResponse = GraphQLClient.GraphQLResponseJson;
    private const string ModelV2 = "model:mlflow://registry:churn@2";

    private readonly DemoServer _server = server;

    [Fact]
    public async Task A_query_runs_over_GET_with_variables_and_an_operation_name()
    {
        using var reader = _server.Reader();
        var response = await reader.GetAsync(
            "query Other { __typename } query One($key: String!) { entity(key: $key) { key } }",
            new { key = ModelV2 },
            operationName: "One");
        Assert.Equal(ModelV2, response.Data().Str("entity.key"));
        Assert.Equal("application/json", response.MediaType);
    }

    [Fact]
    public async Task A_query_runs_over_POST_with_the_operation_it_names()
    {
        using var reader = _server.Reader();
        var response = await reader.PostAsync(
            "query A { a: __typename } query B($key: String!) { entity(key: $key) { key } }", new { key = ModelV2 }, "B");
        Assert.Equal(ModelV2, response.Data().Str("entity.key"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData(GraphQLResponse)]
    public async Task Mutation_over_GET_is_405_and_runs_nothing(string? accept)
    {
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.GetAsync(
            """mutation { recordEntities(input: { entities: [{ key: "dataset:file:over-get@1" }] }) { entitiesCreated } }""", accept: accept));
        response.Error("METHOD_NOT_ALLOWED", HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["POST"], response.ContentHeaders.Allow);
        Assert.False(response.HasData);
    }

    [Fact]
    public async Task A_GET_that_names_the_mutation_of_a_document_is_405_and_one_that_names_its_query_runs()
    {
        using var admin = _server.Admin();
        const string Document = """query Q { __typename } mutation M { retire(input: { keys: ["model:mlflow://registry:churn@1"] }) { entitiesRetired } }""";
        var mutation = await GraphSnapshot.UnchangedAsync(admin, () => admin.GetAsync(Document, operationName: "M"));
        mutation.Error("METHOD_NOT_ALLOWED", HttpStatusCode.MethodNotAllowed);

        var query = await admin.GetAsync(Document, operationName: "Q");
        Assert.Equal("Query", query.Data().Str("__typename"));
    }

    [Fact]
    public async Task A_GET_with_an_empty_operation_name_is_judged_by_the_only_operation_it_runs()
    {
        // GraphQL.NET reads an empty name as none and runs the document's only operation: the mutation ran over GET.
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.GetAsync(
            """mutation { recordEntities(input: { entities: [{ key: "dataset:file:over-get-unnamed@1" }] }) { entitiesCreated } }""", operationName: ""));

        response.Error("METHOD_NOT_ALLOWED", HttpStatusCode.MethodNotAllowed);
        Assert.Equal("Query", (await admin.GetAsync("{ __typename }", operationName: "")).Data().Str("__typename"));
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Methods_other_than_GET_and_POST_are_405(string method)
    {
        using var admin = _server.Admin();
        var response = await admin.SendAsync(new HttpMethod(method), "/graphql", new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json"));
        response.Error("METHOD_NOT_ALLOWED", HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["GET", "POST"], response.ContentHeaders.Allow);
    }

    [Theory]
    [InlineData("PUT", "/api/v1/lineage", HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED")]
    [InlineData("DELETE", "/api/v1/lineage/batch", HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED")]
    [InlineData("POST", "/healthz", HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED")]
    [InlineData("GET", "/api/v2/nothing", HttpStatusCode.NotFound, "NOT_FOUND")]
    public async Task Routes_refused_by_routing_answer_a_json_error_with_a_code(string method, string path, HttpStatusCode status, string code)
    {
        using var admin = _server.Admin();
        var response = await admin.SendAsync(new HttpMethod(method), path, method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.Status);
        Assert.Equal(code, response.Json.GetProperty("code").GetString());
        Assert.Contains(path, response.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json")]
    public async Task A_POST_declared_utf8_or_undeclared_is_read(string contentType)
    {
        using var reader = _server.Reader();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await reader.SendAsync(HttpMethod.Post, "/graphql", content);

        Assert.Equal("Query", response.Data().Str("__typename"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/graphql")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task A_POST_of_another_media_type_is_415(string? contentType)
    {
        using var admin = _server.Admin();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"mutation { recordEntities(input: { entities: [{ key: \"dataset:file:415@1\" }] }) { entitiesCreated } }"}"""));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.SendAsync(HttpMethod.Post, "/graphql", content));
        response.Error("UNSUPPORTED_MEDIA_TYPE", HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_gzip_POST_is_read_whether_or_not_it_is_announced(bool announce)
    {
        using var reader = _server.Reader();
        var content = OpenLineage.OpenLineageEvents.Gzip("""{"query":"{ __typename }"}""", announce);

        var response = await reader.SendAsync(HttpMethod.Post, "/graphql", content);

        Assert.Equal("Query", response.Data().Str("__typename"));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task A_POST_of_application_json_with_parameters_or_other_case_is_accepted(string contentType)
    {
        using var reader = _server.Reader();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"{ __typename }"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await reader.SendAsync(HttpMethod.Post, "/graphql", content);
        Assert.Equal("Query", response.Data().Str("__typename"));
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData(GraphQLResponse, GraphQLResponse)]
    [InlineData("*/*", "application/json")]
    [InlineData("application/*", "application/json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json;q=0.5", "application/json")]
    [InlineData("text/html;q=0.9, application/graphql-response+json", GraphQLResponse)]
    public async Task The_response_media_type_follows_Accept(string? accept, string expected)
    {
        using var reader = _server.Reader();
        var post = await reader.PostAsync("{ __typename }", accept: accept);
        var get = await reader.GetAsync("{ __typename }", accept: accept);
        Assert.Equal(expected, post.MediaType);
        Assert.Equal(expected, get.MediaType);
        Assert.Equal("Query", post.Data().Str("__typename"));
        Assert.Equal("Query", get.Data().Str("__typename"));
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/plain")]
    [InlineData("application/json;q=0")]
    public async Task An_Accept_that_allows_neither_media_type_is_406(string accept)
    {
        using var reader = _server.Reader();
        var response = await reader.PostAsync("{ __typename }", accept: accept);
        response.Error("NOT_ACCEPTABLE", HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task Under_graphql_response_json_a_request_error_is_400_and_a_field_error_is_200()
    {
        using var reader = _server.Reader();
        var invalid = await reader.PostAsync("{ entity(key: \"x:y:z\") { nope } }", accept: GraphQLResponse);
        invalid.Error("FIELDS_ON_CORRECT_TYPE", HttpStatusCode.BadRequest);
        Assert.False(invalid.HasData);

        var field = await reader.PostAsync("{ entity(key: \"bad\") { key } ok: __typename }", accept: GraphQLResponse);
        field.Error("INVALID_KEY", HttpStatusCode.OK);
        Assert.Equal("Query", field.Json.Str("data.ok"));
        Assert.Equal(["entity"], field.Errors[0].At("path").Strings());

        var json = await reader.PostAsync("{ entity(key: \"x:y:z\") { nope } }", accept: "application/json");
        json.Error("FIELDS_ON_CORRECT_TYPE", HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_GET_needs_exactly_one_query_parameter_and_variables_that_are_an_object()
    {
        using var reader = _server.Reader();
        var none = await reader.SendAsync(HttpMethod.Get, "/graphql", null, "application/json");
        none.Error("INVALID_REQUEST", HttpStatusCode.BadRequest);

        var two = await reader.SendAsync(HttpMethod.Get, "/graphql?query=%7B__typename%7D&query=%7B__typename%7D", null);
        two.Error("INVALID_REQUEST", HttpStatusCode.BadRequest);

        var list = await reader.SendAsync(HttpMethod.Get, "/graphql?query=%7B__typename%7D&variables=%5B1%5D", null);
        list.Error("INVALID_REQUEST", HttpStatusCode.BadRequest);

        var broken = await reader.SendAsync(HttpMethod.Get, "/graphql?query=%7B__typename%7D&variables=%7B", null);
        broken.Error("INVALID_REQUEST", HttpStatusCode.BadRequest);

        // Two operation names or two sets of variables: the first is not taken silently.
        var names = await reader.SendAsync(HttpMethod.Get, "/graphql?query=query%20A%7Ba%3A__typename%7D%20query%20B%7Bb%3A__typename%7D&operationName=A&operationName=B", null);
        Assert.Equal("A GET request takes at most one 'operationName' parameter.", names.Error("INVALID_REQUEST", HttpStatusCode.BadRequest).Str("message"));
        var twoVariables = await reader.SendAsync(HttpMethod.Get, "/graphql?query=%7B__typename%7D&variables=%7B%7D&variables=%7B%7D", null);
        Assert.Equal("A GET request takes at most one 'variables' parameter.", twoVariables.Error("INVALID_REQUEST", HttpStatusCode.BadRequest).Str("message"));
    }

    [Fact]
    public async Task A_batch_answers_each_request_in_order_whatever_the_others_do()
    {
        using var writer = _server.Writer();
        var response = await writer.PostJsonAsync($$$"""
            [
              {"query":"{ entity(key: \"{{{ModelV2}}}\") { key } }"},
              {"query":"{ entity(key: \"bad\") { key } }"},
              {"query":"{"},
              {"nope":1},
              {"query":"mutation { recordEntities(input: { entities: [{ key: \"dataset:file:batched@1\" }] }) { entitiesCreated entitiesUnchanged } }"},
              {"query":"query($k: String!) { entity(key: $k) { key } }","variables":{"k":"dataset:file:batched@1"}}
            ]
            """);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var results = response.Json.Items();
        Assert.Equal(6, results.Count);
        Assert.Equal(ModelV2, results[0].Str("data.entity.key"));
        Assert.Equal("INVALID_KEY", results[1].Str("errors.0.extensions.code"));
        Assert.Equal("GRAPHQL_PARSE_FAILED", results[2].Str("errors.0.extensions.code"));
        Assert.Equal("INVALID_REQUEST", results[3].Str("errors.0.extensions.code"));
        Assert.Equal(1, results[4].Int("data.recordEntities.entitiesCreated") + results[4].Int("data.recordEntities.entitiesUnchanged"));
        Assert.Equal("dataset:file:batched@1", results[5].Str("data.entity.key"));
    }

    [Fact]
    public async Task A_batch_of_the_configured_size_runs_and_one_more_is_BATCH_TOO_LARGE()
    {
        using var admin = _server.Admin();
        var ten = await admin.PostJsonAsync("[" + string.Join(",", Enumerable.Repeat("""{"query":"{ __typename }"}""", 10)) + "]");
        Assert.Equal(HttpStatusCode.OK, ten.Status);
        Assert.Equal(10, ten.Json.Items().Count);

        var eleven = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostJsonAsync(
            "[" + string.Join(",", Enumerable.Repeat("""{"query":"mutation { recordEntities(input: { entities: [{ key: \"dataset:file:too-many@1\" }] }) { entitiesCreated } }"}""", 11)) + "]",
            GraphQLResponse));
        eleven.Error("BATCH_TOO_LARGE", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GET_sdl_answers_the_printed_schema_as_text()
    {
        using var reader = _server.Reader();
        var response = await reader.SendAsync(HttpMethod.Get, "/graphql?sdl", null);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/plain", response.MediaType);
        var schema = _server.Factory.Services.GetRequiredService<LineageSchema>();
        Assert.Equal(SchemaText.Of(schema), response.Body);
        Assert.Contains("type Query {", response.Body, StringComparison.Ordinal);
        Assert.Contains("type Mutation {", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GET_sdl_without_a_key_is_401_when_anonymous_read_is_off()
    {
        using var anonymous = _server.Client();
        var response = await anonymous.SendAsync(HttpMethod.Get, "/graphql?sdl", null);
        response.Error("UNAUTHENTICATED", HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("type Query", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_two_phase_introspection_of_Banana_Cake_Pop_succeeds()
    {
        using var reader = _server.Reader();

        // Phase 1: which introspection features this server has; phase 2 asks only for those, as Banana Cake Pop does.
        var features = (await reader.PostAsync(IntrospectionPhase1, operationName: "introspection_phase_1")).Data();
        Assert.Equal("Query", features.Str("__schema.queryType.name"));
        Assert.Equal("Mutation", features.Str("__schema.mutationType.name"));
        Assert.True(features.IsNull("__schema.subscriptionType"));
        Assert.Contains("skip", features.At("__schema.directives").Strings("name"));

        var directiveFields = features.At("directive.fields").Strings("name");
        var typeFields = features.At("type.fields").Strings("name");
        var inputValueFields = features.At("inputValue.fields").Strings("name");
        var argsArguments = features.At("field.fields").Items().Single(f => f.Str("name") == "args").At("args").Strings("name");
        var full = await reader.PostAsync(
            IntrospectionPhase2(
                repeatable: directiveFields.Contains("isRepeatable"),
                specifiedBy: typeFields.Contains("specifiedByURL"),
                inputValueDeprecation: inputValueFields.Contains("isDeprecated") && argsArguments.Contains("includeDeprecated")),
            operationName: "introspection_phase_2");

        AssertFullIntrospection(full);
    }

    [Fact]
    public async Task The_full_introspection_with_isRepeatable_and_specifiedByURL_succeeds()
    {
        using var reader = _server.Reader();

        // The October 2021 specification's introspection: clients that do not probe first ask for all of it.
        var features = (await reader.PostAsync(IntrospectionPhase1, operationName: "introspection_phase_1")).Data();
        Assert.Contains("isRepeatable", features.At("directive.fields").Strings("name"));
        Assert.Contains("specifiedByURL", features.At("type.fields").Strings("name"));

        var full = await reader.PostAsync(IntrospectionPhase2(repeatable: true, specifiedBy: true, inputValueDeprecation: false), operationName: "introspection_phase_2");
        AssertFullIntrospection(full);
    }

    private const string IntrospectionPhase1 = """
        query introspection_phase_1 {
          __schema { queryType { name } mutationType { name } subscriptionType { name } types { name kind } directives { name locations args { name } } }
          directive: __type(name: "__Directive") { fields { name } }
          type: __type(name: "__Type") { fields { name } }
          schema: __type(name: "__Schema") { fields { name } }
          field: __type(name: "__Field") { fields { name args { name } } }
          inputValue: __type(name: "__InputValue") { fields { name } }
        }
        """;

    private static string IntrospectionPhase2(bool repeatable, bool specifiedBy, bool inputValueDeprecation)
    {
        var args = inputValueDeprecation ? "args(includeDeprecated: true)" : "args";
        var inputFields = inputValueDeprecation ? "inputFields(includeDeprecated: true)" : "inputFields";
        var deprecation = inputValueDeprecation ? "isDeprecated deprecationReason" : "";
        return $$"""
            query introspection_phase_2 {
              __schema {
                description
                queryType { name } mutationType { name } subscriptionType { name }
                types { ...FullType }
                directives { name description {{(repeatable ? "isRepeatable" : "")}} locations {{args}} { ...InputValue } }
              }
            }
            fragment FullType on __Type {
              kind name description {{(specifiedBy ? "specifiedByURL" : "")}}
              fields(includeDeprecated: true) { name description {{args}} { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
              {{inputFields}} { ...InputValue }
              interfaces { ...TypeRef }
              enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
              possibleTypes { ...TypeRef }
            }
            fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue {{deprecation}} }
            fragment TypeRef on __Type {
              kind name
              ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
            }
            """;
    }

    private static void AssertFullIntrospection(GraphQLResponse full)
    {
        var schema = full.Data().At("__schema");
        Assert.StartsWith("Lineage.Graph", schema.Str("description"), StringComparison.Ordinal);
        var types = schema.At("types").Items().ToDictionary(t => t.Str("name")!);
        foreach (var name in new[] { "Query", "Mutation", "Entity", "Node", "Dataset", "Run", "LineageGraph", "EntityKind", "RecordRunInput", "DateTime", "JSON" })
        {
            Assert.True(types.ContainsKey(name), $"The introspection has no type {name}.");
        }

        Assert.Equal("INTERFACE", types["Entity"].Str("kind"));
        Assert.Equal(8, types["Entity"].At("possibleTypes").Items().Count);
        Assert.Equal("INPUT_OBJECT", types["RecordRunInput"].Str("kind"));
        Assert.Contains("CODE_VERSION", types["EntityKind"].At("enumValues").Strings("name"));
        Assert.Equal(
            ["diff", "entities", "entity", "impact", "lineage", "node", "nodes", "paths", "provenance"],
            types["Query"].At("fields").Strings("name").Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["link", "purge", "recordEntities", "recordRun", "retire"], types["Mutation"].At("fields").Strings("name").Order(StringComparer.Ordinal).ToList());
        Assert.Contains("include", schema.At("directives").Strings("name"));
    }

    [Fact]
    public async Task Errors_outside_Development_carry_a_code_and_no_stack_trace()
    {
        using var reader = _server.Reader();
        var responses = new[]
        {
            await reader.PostAsync("{ entity(key: \"bad\") { key } }"),
            await reader.PostAsync("query($n: Int) { entities(first: $n) { totalCount } }", new { n = "x" }),
            await reader.PostAsync("{ lineage(key: \"dataset:nowhere:x@1\") { truncated } }"),
            await reader.PostAsync("{ entities(after: \"bad\") { totalCount } }"),
        };
        foreach (var response in responses)
        {
            var error = Assert.Single(response.Errors);
            Assert.False(string.IsNullOrEmpty(error.Str("extensions.code")), response.ToString());
            Assert.False(error.At("extensions").TryGetProperty("details", out _), response.ToString());
            Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_key_may_go_as_a_bearer_token_or_an_X_Api_Key_header()
    {
        using var bearer = _server.Client(LineageServerFactory.ReaderKey);
        using var header = _server.Client(LineageServerFactory.ReaderKey, keyAsHeader: true);
        using var lowerCase = _server.Client();
        lowerCase.Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer " + LineageServerFactory.ReaderKey);

        Assert.Equal("Query", (await bearer.PostAsync("{ __typename }")).Data().Str("__typename"));
        Assert.Equal("Query", (await header.PostAsync("{ __typename }")).Data().Str("__typename"));
        Assert.Equal("Query", (await lowerCase.PostAsync("{ __typename }")).Data().Str("__typename"));
    }
}
