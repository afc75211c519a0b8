using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// A number in typed fields (a metric) that no double holds: <c>1e400</c>, or <c>1e-400</c>, which
/// a double would read as 0. Its message says so, where the serializer's would name .NET types, so
/// the callers that turn a failed read into <see cref="InvalidInputException"/> keep it.
/// </summary>
public sealed class DoubleRangeException(string message) : JsonException(message);
