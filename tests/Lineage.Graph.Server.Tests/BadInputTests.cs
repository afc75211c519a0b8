using System.Net;
using Lineage.Graph.Server.GraphQL;

namespace Lineage.Graph.Server.Tests;

/// <summary>
/// Bad inputs of every kind, each answered with its stable code (top-level <c>extensions.code</c>,
/// or a mutation payload's <c>errors[].code</c> and <c>item</c>), and the graph unchanged.
/// </summary>
public sealed class BadInputTests(DemoServer server) : IClassFixture<DemoServer>
{
    private const string GraphQLResponse = GraphQLClient.GraphQLResponseJson;
    private const string Json = "application/json";

    private readonly DemoServer _server = server;

    public static TheoryData<string, string, string, int, string> MalformedRequests => new()
    {
        { "truncated JSON", """{"query":""", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "truncated JSON", """{"query":""", Json, 400, "INVALID_REQUEST" },
        { "not JSON at all", "query { __typename }", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "a JSON string", "\"{ __typename }\"", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "a JSON number", "42", Json, 400, "INVALID_REQUEST" },
        { "an empty batch", "[]", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "no query", """{"variables":{}}""", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "a query that is a number", """{"query":5}""", Json, 400, "INVALID_REQUEST" },
        { "variables that are a list", """{"query":"{ __typename }","variables":[1]}""", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "variables that are a string", """{"query":"{ __typename }","variables":"{}"}""", Json, 400, "INVALID_REQUEST" },
        { "an operation name that is a number", """{"query":"{ __typename }","operationName":5}""", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "JSON nested past its depth limit", "{\"query\":\"{ __typename }\",\"variables\":{\"a\":" + new string('[', 200) + new string(']', 200) + "}}", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "a GraphQL syntax error", """{"query":"{ entity(key: \"x\") { key }"}""", GraphQLResponse, 400, "GRAPHQL_PARSE_FAILED" },
        { "a GraphQL syntax error", """{"query":"{ entity(key: \"x\") { key }"}""", Json, 200, "GRAPHQL_PARSE_FAILED" },
        { "an empty document", """{"query":""}""", GraphQLResponse, 400, "NO_OPERATION" },
        { "a document of fragments only", """{"query":"fragment F on Query { __typename }"}""", GraphQLResponse, 400, "NO_OPERATION" },
        { "a string argument given an Int", """{"query":"{ entity(key: 5) { key } }"}""", GraphQLResponse, 400, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "an Int argument given a string", """{"query":"{ entities(first: \"ten\") { totalCount } }"}""", Json, 200, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "an unknown kind", """{"query":"{ entities(kind: SPACESHIP) { totalCount } }"}""", GraphQLResponse, 400, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "an unknown direction", """{"query":"{ lineage(key: \"model:mlflow://registry:churn@1\", direction: SIDEWAYS) { truncated } }"}""", GraphQLResponse, 400, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "a date that is not one", """{"query":"{ lineage(key: \"model:mlflow://registry:churn@1\", asOf: \"yesterday\") { truncated } }"}""", GraphQLResponse, 400, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "a date with a bare decimal point", """{"query":"{ lineage(key: \"model:mlflow://registry:churn@1\", asOf: \"2026-06-01T12:00:00.Z\") { truncated } }"}""", GraphQLResponse, 400, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "a date written month first", """{"query":"{ lineage(key: \"model:mlflow://registry:churn@1\", asOf: \"06/01/2026\") { truncated } }"}""", GraphQLResponse, 400, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "a date with a bare decimal point in a variable", """{"query":"query($t: DateTime) { lineage(key: \"model:mlflow://registry:churn@1\", asOf: $t) { truncated } }","variables":{"t":"2026-06-01T12:00:00.Z"}}""", GraphQLResponse, 400, "INVALID_VALUE" },
        { "a date written in words in a variable", """{"query":"query($t: DateTime) { lineage(key: \"model:mlflow://registry:churn@1\", asOf: $t) { truncated } }","variables":{"t":"Monday, June 1, 2026"}}""", GraphQLResponse, 400, "INVALID_VALUE" },
        { "an unknown kind in a variable", """{"query":"query($k: EntityKind) { entities(kind: $k) { totalCount } }","variables":{"k":"SPACESHIP"}}""", GraphQLResponse, 400, "INVALID_VALUE" },
        { "a variable of the wrong type", """{"query":"query($n: Int) { entities(first: $n) { totalCount } }","variables":{"n":"ten"}}""", GraphQLResponse, 400, "INVALID_VALUE" },
        { "a variable of the wrong type", """{"query":"query($n: Int) { entities(first: $n) { totalCount } }","variables":{"n":"ten"}}""", Json, 200, "INVALID_VALUE" },
        { "an unknown field", """{"query":"{ entity(key: \"x:y:z\") { key password } }"}""", GraphQLResponse, 400, "FIELDS_ON_CORRECT_TYPE" },
        { "a missing required argument", """{"query":"{ entity { key } }"}""", GraphQLResponse, 400, "PROVIDED_NON_NULL_ARGUMENTS" },
        { "a fragment cycle", """{"query":"{ entity(key: \"x:y:z\") { ...A } } fragment A on Entity { ...B } fragment B on Entity { ...A }"}""", GraphQLResponse, 400, "NO_FRAGMENT_CYCLES" },
        { "two operations and no name", """{"query":"query A { __typename } query B { __typename }"}""", GraphQLResponse, 400, "NO_OPERATION_NAME" },
        { "an operation name that is not in the document", """{"query":"query A { __typename }","operationName":"B"}""", GraphQLResponse, 400, "INVALID_OPERATION_NAME" },
        { "an unknown relation in a mutation", """{"query":"mutation { link(input: { edges: [{ from: \"model:mlflow://registry:churn@1\", to: \"deployment:prod:churn-api@42\", relation: OWNS }] }) { edgesCreated } }"}""", GraphQLResponse, 400, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "a typed field of the wrong type in a mutation", """{"query":"mutation { recordEntities(input: { entities: [{ key: \"dataset:file:typed@1\", dataset: { rowCount: \"many\" } }] }) { entitiesCreated } }"}""", GraphQLResponse, 400, "ARGUMENTS_OF_CORRECT_TYPE" },
        { "an operation name with an unpaired surrogate", """{"query":"{ __typename }","operationName":"\ud800"}""", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "a query with an unpaired surrogate", """{"query":"{ entity(key: \"dataset:ns:\udc00@1\") { key } }"}""", Json, 400, "INVALID_REQUEST" },
        { "a variable given twice", """{"query":"query($k: String!) { entity(key: $k) { key } }","variables":{"k":"dataset:ns:a@1","k":"dataset:ns:b@1"}}""", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "a member given twice inside a JSON variable", """{"query":"query($p: JSON) { __typename }","variables":{"p":{"a":1,"a":2}}}""", Json, 400, "INVALID_REQUEST" },
        { "a request member given twice", """{"query":"{ __typename }","query":"{ __typename }"}""", GraphQLResponse, 400, "INVALID_REQUEST" },
        { "__typename repeated past the limit", "{\"query\":\"{ " + string.Concat(Enumerable.Range(0, 1_001).Select(i => $"t{i}: __typename ")) + "}\"}", GraphQLResponse, 400, "COMPLEXITY" },
        { "introspection repeated past the limit", "{\"query\":\"{ " + string.Concat(Enumerable.Range(0, 21).Select(i => $"a{i}: __schema {{ queryType {{ name }} }} ")) + "}\"}", GraphQLResponse, 400, "COMPLEXITY" },
        // Shapes that made validation itself slow (it compares every pair), refused before it runs.
        { "one alias selected past the limit with different arguments", "{\"query\":\"{ " + string.Concat(Enumerable.Range(0, 21).Select(i => $"e: entity(key: \\\"dataset:a:b{i}\\\") {{ key }} ")) + "}\"}", GraphQLResponse, 400, "COMPLEXITY" },
        { "one alias past the limit through fragments", "{\"query\":\"{ " + string.Concat(Enumerable.Range(0, 21).Select(i => $"...F{i} ")) + "} " + string.Concat(Enumerable.Range(0, 21).Select(i => $"fragment F{i} on Query {{ e: entity(key: \\\"dataset:a:b{i}\\\") {{ key }} }} ")) + "\"}", GraphQLResponse, 400, "COMPLEXITY" },
        { "fragments spread past the limit", "{\"query\":\"{ ...F " + string.Concat(Enumerable.Range(0, 101).Select(_ => "...F ")) + "} fragment F on Query { __typename }\"}", GraphQLResponse, 400, "COMPLEXITY" },
        { "a directive repeated past the limit", "{\"query\":\"{ __typename " + string.Concat(Enumerable.Range(0, 11).Select(_ => "@skip(if: false) ")) + "}\"}", Json, 200, "COMPLEXITY" },
        { "fields past the limit", "{\"query\":\"{ " + string.Concat(Enumerable.Range(0, 1_700).Select(i => $"a{i}: entities(first: 1) {{ nodes {{ key }} }}\\n")) + "}\"}", GraphQLResponse, 400, "COMPLEXITY" },
        { "variables past the limit", "{\"query\":\"query (" + string.Join("\\n", Enumerable.Range(0, DocumentShape.MaxVariables + 1).Select(i => $"$v{i}: Int")) + ") { __typename }\"}", GraphQLResponse, 400, "COMPLEXITY" },
        { "variables past the limit over several operations", "{\"query\":\"" + string.Concat(Enumerable.Range(0, 2).Select(o => $"query Q{o} (" + string.Join("\\n", Enumerable.Range(0, (DocumentShape.MaxVariables / 2) + 1).Select(i => $"$v{i}: Int")) + ") { __typename }\\n")) + "\",\"operationName\":\"Q0\"}", GraphQLResponse, 400, "COMPLEXITY" },
        { "a line past the limit", "{\"query\":\"{ __typename " + new string(' ', DocumentShape.MaxLineLength) + "}\"}", GraphQLResponse, 400, "COMPLEXITY" },
        { "an unknown input field in a mutation", """{"query":"mutation { recordEntities(input: { entities: [{ key: \"dataset:file:typed@1\", owner: \"me\" }] }) { entitiesCreated } }"}""", GraphQLResponse, 400, "ARGUMENTS_OF_CORRECT_TYPE" },
    };

