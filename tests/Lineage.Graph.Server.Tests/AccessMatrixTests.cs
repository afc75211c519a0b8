using System.Net;

namespace Lineage.Graph.Server.Tests;

/// <summary>Each caller against each operation: anonymous, a wrong key, reader, writer and admin × query, mutation, retire and purge.</summary>
public sealed class AccessMatrixTests(EmptyServer server) : IClassFixture<EmptyServer>
{
    private readonly EmptyServer _server = server;

    public static TheoryData<string, string, int, string?> Matrix => new()
    {
        { "anonymous", "query", 401, "UNAUTHENTICATED" },
        { "anonymous", "mutation", 401, "UNAUTHENTICATED" },
        { "anonymous", "retire", 401, "UNAUTHENTICATED" },
        { "anonymous", "purge", 401, "UNAUTHENTICATED" },
        { "wrong key", "query", 401, "UNAUTHENTICATED" },
        { "wrong key", "mutation", 401, "UNAUTHENTICATED" },
        { "wrong key", "retire", 401, "UNAUTHENTICATED" },
        { "wrong key", "purge", 401, "UNAUTHENTICATED" },
        { "reader", "query", 200, null },
        { "reader", "mutation", 403, "FORBIDDEN" },
        { "reader", "retire", 403, "FORBIDDEN" },
        { "reader", "purge", 403, "FORBIDDEN" },
        { "writer", "query", 200, null },
        { "writer", "mutation", 200, null },
        { "writer", "retire", 403, "FORBIDDEN" },
        { "writer", "purge", 403, "FORBIDDEN" },
        { "admin", "query", 200, null },
        { "admin", "mutation", 200, null },
        { "admin", "retire", 200, null },
        { "admin", "purge", 200, null },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_may_run_what_its_role_allows_and_nothing_else(string caller, string operation, int status, string? code)
    {
        using var admin = _server.Admin();
        var key = $"dataset:file:matrix-{caller.Replace(' ', '-')}-{operation}@1";
        var document = operation switch
        {
            "query" => $$"""{ entities(first: 1) { totalCount } }""",
            "mutation" => $$"""mutation { recordEntities(input: { entities: [{ key: "{{key}}" }] }) { entitiesCreated errors { code } } }""",
            "retire" => $$"""mutation { retire(input: { keys: ["{{key}}"] }) { entitiesRetired errors { code } } }""",
            _ => $$"""mutation { purge(input: { keys: ["{{key}}"] }) { entitiesPurged errors { code } } }""",
        };
        if (operation is "retire" or "purge")
        {
            await admin.QueryAsync($$"""mutation { recordEntities(input: { entities: [{ key: "{{key}}" }] }) { entitiesCreated } }""");
        }

        using var client = Client(caller);
        var response = await client.PostAsync(document);

        Assert.True((int)response.Status == status, $"{caller} {operation}: expected {status}, got {response}");
        if (code is null)
        {
            var data = response.Data();
            if (operation != "query")
            {
                Assert.Empty(data.At(operation is "retire" or "purge" ? $"{operation}.errors" : "recordEntities.errors").Items());
            }
        }
        else
        {
            response.Error(code);
            Assert.False(response.HasData, response.ToString());
        }

        if (status == 401)
        {
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        // What the caller was refused did not happen; what it was allowed did.
        var stored = await admin.QueryAsync("query($k: String!) { entity(key: $k) { key } }", new { k = key });
        var exists = stored.At("entity").ValueKind != System.Text.Json.JsonValueKind.Null;
        switch (operation)
        {
            case "mutation":
                Assert.Equal(code is null, exists);
                break;
            case "retire" or "purge":
                Assert.Equal(code is not null, exists);
                break;
        }
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("writer")]
    public async Task A_retire_hidden_behind_an_alias_a_fragment_or_a_batch_still_needs_admin(string caller)
    {
        using var admin = _server.Admin();
        var key = $"dataset:file:hidden-retire-{caller}@1";
        await admin.QueryAsync($$"""mutation { recordEntities(input: { entities: [{ key: "{{key}}" }] }) { entitiesCreated } }""");
        using var client = Client(caller);

        string[] documents =
        [
            $$"""mutation { tidy: retire(input: { keys: ["{{key}}"] }) { entitiesRetired } }""",
            $$"""mutation { ...Tidy } fragment Tidy on Mutation { retire(input: { keys: ["{{key}}"] }) { entitiesRetired } }""",
            $$"""mutation { ... on Mutation { ... { retire(input: { keys: ["{{key}}"] }) { entitiesRetired } } } }""",
            $$"""mutation A { recordEntities(input: { entities: [] }) { entitiesCreated } } mutation B { retire(input: { keys: ["{{key}}"] }) { entitiesRetired } }""",
        ];
        foreach (var document in documents)
        {
            var response = await GraphSnapshot.UnchangedAsync(admin, () => client.PostAsync(document, operationName: document.Contains("mutation B", StringComparison.Ordinal) ? "B" : null));
            response.Error("FORBIDDEN", HttpStatusCode.Forbidden);
        }

        var batch = await GraphSnapshot.UnchangedAsync(admin, () => client.PostJsonAsync(
            "[" + GraphQLClient.Body("{ __typename }") + "," + GraphQLClient.Body(documents[0]) + "]"));
        Assert.Equal(HttpStatusCode.OK, batch.Status);
        Assert.Equal("Query", batch.Json.Str("0.data.__typename"));
        Assert.Equal("FORBIDDEN", batch.Json.Str("1.errors.0.extensions.code"));
    }

    [Fact]
    public async Task A_reader_may_name_the_query_of_a_document_that_also_holds_a_mutation()
    {
        using var reader = _server.Reader();
        var response = await reader.PostAsync(
            """query Q { __typename } mutation M { recordEntities(input: { entities: [{ key: "dataset:file:never@1" }] }) { entitiesCreated } }""",
            operationName: "Q");
        Assert.Equal("Query", response.Data().Str("__typename"));

        var mutation = await reader.PostAsync(
            """query Q { __typename } mutation M { recordEntities(input: { entities: [{ key: "dataset:file:never@1" }] }) { entitiesCreated } }""",
            operationName: "M");
        mutation.Error("FORBIDDEN", HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("Authorization", "Bearer not-a-key-anyone-configured")]
    [InlineData("Authorization", "Basic cmVhZGVyOnNlY3JldA==")]
    [InlineData("Authorization", "Bearerreader-key-0123456789abcdef")]
    [InlineData("Authorization", "Bearer")]
    [InlineData("X-Api-Key", "reader-key-0123456789abcdeF")]
    [InlineData("X-Api-Key", " reader-key-0123456789abcdef")]
    public async Task A_key_the_server_does_not_know_is_401_with_WWW_Authenticate_even_for_a_query(string header, string value)
    {
        using var client = _server.Client();
        client.Http.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        var response = await client.PostAsync("{ __typename }");
        response.Error("UNAUTHENTICATED", HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        if (value.Length > 16)
        {
            Assert.DoesNotContain(value.Trim(), response.Body, StringComparison.Ordinal);
        }

        // Credentials of another scheme are told apart from a wrong key: a proxy, not the key, is to fix.
        Assert.StartsWith(
            header == "Authorization" && value != "Bearer" && !value.StartsWith("Bearer ", StringComparison.Ordinal)
                ? "The Authorization header holds credentials of a scheme this server cannot check"
                : "The API key is not valid.",
            response.Json.GetProperty("errors")[0].Str("message"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_X_Api_Key_is_not_rescued_by_a_good_bearer_token()
    {
        using var client = _server.Client(LineageServerFactory.AdminKey);
        client.Http.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key-anyone-configured");
        var response = await client.PostAsync("{ __typename }");
        response.Error("UNAUTHENTICATED", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task X_Api_Key_decides_beside_a_gateways_bearer_token_and_two_different_ones_are_refused()
    {
        // A gateway's own token in Authorization does not stand in the way of the key in X-Api-Key.
        using (var client = _server.Client("a-gateway-identity-token"))
        {
            client.Http.DefaultRequestHeaders.Add("X-Api-Key", LineageServerFactory.ReaderKey);
            Assert.Equal("Query", (await client.QueryAsync("{ __typename }")).Str("__typename"));
        }

        // A second X-Api-Key used to be ignored: which one is meant cannot be told. The 401 says so,
        // rather than that a key is not valid.
        using (var client = _server.Client())
        {
            client.Http.DefaultRequestHeaders.Add("X-Api-Key", [LineageServerFactory.ReaderKey, "not-a-key-anyone-configured"]);
            var twoKeys = (await client.PostAsync("{ __typename }")).Error("UNAUTHENTICATED", HttpStatusCode.Unauthorized);
            Assert.Equal("2 different API keys were sent (X-Api-Key); send one.", twoKeys.Str("message"));
        }

        using (var client = _server.Client())
        {
            client.Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", ["Bearer " + LineageServerFactory.ReaderKey, "Bearer " + LineageServerFactory.AdminKey]);
            var twoTokens = (await client.PostAsync("{ __typename }")).Error("UNAUTHENTICATED", HttpStatusCode.Unauthorized);
            Assert.Equal("2 different API keys were sent (Authorization: Bearer); send one.", twoTokens.Str("message"));
        }

        // A proxy's Basic credentials beside the bearer token used to end the search at the first header.
        using (var client = _server.Client())
        {
            client.Http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", ["Basic cmVhZGVyOnNlY3JldA==", "Bearer " + LineageServerFactory.ReaderKey]);
            Assert.Equal("Query", (await client.QueryAsync("{ __typename }")).Str("__typename"));
        }
    }

    [Fact]
    public async Task A_403_names_the_role_needed_and_the_key_holders_name_but_never_the_key()
    {
        using var writer = _server.Writer();
        var response = await writer.PostAsync("""mutation { retire(input: { keys: ["dataset:file:x@1"] }) { entitiesRetired } }""");
        var message = response.Error("FORBIDDEN", HttpStatusCode.Forbidden).Str("message");
        Assert.Contains("admin", message, StringComparison.Ordinal);
        Assert.Contains("writer", message, StringComparison.Ordinal);
        Assert.DoesNotContain(LineageServerFactory.WriterKey, response.Body, StringComparison.Ordinal);
    }

    private GraphQLClient Client(string caller) => caller switch
    {
        "anonymous" => _server.Client(),
        "wrong key" => _server.Client("wrong-key-0123456789abcdef"),
        "reader" => _server.Client(LineageServerFactory.ReaderKey, keyAsHeader: true),
        "writer" => _server.Writer(),
        "admin" => _server.Admin(),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };
}

/// <summary>With anonymous read on, a request without a key may query and nothing more.</summary>
public sealed class AnonymousReadTests(AnonymousReadServer server) : IClassFixture<AnonymousReadServer>
{
    private readonly AnonymousReadServer _server = server;

    [Fact]
    public async Task Anonymous_read_allows_queries_over_GET_and_POST_and_the_SDL()
    {
        using var anonymous = _server.Client();
        Assert.Equal(0, (await anonymous.PostAsync("{ entities { totalCount } }")).Data().Int("entities.totalCount"));
        Assert.Equal(0, (await anonymous.GetAsync("{ entities { totalCount } }")).Data().Int("entities.totalCount"));
        var sdl = await anonymous.SendAsync(HttpMethod.Get, "/graphql?sdl", null);
        Assert.Equal(HttpStatusCode.OK, sdl.Status);
        Assert.Contains("type Query", sdl.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("reader")]
    public async Task A_request_selecting_no_operation_is_told_so_before_any_key_and_an_empty_name_selects_the_only_one(string? key)
    {
        // A caller without a key was told to get an admin's for a document it had not chosen an operation of.
        // The purge names nothing stored: this fixture's other tests count its entities, and a refusal is the point.
        using var admin = _server.Admin();
        var entity = $"dataset:file:unselected-{key ?? "anonymous"}@1";
        using var client = key is null ? _server.Client() : _server.Reader();
        var purge = $$"""mutation B { purge(input: { keys: ["{{entity}}"] }) { entitiesPurged } }""";

        var unnamed = await GraphSnapshot.UnchangedAsync(admin, () => client.PostAsync("query A { __typename } " + purge));
        unnamed.Error("NO_OPERATION_NAME");
        var misnamed = await GraphSnapshot.UnchangedAsync(admin, () => client.PostAsync("query A { __typename } " + purge, operationName: "C"));
        misnamed.Error("INVALID_OPERATION_NAME");

        // An empty name is no name, as GraphQL.NET takes it: it selects the only operation, the purge, judged as such.
        var empty = await GraphSnapshot.UnchangedAsync(admin, () => client.PostAsync(purge, operationName: ""));
        if (key is null)
        {
            empty.Error("UNAUTHENTICATED", HttpStatusCode.Unauthorized);
        }
        else
        {
            empty.Error("FORBIDDEN", HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task A_subscription_is_refused_as_unsupported_not_by_asking_for_a_writer_key()
    {
        using var anonymous = _server.Client();

        // One root field, unknown or known: GraphQL.NET's complexity analysis threw on it (INTERNAL_SERVER_ERROR).
        foreach (var document in new[] { "subscription { entities { totalCount } }", "subscription { x }", "subscription S { __typename }" })
        {
            var response = await anonymous.PostAsync(document);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal("This server has no subscriptions; send a query or a mutation.", response.Error("OPERATION_NOT_SUPPORTED", HttpStatusCode.OK).Str("message"));
        }

        var overGet = await anonymous.SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("subscription { x }"), null);
        Assert.Equal(["OPERATION_NOT_SUPPORTED"], overGet.Codes);

        // An empty operation name is no name: it was INTERNAL_SERVER_ERROR.
        using var admin = _server.Admin();
        var unnamed = await admin.PostAsync("subscription { x }", operationName: "");
        Assert.Equal(["OPERATION_NOT_SUPPORTED"], unnamed.Codes);
    }

    [Fact]
    public async Task The_sdl_with_a_wrong_key_says_the_key_is_wrong()
    {
        using var wrong = _server.Client("not-a-configured-key-at-all");
        var sdl = await wrong.SendAsync(HttpMethod.Get, "/graphql?sdl", null);

        Assert.Equal(HttpStatusCode.Unauthorized, sdl.Status);
        Assert.Contains("not valid", sdl.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""mutation { recordEntities(input: { entities: [{ key: "dataset:file:anonymous@1" }] }) { entitiesCreated } }""")]
    [InlineData("""mutation { retire(input: { keys: ["dataset:file:anonymous@1"] }) { entitiesRetired } }""")]
    [InlineData("""mutation { link(input: { edges: [] }) { edgesCreated } }""")]
    public async Task Anonymous_read_still_refuses_mutations_with_401(string mutation)
    {
        using var anonymous = _server.Client();
        using var admin = _server.Admin();
        var response = await GraphSnapshot.UnchangedAsync(admin, () => anonymous.PostAsync(mutation));
        response.Error("UNAUTHENTICATED", HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Anonymous_read_does_not_let_a_wrong_key_through()
    {
        using var wrong = _server.Client("wrong-key-0123456789abcdef");
        var response = await wrong.PostAsync("{ __typename }");
        response.Error("UNAUTHENTICATED", HttpStatusCode.Unauthorized);
    }
}

public sealed class AnonymousReadServer() : ServerFixture(new Dictionary<string, string?> { ["Lineage:Auth:AllowAnonymousRead"] = "true" });
