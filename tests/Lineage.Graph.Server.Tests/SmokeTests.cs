using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Lineage.Graph.Server.Tests;

public sealed class SmokeTests : IClassFixture<LineageServerFactory>
{
    private readonly LineageServerFactory _factory;

    public SmokeTests(LineageServerFactory factory) => _factory = factory;

    [Fact]
    public async Task A_writer_records_an_entity_and_a_reader_reads_it_back()
    {
        using var writer = _factory.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LineageServerFactory.WriterKey);
        var write = await writer.PostAsync("/graphql", Json("""{"query":"mutation { recordEntities(input: {entities: [{key: \"dataset:s3://smoke:events@1\"}]}) { entitiesCreated errors { code } } }"}"""));
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Contains("\"entitiesCreated\":1", await write.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var reader = _factory.CreateClient();
        reader.DefaultRequestHeaders.Add("X-Api-Key", LineageServerFactory.ReaderKey);
        var read = await reader.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ entity(key: \"dataset:s3://smoke:events@1\") { key } }"));
        using var body = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.Equal("dataset:s3://smoke:events@1", body.RootElement.GetProperty("data").GetProperty("entity").GetProperty("key").GetString());
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
