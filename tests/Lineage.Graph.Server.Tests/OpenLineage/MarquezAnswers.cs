using System.Net;
using System.Text.Json;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary>Reading <c>GET /api/v1/lineage</c> answers in the Marquez tests.</summary>
internal static class MarquezAnswers
{
    /// <summary>The <c>graph</c> of a lineage answer, asked with a reader key; anything but 200 fails the test.</summary>
    public static async Task<JsonElement> LineageAsync(this ServerFixture server, string nodeId, int depth)
    {
        using var reader = server.Reader();
        var response = await reader.SendAsync(HttpMethod.Get, $"/api/v1/lineage?nodeId={Uri.EscapeDataString(nodeId)}&depth={depth}", null);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Json.GetProperty("graph");
    }

    /// <summary>The node of a graph with this id.</summary>
    public static JsonElement Node(JsonElement graph, string id) => graph.Items().Single(n => n.Str("id") == id);
}