    [Fact]
    public async Task A_document_with_thousands_of_faults_answers_the_first_hundred_and_how_many_more()
    {
        // Each unknown argument is a validation error of its own: 20,000 of them answered 3.8 MB.
        using var admin = _server.Admin();
        var arguments = string.Join("\n", Enumerable.Range(0, 10).Select(i => $"a{i}: 1"));
        var fields = string.Concat(Enumerable.Range(0, 200).Select(f => $$"""e{{f}}: entity(key: "dataset:a:b@1", {{arguments}}) { key }{{"\n"}}"""));
        var response = await admin.PostAsync($"{{ {fields}}}", accept: GraphQLResponse);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Codes.Count == Http.GraphQLHttpHandler.MaxErrors + 1, response.Body[..Math.Min(600, response.Body.Length)]);
        Assert.Equal(Http.ServerErrorCodes.ErrorsLeftOut, response.Codes[^1]);
        Assert.Contains("1900 more errors were left out", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task A_malformed_request_is_answered_with_its_code_and_changes_nothing(string what, string body, string accept, int status, string code)
    {
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostJsonAsync(body, accept));

        Assert.True(response.Codes.Count == 1 && response.Codes[0] == code, $"{what}: expected {code}, got {response}");
        Assert.True((int)response.Status == status, $"{what}: expected {status}, got {response}");
        Assert.Equal(accept, response.MediaType);
        if (status == 400)
        {
            // A request that fails before execution has no data entry at all.
            Assert.False(response.HasData, $"{what}: {response}");
        }
    }

