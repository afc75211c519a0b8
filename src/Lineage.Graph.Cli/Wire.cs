using System.Globalization;
using System.Text.Json;

namespace Lineage.Graph.Cli;

/// <summary>
/// Names and times as the CLI writes and reads them: enum values in the GraphQL schema's
/// UPPER_CASE (<c>CODE_VERSION</c>, <c>INPUT_TO</c>), instants in UTC ISO 8601.
/// </summary>
internal static class Wire
{
    public static string Name<T>(T value)
        where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString());

    /// <summary>Reads an enum value the way a person or the server may write it: any case, with or without _ or -.</summary>
    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum
    {
        var squeezed = text.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        // Letters only: Enum.TryParse also reads numbers and comma-separated names, which it combines ("dot,json" as Mermaid).
        value = default;
        return squeezed.Length > 0 && squeezed.All(char.IsAsciiLetter) && Enum.TryParse(squeezed, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>
    /// An enum value the server sent; anything else means client and server disagree on the schema (a later
    /// server's new relation): a FormatException, which reading the server's answer makes SERVER_ERROR (exit 4).
    /// </summary>
    public static T Parse<T>(string text)
        where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new FormatException($"The server sent an unknown {typeof(T).Name} '{text}'.");

    /// <summary>An enum value from the command line; a usage error names the ones that exist.</summary>
    public static T FromUser<T>(string option, string text)
        where T : struct, Enum =>
        TryParse<T>(text, out var value)
            ? value
            : throw CliException.Usage($"--{option}: unknown value '{text}'. Known values: {string.Join(", ", Enum.GetValues<T>().Select(Name))}.");

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>An instant from the command line, in ISO 8601 (<see cref="Core.Texts.TryParseIsoInstant"/>).</summary>
    public static DateTimeOffset TimeFromUser(string option, string text) =>
        Core.Texts.TryParseIsoInstant(text, out var value)
            ? value
            : throw CliException.Usage($"--{option} must be an ISO 8601 instant such as 2026-06-01T12:00:00Z, not '{text}'.");
}
