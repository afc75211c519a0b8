using System.Text.Json;

namespace Lineage.Graph.Neo4j.Tests.QueryApi;

/// <summary>Query API answers in the documented shapes.</summary>
internal static class Bodies
{
    public const string Bookmark = "FB:kcwQaCYpl4jjRRiD7NlEZ0YJ9MkB8pA=";

    public static string Data(string fields, string values, string extra = "", string bookmark = Bookmark) =>
        $$"""{"data":{"fields":{{fields}},"values":{{values}}}{{extra}},"bookmarks":[{{JsonSerializer.Serialize(bookmark)}}]}""";

    public static string One(long value) => Data("""["n"]""", $"[[{value}]]");

    public static string Error(string code, string message = "it failed") =>
        $$"""{"errors":[{"code":{{JsonSerializer.Serialize(code)}},"message":{{JsonSerializer.Serialize(message)}}}]}""";
}