    [Theory]
    [InlineData("alias", "'e' is selected more than 20 times")]
    [InlineData("fragments", "'e' is selected more than 20 times")]
    [InlineData("pairs", "more than 2000 times (counted as pairs of fields)")]
    [InlineData("spreads", "spreads more than 100 fragments")]
    [InlineData("merged", "merge more than 20000 fields and fragments in all")]
    [InlineData("doubling", "more than 50000 fields and fragments with each fragment written out wherever it is spread")]
    [InlineData("doubling in fields", "more than 50000 fields and fragments with each fragment written out wherever it is spread")]
    [InlineData("directives", "more than 10 directives")]
    [InlineData("fields", "more than 5000 fields and fragments")]
    [InlineData("field arguments", "'entity' is given 51 arguments; this server allows at most 50 on one field or directive.")]
    [InlineData("directive arguments", "'@skip' is given 51 arguments")]
    [InlineData("arguments", "more than 5000 arguments in all")]
    [InlineData("document directives", "more than 1000 directives in all")]
    [InlineData("object fields", "more than 5000 values in its arguments and defaults")]
    [InlineData("variable uses", "more than 5000 values in its arguments and defaults")]
    [InlineData("defaults", "more than 5000 values in its arguments and defaults")]
    public async Task A_document_shaped_to_slow_validation_is_refused_before_it_and_says_which_bound(string shape, string message)
    {
        using var reader = _server.Reader();
        var query = shape switch
        {
            "alias" => "{ " + string.Concat(Enumerable.Range(0, 21).Select(i => $"e: entity(key: \"dataset:a:b{i}\") {{ key }} ")) + "}",
            "fragments" => "{ ...F " + string.Concat(Enumerable.Range(0, 20).Select(i => $"e: entity(key: \"dataset:a:b{i}\") {{ key }} ")) + "} fragment F on Query { e: entity(key: \"dataset:a:c\") { key } }",
            "pairs" => "{ " + string.Concat(Enumerable.Range(0, 11).Select(j => $"x{j}: entities(first: 1) {{ " + string.Concat(Enumerable.Range(1, 20).Select(i => $"e: entities(first: {i}) {{ totalCount }} ")) + "} ")) + "}",
            "spreads" => "{ " + string.Concat(Enumerable.Range(0, 101).Select(_ => "... on Query { ...F } ")) + "} fragment F on Query { __typename }",
            "merged" => "{ " + string.Concat(Enumerable.Range(0, 5).Select(j => $"a{j}: entity(key: \"x:y:z\") {{ ...F }} ")) + "} fragment F on Entity {\n"
                + string.Concat(Enumerable.Range(0, 4_990).Select(i => $"f{i}: __typename\n")) + "}",
            // Each fragment spreads the one before it twice: under 2 KB that GraphQL.NET walked 2^40 times, for hours.
            "doubling" => "{ ...F39 }\nfragment F0 on Query { __typename }\n"
                + Lines(39, i => $"fragment F{i + 1} on Query {{ ...F{i} ...F{i} }}"),
            "doubling in fields" => "{ ...F39 }\nfragment F0 on Query { __typename }\n"
                + Lines(39, i => $"fragment F{i + 1} on Query {{ a: entities(first: 1) {{ totalCount }} ... on Query {{ ...F{i} }} b: __typename ...F{i} }}"),
            "directives" => "{ __typename " + string.Concat(Enumerable.Range(0, 11).Select(_ => "@skip(if: false) ")) + "}",
            "field arguments" => "{ entity(key: \"x:y:z\"\n" + Lines(DocumentShape.MaxFieldArguments, i => $"a{i}: 1") + ") { key } }",
            "directive arguments" => "{ __typename @skip(if: false\n" + Lines(DocumentShape.MaxFieldArguments, i => $"a{i}: 1") + ") }",
            "arguments" => "{\n" + Lines((DocumentShape.MaxArguments / DocumentShape.MaxFieldArguments) + 1, f => $"e{f}: entity(" + Lines(DocumentShape.MaxFieldArguments, i => $"a{i}: 1") + ") { key }") + "}",
            "document directives" => "{\n" + Lines(DocumentShape.MaxDocumentDirectives + 1, i => $"a{i}: __typename @skip(if: false)") + "}",
            "object fields" => "{ entity(key: \"x:y:z\", a: {\n" + Lines(DocumentShape.MaxValues + 1, _ => "b: 1") + "}) { key } }",
            "variable uses" => "query($v: Int) { entity(key: \"x:y:z\", a: [\n" + Lines(DocumentShape.MaxValues + 1, _ => "$v") + "]) { key } }",
            "defaults" => "query($v: JSON = [\n" + Lines(DocumentShape.MaxValues + 1, _ => "1") + "]) { __typename }",
            _ => "{\n" + string.Concat(Enumerable.Range(0, 5_001).Select(i => $"a{i}: __typename\n")) + "}",
        };

        var response = await reader.PostAsync(query, accept: GraphQLResponse);

        var error = response.Error("COMPLEXITY", HttpStatusCode.BadRequest);
        Assert.Contains(message, error.Str("message"), StringComparison.Ordinal);

        static string Lines(int count, Func<int, string> line) => string.Concat(Enumerable.Range(0, count).Select(i => line(i) + "\n"));
    }

