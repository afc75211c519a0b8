using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Lineage.Graph.Core;

/// <summary>
/// Checks settings bound from configuration by their data annotations (and
/// <see cref="IValidatableObject"/>), naming each failure by its full configuration key and the
/// value it was given: the one line a host prints for an operator. The stock validator names the
/// .NET type and member instead (<c>'GraphQLLimitsOptions' members: 'MaxBodyBytes'</c>), which does
/// not say which key to fix where two sections have a member of one name. An annotation's message
/// starts after the key (<c>must be between {1} and {2}.</c>).
/// </summary>
public static class Settings
{
    /// <summary>Each problem of <paramref name="options"/>, bound from <paramref name="section"/>; none when they are good.</summary>
    public static IReadOnlyList<string> Problems(object options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(result => Describe(options, section, result))];
    }

    private static string Describe(object options, string section, ValidationResult result)
    {
        if (result.MemberNames.FirstOrDefault() is not { } member)
        {
            return $"{section}: {result.ErrorMessage}";
        }

        var key = $"{section}:{member}";
        var value = options.GetType().GetProperty(member)?.GetValue(options);

        // A value left out (a required one) has nothing to show.
        return value is null or ""
            ? $"{key} {result.ErrorMessage}"
            : $"{key} {result.ErrorMessage?.TrimEnd('.')}; it is {Show(value)}.";
    }

    private static string Show(object value) => value switch
    {
        string text => $"'{Texts.OneLine(text)}'",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Texts.OneLine(value.ToString() ?? ""),
    };
}
