using System.Globalization;
using System.Text.Json.Nodes;
using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>The answer of <c>diff A B</c>: inputs, code, hyperparameters and metrics compared.</summary>
internal sealed class DiffOutput(DiffReport report) : ICommandOutput
{
    public LineageDrawing? Drawing => null;

    public JsonNode ToJson() => new JsonObject
    {
        ["a"] = JsonViews.Ref(report.A.Key),
        ["b"] = JsonViews.Ref(report.B.Key),
        ["truncated"] = report.Truncated,
        ["beyondDepth"] = JsonViews.Strings(report.BeyondDepth.Select(k => k.ToString())),
        ["inputs"] = Changes(report.Inputs),
        ["code"] = Changes(report.Code),
        ["hyperparameters"] = new JsonArray([.. report.Hyperparameters.Select(h => (JsonNode)new JsonObject
        {
            ["name"] = h.Name,
            ["change"] = Wire.Name(h.Change),
            ["a"] = JsonViews.Value(h.A),
            ["b"] = JsonViews.Value(h.B),
        })]),
        ["metrics"] = new JsonArray([.. report.Metrics.Select(m => (JsonNode)new JsonObject
        {
            ["source"] = m.Source,
            ["name"] = m.Name,
            ["change"] = Wire.Name(m.Change),
            ["a"] = m.A,
            ["b"] = m.B,
            ["delta"] = m.Delta,
            ["runA"] = m.RunA?.ToString(),
            ["runB"] = m.RunB?.ToString(),
        })]),
    };

    public void WriteTable(TextWriter writer)
    {
        writer.WriteLine($"Diff of {report.A.Key} (A) and {report.B.Key} (B){(report.Truncated ? " (truncated)" : "")}");
        writer.WriteLine();
        var inputs = new TextTable("CHANGE", "KIND", "INPUT", "A", "B");
        foreach (var input in report.Inputs)
        {
            inputs.Add(Wire.Name(input.Change), Wire.Name(input.Kind), $"{input.Namespace}:{input.Name}", Versions(input.VersionsA, input.RolesA), Versions(input.VersionsB, input.RolesB));
        }

        inputs.Write(writer);
        writer.WriteLine();
        var hyperparameters = new TextTable("CHANGE", "HYPERPARAMETER", "A", "B");
        foreach (var value in report.Hyperparameters)
        {
            hyperparameters.Add(Wire.Name(value.Change), value.Name, JsonViews.Value(value.A)?.ToJsonString() ?? "-", JsonViews.Value(value.B)?.ToJsonString() ?? "-");
        }

        hyperparameters.Write(writer);
        writer.WriteLine();
        var metrics = new TextTable("CHANGE", "SOURCE", "METRIC", "A", "B", "DELTA");
        foreach (var metric in report.Metrics)
        {
            metrics.Add(Wire.Name(metric.Change), metric.Source, metric.Name, Number(metric.A), Number(metric.B), Number(metric.Delta));
        }

        metrics.Write(writer);
        if (report.BeyondDepth.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"Beyond the depth bound: {report.BeyondDepth.Count} {(report.BeyondDepth.Count == 1 ? "entity leads" : "entities lead")} further upstream, past which nothing was compared (raise --depth):");
            foreach (var key in report.BeyondDepth)
            {
                writer.WriteLine($"  {key}");
            }
        }
    }

    private static JsonArray Changes(IEnumerable<InputChange> changes) =>
        [.. changes.Select(c => (JsonNode)new JsonObject
        {
            ["kind"] = Wire.Name(c.Kind),
            ["namespace"] = c.Namespace,
            ["name"] = c.Name,
            ["change"] = Wire.Name(c.Change),
            ["versionsA"] = JsonViews.Strings(c.VersionsA),
            ["versionsB"] = JsonViews.Strings(c.VersionsB),
            ["rolesA"] = JsonViews.Strings(c.RolesA),
            ["rolesB"] = JsonViews.Strings(c.RolesB),
        })];

    /// <summary>The versions, and the roles the input was read in when any: <c>v1, v2; read as training, validation</c>.</summary>
    private static string Versions(IReadOnlyList<string> versions, IReadOnlyList<string> roles) =>
        (versions.Count == 0 ? "-" : string.Join(", ", versions.Select(v => v.Length == 0 ? "(unversioned)" : v)))
        + (roles.Count == 0 ? "" : $"; read as {string.Join(", ", roles)}");

    private static string Number(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "-";
}