    [Fact]
    public async Task A_syntax_error_far_along_a_long_line_is_refused_before_the_parser_reports_it()
    {
        // The parser's report took 17.5 s at column 160,000; the line is refused before it is parsed.
        using var reader = _server.Reader();
        var farError = "{ __typename " + new string(' ', 160_000) + " ( }";
        var response = await reader.PostAsync(farError, accept: GraphQLResponse);
        Assert.Equal(
            "Line 1 of the document is longer than 16384 characters; break it into lines (a line break may stand wherever a space may), and give long values as variables.",
            response.Error("COMPLEXITY", HttpStatusCode.BadRequest).Str("message"));

        // Lines are counted across \n, \r\n and \r; the longest allowed runs.
        var third = await reader.PostAsync("{\r\n__typename\rt: __typename\n" + new string(' ', DocumentShape.MaxLineLength + 1) + "}", accept: GraphQLResponse);
        Assert.StartsWith("Line 4 of the document", third.Error("COMPLEXITY", HttpStatusCode.BadRequest).Str("message"), StringComparison.Ordinal);
        // A syntax error after lone carriage returns is a parse failure (the parser's report failed with an IndexOutOfRangeException: a 500).
        var loneReturns = await reader.PostAsync("{\r__typename\r(", accept: GraphQLResponse);
        Assert.StartsWith("Syntax Error", loneReturns.Error("GRAPHQL_PARSE_FAILED", HttpStatusCode.BadRequest).Str("message"), StringComparison.Ordinal);

        var atBound = "{ __typename " + new string(' ', DocumentShape.MaxLineLength - "{ __typename }".Length) + "}";
        Assert.Equal(DocumentShape.MaxLineLength, atBound.Length);
        Assert.Equal("Query", (await reader.QueryAsync(atBound)).Str("__typename"));
    }

    [Fact]
    public async Task A_document_within_the_shape_bounds_runs()
    {
        using var reader = _server.Reader();

        // Twenty selections of one response name (fragments included), a hundred spreads, and directives.
        var data = await reader.QueryAsync(
            "{ ...F " + string.Concat(Enumerable.Range(0, 19).Select(_ => "__typename ")) + string.Concat(Enumerable.Range(0, 99).Select(_ => "...F "))
            + "t: __typename @skip(if: false) @include(if: true) } fragment F on Query { __typename }");

        Assert.Equal("Query", data.Str("__typename"));
        Assert.Equal("Query", data.Str("t"));

        // Fragments that each spread the one before twice, fourteen levels: 49,151 selections written out.
        var doubling = await reader.QueryAsync("{ ...F14 }\nfragment F0 on Query { __typename }\n"
            + string.Concat(Enumerable.Range(0, 14).Select(i => $"fragment F{i + 1} on Query {{ ...F{i} ...F{i} }}\n")));
        Assert.Equal("Query", doubling.Str("__typename"));
    }

    [Fact]
    public async Task A_document_at_the_value_and_directive_bounds_is_validated_and_runs()
    {
        // 4,999 list items in one argument and one in a fragment spread 50 times: 5,000 values, each counted
        // once where it is written (counted at each spread, they would be 5,049). 500 fields carry two
        // directives each: 1,000 in all.
        using var reader = _server.Reader();
        var kinds = string.Concat(Enumerable.Range(0, DocumentShape.MaxValues - 1).Select(_ => "DATASET\n"));
        var directed = string.Concat(Enumerable.Range(0, DocumentShape.MaxDocumentDirectives / 2).Select(i => $"c{i}: __typename @include(if: true) @skip(if: false)\n"));
        var query = $"{{\na: lineage(key: \"dataset:s3://acme-lake/raw:click_events@2026-06-02\", kinds: [\n{kinds}]) {{ truncated }}\n"
            + string.Concat(Enumerable.Range(0, 50).Select(_ => "...F\n")) + directed
            + "}\nfragment F on Query { b: lineage(key: \"dataset:s3://acme-lake/raw:click_events@2026-06-02\", kinds: [MODEL]) { truncated } }";

        var response = await reader.PostAsync(query, accept: GraphQLResponse);

        Assert.DoesNotContain("COMPLEXITY", response.Codes);
        Assert.True(response.HasData, response.ToString()[..Math.Min(600, response.ToString().Length)]);
        Assert.Equal("Query", response.Json.GetProperty("data").GetProperty("c0").GetString());
    }

