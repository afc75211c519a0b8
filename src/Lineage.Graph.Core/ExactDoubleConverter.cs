using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lineage.Graph.Core;

/// <summary>
/// Reads a double of typed fields only when the double is the number written. The serializer reads
/// <c>1e-400</c> as 0 without a word, so a p-value was stored as zero; <c>1e400</c> it refuses, but
/// naming .NET types. A number quoted as a string is read as the web defaults read it (some
/// emitters quote numbers), under the same rule.
/// </summary>
internal sealed class ExactDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            // Most numbers are neither zero nor out of range: those are read without their text.
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number) && number != 0:
                return number;
            case JsonTokenType.Number:
                return Checked(reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.String when reader.GetString()!.Trim() is { Length: > 0 } quoted && IsNumeral(quoted):
                return Checked(quoted);
            default:
                throw new JsonException();
        }
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }

    // Digits, sign, point and exponent, so that "NaN" and "Infinity", which .NET would parse, are not numbers here either.
    private static bool IsNumeral(string text) =>
        !text.AsSpan().ContainsAnyExcept("0123456789+-.eE") && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double Checked(string text) =>
        LineageJson.FitsDouble(text)
            ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
            : throw new DoubleRangeException($"The number {Texts.Shorten(text)} is beyond what a double holds (about 5e-324 to 1.8e308, or 0), which this field keeps.");
}