    [Fact]
    public async Task A_document_nested_past_the_parsers_depth_is_a_parse_failure_not_a_crash()
    {
        using var admin = _server.Admin();
        var deepValue = "{ entity(key: " + new string('[', 5_000) + "\"x\"" + new string(']', 5_000) + ") { key } }";
        var deepSelection = "{" + string.Concat(Enumerable.Repeat("\nentity(key: \"x:y:z\") {", 2_000)) + " key" + string.Concat(Enumerable.Repeat("\n}", 2_000)) + " }";

        foreach (var query in new[] { deepValue, deepSelection })
        {
            GraphQLResponse response;
            try
            {
                response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(query, accept: GraphQLResponse));
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                // The test server hands the exception of a crashed request to the client.
                Assert.Fail($"The server crashed instead of answering GRAPHQL_PARSE_FAILED: {ex.GetType().Name}: {ex.Message[..Math.Min(200, ex.Message.Length)]}");
                throw;
            }

            response.Error("GRAPHQL_PARSE_FAILED", HttpStatusCode.BadRequest);
        }
    }

    [Theory]
    [InlineData("spaceship:x:y", "does not start with a kind")]
    [InlineData("", "does not start with a kind")]
    [InlineData("dataset", "does not start with a kind")]
    [InlineData("dataset:no-name-separator", "no ':'")]
    [InlineData("run:airflow://acme:etl@not-a-uuid", "UUID")]
    [InlineData("run:airflow://acme:etl", "needs a version")]
    [InlineData("job:airflow://acme:etl@1", "has no version")]
    [InlineData("dataset:file:name@", "cannot be empty")]
    [InlineData("dataset::name@1", "needs a namespace")]
    [InlineData("dataset:file:bad%zz@1", "two hex digits")]
    [InlineData("dataset:file:bad%ff%fe@1", "not UTF-8")]
    [InlineData("dataset:file:tab\there@1", "control character")]
    [InlineData("dataset:file:nul\0here@1", "control character")]
    public async Task A_hostile_key_is_invalid_key_in_a_query_naming_the_argument(string key, string reason)
    {
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(
            "{ entity(key: " + GraphQLString(key) + ") { key } }"));

        var error = response.Error("INVALID_KEY", HttpStatusCode.OK);
        Assert.Equal("key", error.Str("extensions.item"));
        Assert.Contains(reason, error.Str("message"), StringComparison.Ordinal);
        Assert.True(response.Json.IsNull("data.entity"));
    }

    [Fact]
    public async Task An_unpaired_surrogate_is_refused_in_a_literal_and_in_variables()
    {
        using var admin = _server.Admin();
        var key = "dataset:file:lone" + '\ud800' + "surrogate@1";
        var literal = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(
            "mutation { recordEntities(input: { entities: [{ key: " + GraphQLString(key) + " }] }) { errors { code item message } } }"));
        Assert.Equal(("INVALID_KEY", "entities[0].key"), PayloadError(literal, "recordEntities"));

        // System.Text.Json refuses the escape before GraphQL sees it.
        var variables = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostJsonAsync(
            """{"query":"mutation($k: String) { recordEntities(input: { entities: [{ key: $k }] }) { errors { code } } }","variables":{"k":"dataset:file:lone\ud800surrogate@1"}}""",
            GraphQLResponse));
        variables.Error("INVALID_REQUEST", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_error_quotes_a_part_of_a_huge_input_not_all_of_it()
    {
        // A 1 MB run id or enum value was quoted whole: a 4 MB value gave a 4 MB answer.
        using var admin = _server.Admin();
        var huge = new string('z', 1_000_000);
        var run = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostJsonAsync(System.Text.Json.JsonSerializer.Serialize(new
        {
            query = "mutation($i: RecordRunInput!) { recordRun(input: $i) { errors { code item message } } }",
            variables = new { i = new { jobNamespace = "a", jobName = "b", runId = huge } },
        }), GraphQLResponse));
        var relation = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostJsonAsync(System.Text.Json.JsonSerializer.Serialize(new
        {
            query = "mutation($i: LinkInput!) { link(input: $i) { errors { code } } }",
            variables = new { i = new { edges = new[] { new { from = "dataset:a:b@1", to = "dataset:a:c@1", relation = huge } } } },
        }), GraphQLResponse));

        Assert.Equal(("INVALID_KEY", "runId"), PayloadError(run, "recordRun"));
        Assert.InRange(run.Body.Length, 1, 2_000);
        Assert.NotEmpty(relation.Json.GetProperty("errors").Items());
        Assert.InRange(relation.Body.Length, 1, 10_000);
    }

    [Fact]
    public async Task A_variable_inside_a_json_literal_is_refused_without_naming_a_parser_type()
    {
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostJsonAsync(
            """{"query":"mutation($v: Int) { recordEntities(input: { entities: [{ key: \"dataset:a:b@1\", properties: { x: $v } }] }) { errors { code } } }","variables":{"v":1}}""",
            GraphQLResponse));

        var message = response.Json.GetProperty("errors").Items()[0].Str("message");
        Assert.Contains("A JSON literal cannot hold a variable ($v)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("GraphQLParser", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("RED")]
    [InlineData("[1, Infinity]")]
    public async Task A_bare_name_inside_a_json_literal_is_refused_not_stored_as_text(string value)
    {
        // { a: NaN } was stored as {"a":"NaN"}, where the same value as a variable is refused as not JSON.
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(
            $"mutation {{ recordEntities(input: {{ entities: [{{ key: \"dataset:a:b@1\", properties: {{ x: {value} }} }}] }}) {{ errors {{ code }} }} }}",
            accept: GraphQLResponse));

        var message = response.Json.GetProperty("errors").Items()[0].Str("message");
        Assert.Contains("A JSON literal cannot hold the bare name", message, StringComparison.Ordinal);
        Assert.Equal(["INVALID_LITERAL"], response.Codes);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_query_is_invalid_request_not_a_crash()
    {
        using var admin = _server.Admin();
        byte[] body = [.. "{\"query\":\"{ entity(key: \\\"dataset:ns:"u8, 0xFF, .. "@1\\\") { key } }\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await admin.SendAsync(HttpMethod.Post, "/graphql", content, GraphQLResponse);

        response.Error("INVALID_REQUEST", HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"k":"a","k":"b"}""", "'variables' is not valid JSON: Duplicate property 'k'")]
    [InlineData("""{"k":"dataset:a:\ud800"}""", "'variables.k' is not well-formed Unicode text")]
    [InlineData("""{"k":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}""", "'variables' is not valid JSON: The maximum configured depth of 64 has been exceeded")]
    [InlineData("[1]", "'variables' must be a JSON object.")]
    public async Task Variables_a_get_cannot_read_are_invalid_request_saying_why_as_in_a_post(string variables, string message)
    {
        // GraphQL.NET's reader found these first, and answered .NET's own words ("An item with the same key has
        // already been added", "could not be converted to GraphQL.Inputs"), or "must be a JSON object" for an object.
        using var reader = _server.Admin();
        var response = await reader.SendAsync(HttpMethod.Get,
            "/graphql?query=" + Uri.EscapeDataString("query($k: String!) { entity(key: $k) { key } }") + "&variables=" + Uri.EscapeDataString(variables), null, GraphQLResponse);

        Assert.StartsWith(message, response.Error("INVALID_REQUEST", HttpStatusCode.BadRequest).Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_introspections_and_a_thousand_typenames_in_one_document_are_allowed()
    {
        using var admin = _server.Admin();
        var response = await admin.PostAsync("{ " + string.Concat(Enumerable.Range(0, 20).Select(i => $"a{i}: __schema {{ queryType {{ name }} }} ")) + "}");

        Assert.Equal("Query", response.Data().Str("a19.queryType.name"));

        var typenames = await admin.PostAsync("{\n" + string.Concat(Enumerable.Range(0, 1_000).Select(i => $"t{i}: __typename\n")) + "}");
        Assert.Equal("Query", typenames.Data().Str("t999"));
    }

    [Fact]
    public async Task Unpaired_surrogates_and_infinite_numbers_in_mutation_text_are_invalid_input_and_store_nothing()
    {
        using var admin = _server.Admin();
        foreach (var (entity, what) in new[]
        {
            ("description: " + GraphQLString("x\ud800y"), "description"),
            ("tags: [" + GraphQLString("t\udc00") + "]", "tags"),
            ("properties: { k: " + GraphQLString("v\ud800") + " }", "a property value"),
            ("model: { framework: " + GraphQLString("f\ud800") + " }", "a typed field"),
            ("model: { metrics: { auc: 1e400 } }", "an infinite metric"),
            ("properties: { k: " + new string('[', 33) + "1" + new string(']', 33) + " }", "a list nested past the property depth"),
            ("properties: { k: " + new string('[', 70) + "1" + new string(']', 70) + " }", "a list nested past the serializer's depth"),
        })
        {
            var key = entity.StartsWith("model", StringComparison.Ordinal) ? "model:mlflow://registry:text@1" : "dataset:file:text@1";
            var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(
                $$"""mutation { recordEntities(input: { entities: [{ key: "{{key}}", {{entity}} }] }) { errors { code item message } } }"""));

            var (code, item) = PayloadError(response, "recordEntities");
            Assert.True(code == "INVALID_INPUT" && item!.StartsWith("entities[0]", StringComparison.Ordinal), $"{what}: {response.Body}");
        }
    }

    [Fact]
    public async Task An_overlong_key_is_invalid_key()
    {
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(
            "query($k: String!) { entity(key: $k) { key } }", new { k = "dataset:file:" + new string('x', 5_000) + "@1" }));
        Assert.Contains("at most", response.Error("INVALID_KEY").Str("message"), StringComparison.Ordinal);

        var part = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync(
            "mutation($k: String) { recordEntities(input: { entities: [{ key: $k }] }) { errors { code item } } }",
            new { k = "dataset:file:" + new string('x', 1_025) + "@1" }));
        Assert.Equal(("INVALID_KEY", "entities[0].key"), PayloadError(part, "recordEntities"));
    }

    [Fact]
    public async Task Keys_with_quotes_semicolons_emoji_and_escaped_separators_round_trip()
    {
        using var writer = _server.Writer();
        var key = "dataset:x'; DROP TABLE entities; --:Robert') \U0001F600 name%3Awith%40at@v%401 \"quoted\"";
        var written = (await writer.QueryAsync(
            "mutation($k: String) { recordEntities(input: { entities: [{ key: $k }] }) { errors { code } entities { key namespace name version } } }",
            new { k = key })).At("recordEntities");
        Assert.Empty(written.At("errors").Items());
        Assert.Equal(key, written.Str("entities.0.key"));
        Assert.Equal("x'; DROP TABLE entities; --", written.Str("entities.0.namespace"));
        Assert.Equal("Robert') \U0001F600 name:with@at", written.Str("entities.0.name"));
        Assert.Equal("v@1 \"quoted\"", written.Str("entities.0.version"));

        var read = await writer.QueryAsync("query($k: String!) { entity(key: $k) { key } }", new { k = key });
        Assert.Equal(key, read.Str("entity.key"));

        // A key parses with any percent-encoding and answers in its canonical form.
        var loose = await writer.QueryAsync("query($k: String!) { entity(key: $k) { key } }", new { k = key.Replace("%3A", "%3a", StringComparison.Ordinal) });
        Assert.Equal(key, loose.Str("entity.key"));
    }

    [Fact]
    public async Task Extensions_that_are_not_a_map_are_invalid_request()
    {
        // GraphQL over HTTP has extensions a map; one of another type was taken without a word.
        using var reader = _server.Reader();
        var text = await reader.PostJsonAsync("""{"query": "{ __typename }", "extensions": "x"}""");
        Assert.Equal("'extensions' must be a JSON object or null.", text.Error("INVALID_REQUEST", HttpStatusCode.BadRequest).Str("message"));

        var map = await reader.PostJsonAsync("""{"query": "{ __typename }", "extensions": {"persistedQuery": null}}""");
        Assert.Equal("Query", map.Data().Str("__typename"));
        var none = await reader.PostJsonAsync("""{"query": "{ __typename }", "extensions": null}""");
        Assert.Equal("Query", none.Data().Str("__typename"));
    }

    [Theory]
    [InlineData("""{ node(id: "not-an-id") { id } }""", "INVALID_INPUT")]
    [InlineData("""{ node(id: "ZGF0YXNldA") { id } }""", "INVALID_INPUT")]
    [InlineData("""{ node(id: "RGF0YXNldApkYXRhc2V0OnMzOi8vbGFrZTph_0Ax") { id } }""", "INVALID_INPUT")]
    [InlineData("""{ nodes(ids: ["TW9kZWwKbW9kZWw6bWxmbG93Oi8vcmVnaXN0cnk6Y2h1cm5AMQ", "%%%"]) { id } }""", "INVALID_INPUT")]
    [InlineData("""{ entities(after: "not-a-cursor") { totalCount } }""", "INVALID_CURSOR")]
    [InlineData("""{ lineage(key: "dataset:nowhere:nothing@1") { truncated } }""", "NOT_FOUND")]
    [InlineData("""{ impact(key: "dataset:nowhere:nothing@1") { truncated } }""", "NOT_FOUND")]
    [InlineData("""{ provenance(key: "model:nowhere:nothing@1") { reproducible } }""", "NOT_FOUND")]
    [InlineData("""{ paths(from: "model:mlflow://registry:churn@1", to: "dataset:nowhere:nothing@1") { truncated } }""", "NOT_FOUND")]
    [InlineData("""{ diff(a: "model:mlflow://registry:churn@1", b: "model:nowhere:nothing@1") { truncated } }""", "NOT_FOUND")]
    [InlineData("""{ lineage(key: "model:mlflow://registry:churn@1", relations: []) { truncated } }""", "INVALID_INPUT")]
    [InlineData("""{ lineage(key: "model:mlflow://registry:churn@1", kinds: []) { truncated } }""", "INVALID_INPUT")]
    [InlineData("""{ diff(a: "bad", b: "model:mlflow://registry:churn@1") { truncated } }""", "INVALID_KEY")]
    public async Task A_query_argument_the_server_refuses_is_a_top_level_error_with_its_code(string query, string code)
    {
        using var reader = _server.Reader();
        var response = await reader.PostAsync(query);
        response.Error(code, HttpStatusCode.OK);
        Assert.True(response.HasData, response.ToString());
    }

    [Fact]
    public async Task A_bad_item_rejects_the_whole_batch_and_names_the_item()
    {
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync("""
            mutation { recordEntities(input: { entities: [{ key: "dataset:file:batch-good@1" }, { key: "spaceship:x:y" }] }) {
              entitiesCreated errors { code message item } entities { key } } }
            """));
        var payload = response.Data().At("recordEntities");
        Assert.Equal(("INVALID_KEY", "entities[1].key"), PayloadError(response, "recordEntities"));
        Assert.Contains("spaceship:x:y", payload.Str("errors.0.message"), StringComparison.Ordinal);
        Assert.True(payload.IsNull("entities"));
        Assert.True(payload.IsNull("entitiesCreated"));
    }

    public static TheoryData<string, string, string, string?> RejectedMutations => new()
    {
        { "recordEntities", """recordEntities(input: { entities: [{ key: "dataset:file:ok@1" }], edges: [{ from: "dataset:file:ok@1", to: "model:mlflow://registry:churn@1", relation: PRODUCED }] })""", "INVALID_RELATION", "edges[0]" },
        { "recordEntities", """recordEntities(input: { entities: [{ key: "dataset:file:ok@1", model: { framework: "x" } }] })""", "INVALID_INPUT", "entities[0]" },
        { "recordEntities", """recordEntities(input: { entities: [{ key: "dataset:file:ok@1", dataset: { rowCount: 1 }, feature: { dataType: "x" } }] })""", "INVALID_INPUT", "entities[0]" },
        { "recordEntities", """recordEntities(input: { entities: [{ key: "dataset:file:ok@1" }, { description: "no key" }] })""", "INVALID_INPUT", "entities[1].key" },
        { "recordEntities", """recordEntities(input: { entities: [{ key: "dataset:file:ok@1", properties: [1, 2] }] })""", "INVALID_INPUT", "entities[0].properties" },
        { "recordEntities", """recordEntities(input: { entities: [{ key: "dataset:file:ok@1", properties: "text" }] })""", "INVALID_INPUT", "entities[0].properties" },
        { "recordEntities", """recordEntities(input: { entities: [{ hyperparameters: 5 }] })""", "INVALID_INPUT", "entities[0].hyperparameters" },
        { "recordEntities", """recordEntities(input: { entities: [{ key: "dataset:file:ok@1" }], edges: [{ from: "dataset:file:ok@1", to: "dataset:nowhere:nothing@1", relation: DERIVES }] })""", "NOT_FOUND", "edges[0].to" },
        { "recordEntities", """recordEntities(input: { entities: [{ key: "dataset:file:ok@1" }], edges: [{ from: "dataset:file:ok@1", to: "bad key", relation: DERIVES }] })""", "INVALID_KEY", "edges[0].to" },
        { "link", """link(input: { edges: [{ from: "dataset:nowhere:nothing@1", to: "model:mlflow://registry:churn@1", relation: DERIVES }] })""", "NOT_FOUND", "edges[0].from" },
        { "link", """link(input: { edges: [{ from: "model:mlflow://registry:churn@1", to: "model:mlflow://registry:churn@2", relation: DERIVES }, { from: "model:mlflow://registry:churn@1", to: "model:mlflow://registry:churn@1", relation: INPUT_TO }] })""", "INVALID_RELATION", "edges[1]" },
        { "link", """link(input: { edges: [{ from: "model:mlflow://registry:churn@2", to: "deployment:prod:churn-api@42", relation: INSTANCE_OF }] })""", "INVALID_RELATION", "edges[0]" },
        { "retire", """retire(input: { keys: ["model:mlflow://registry:churn@1", "dataset:nowhere:nothing@1"] })""", "NOT_FOUND", "keys[1]" },
        { "retire", """retire(input: { keys: ["model:mlflow://registry:churn@1", "not a key"] })""", "INVALID_KEY", "keys[1]" },
        { "retire", """retire(input: { edges: [{ from: "model:mlflow://registry:churn@1", to: "deployment:prod:churn-api@42", relation: DEPLOYED_AS }] })""", "NOT_FOUND", "edges[0]" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "not-a-uuid" })""", "INVALID_KEY", "runId" },
        { "recordRun", """recordRun(input: { jobNamespace: "", jobName: "b", runId: "11111111-1111-4111-8111-111111111112" })""", "INVALID_KEY", "jobNamespace" },
        { "recordRun", """recordRun(input: { jobNamespace: "  ", jobName: "b", runId: "11111111-1111-4111-8111-111111111112" })""", "INVALID_KEY", "jobNamespace" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "\u3000", runId: "11111111-1111-4111-8111-111111111112" })""", "INVALID_KEY", "jobName" },
        { "recordEntities", """recordEntities(input: { entities: [{ key: "dataset:file:ok@1" }, { key: "job:   :  " }] })""", "INVALID_KEY", "entities[1]" },
        { "retire", """retire(input: { keys: ["model:mlflow://registry:churn@1"], edges: [{ from: "dataset:s3://acme-lake/raw:click_events@2026-06-01", to: "dataset:s3://acme-lake/raw:click_events@2026-06-02", relation: DEPLOYED_AS }] })""", "INVALID_RELATION", "edges[0]" },
        { "purge", """purge(input: { keys: ["model:mlflow://registry:churn@1"], edges: [{ from: "dataset:s3://acme-lake/raw:click_events@2026-06-01", to: "dataset:s3://acme-lake/raw:click_events@2026-06-02", relation: DEPLOYED_AS }] })""", "INVALID_RELATION", "edges[0]" },
        { "retire", """retire(input: { edges: [{ from: "dataset:s3://acme-lake/raw:click_events@2026-06-01", to: "dataset:s3://acme-lake/raw:click_events@2026-06-02", relation: DEPLOYED_AS }, { from: "not a key", to: "dataset:x:y@1", relation: DERIVES }] })""", "INVALID_RELATION", "edges[0]" },
        { "purge", """purge(input: { edges: [{ from: "dataset:s3://acme-lake/raw:click_events@2026-06-01", to: "dataset:s3://acme-lake/raw:click_events@2026-06-02", relation: DEPLOYED_AS }, { from: "not a key", to: "dataset:x:y@1", relation: DERIVES }] })""", "INVALID_RELATION", "edges[0]" },

        // The job's key fits the 4,096 bytes of a key; with the run id, the run's does not. It was answered with no item.
        { "recordRun", $$"""recordRun(input: { jobNamespace: "{{new string('é', 1024)}}", jobName: "{{new string('é', 1020)}}", runId: "11111111-1111-4111-8111-111111111112" })""", "INVALID_KEY", "runId" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "11111111-1111-4111-8111-111111111112", hyperparameters: 5 })""", "INVALID_INPUT", "hyperparameters" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "11111111-1111-4111-8111-111111111112", outputs: ["spaceship:x:y"] })""", "INVALID_KEY", "outputs[0]" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "11111111-1111-4111-8111-111111111112", parentRun: "dataset:file:x@1" })""", "INVALID_RELATION", "parentRun" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "11111111-1111-4111-8111-111111111112", inputs: [{ key: "deployment:prod:churn-api@42" }] })""", "INVALID_RELATION", "inputs[0].key" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "11111111-1111-4111-8111-111111111112", codeVersionFields: { branch: "main" } })""", "INVALID_INPUT", "codeVersionFields" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "11111111-1111-4111-8111-111111111112", description: "x\ud800" })""", "INVALID_INPUT", "description" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "11111111-1111-4111-8111-111111111112", properties: { observedAt: "not a time" } })""", "INVALID_INPUT", "properties" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "11111111-1111-4111-8111-111111111112", properties: { propertyObservedAt: {} } })""", "INVALID_INPUT", "properties" },

        // A metric that is no number is named down to the metric, as one out of range was; it was named as the fields.
        { "recordEntities", """recordEntities(input: { entities: [{ key: "model:mx:m@1", model: { metrics: { auc: "high" } } }] })""", "INVALID_INPUT", "entities[0].model.metrics.auc" },
        { "recordRun", """recordRun(input: { jobNamespace: "a", jobName: "b", runId: "11111111-1111-4111-8111-111111111112", run: { metrics: { auc: null } } })""", "INVALID_INPUT", "run.metrics.auc" },
    };

    [Theory]
    [MemberData(nameof(RejectedMutations))]
    public async Task A_rejected_mutation_answers_its_code_and_item_and_stores_nothing(string field, string call, string code, string? item)
    {
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync($"mutation {{ {call} {{ errors {{ code message item }} }} }}"));

        Assert.Equal((code, item), PayloadError(response, field));
    }

    [Fact]
    public async Task A_rejected_mutation_payload_answers_no_counts_and_no_entities()
    {
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => admin.PostAsync("""
            mutation {
              run: recordRun(input: { jobNamespace: "a", jobName: "b", runId: "nope" }) { entitiesCreated edgesCreated run { key } job { key } errors { code } }
              retire: retire(input: { keys: ["dataset:nowhere:nothing@1"] }) { entitiesRetired edgesRetired errors { code } }
              link: link(input: { edges: [{ from: "dataset:nowhere:a@1", to: "dataset:nowhere:b@1", relation: DERIVES }] }) { edgesCreated edgesUnchanged errors { code } }
            }
            """));
        var data = response.Data();
        Assert.True(data.IsNull("run.entitiesCreated") && data.IsNull("run.edgesCreated") && data.IsNull("run.run") && data.IsNull("run.job"));
        Assert.True(data.IsNull("retire.entitiesRetired") && data.IsNull("retire.edgesRetired"));
        Assert.True(data.IsNull("link.edgesCreated") && data.IsNull("link.edgesUnchanged"));
        Assert.Equal(["INVALID_KEY"], data.At("run.errors").Strings("code"));
        Assert.Equal(["NOT_FOUND"], data.At("retire.errors").Strings("code"));
        Assert.Equal(["NOT_FOUND"], data.At("link.errors").Strings("code"));
    }

    private static (string? Code, string? Item) PayloadError(GraphQLResponse response, string field)
    {
        var errors = response.Data().At(field).At("errors").Items();
        Assert.True(errors.Count == 1, $"Expected one payload error, got: {response.Body}");
        return (errors[0].Str("code"), errors[0].Str("item"));
    }

    /// <summary>A GraphQL string literal, every character outside printable ASCII escaped as \uXXXX.</summary>
    private static string GraphQLString(string value) =>
        "\"" + string.Concat(value.Select(c => c is < ' ' or > '~' or '"' or '\\' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}
