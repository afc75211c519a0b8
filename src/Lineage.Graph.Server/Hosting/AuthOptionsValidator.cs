using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Hosting;

/// <summary>
/// Checks each configured key, which data annotations on the list alone would not reach. The roles
/// are read from the configuration as written too: the binder drops a list item whose value it
/// cannot convert (<c>Role=ReadWrite</c>) without a word, which would leave a key that every request
/// is refused with, and a server that started as if all were well.
/// </summary>
internal sealed class AuthOptionsValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        foreach (var written in configuration.GetSection(AuthOptions.Section).GetSection(nameof(AuthOptions.ApiKeys)).GetChildren())
        {
            if (written[nameof(ApiKeyOptions.Role)] is { } role && !IsRole(role))
            {
                failures.Add($"{written.Path}:Role is '{role}'; it must be Reader, Writer or Admin.");
            }
        }

        if (failures.Count > 0)
        {
            // The list as bound lacks the item, so what follows would name the wrong index.
            return ValidateOptionsResult.Fail(failures);
        }
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var context = new System.ComponentModel.DataAnnotations.ValidationContext(key);
            var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(key, context, results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"Lineage:Auth:ApiKeys:{i}: {r.ErrorMessage}"));
            }

            // A key read from a file or a secret often ends in a line break; HTTP strips white space from
            // the ends of a header's value, so no request could send such a key, and every one would be 401.
            if (key.Key is { Length: > 0 } text && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
            {
                failures.Add($"Lineage:Auth:ApiKeys:{i}:Key begins or ends with white space (a line break from a key file?); no request can send it. Remove it.");
            }
            else if (key.Key is { } inner && inner.Any(c => c is < ' ' or > '~'))
            {
                // No header can carry a control character. Text outside ASCII only works from a client that
                // sends it as UTF-8: a browser (Banana Cake Pop) sends it as Latin-1, which the server refuses
                // with 400, and the CLI and most HTTP libraries refuse to send it at all.
                failures.Add($"Lineage:Auth:ApiKeys:{i}:Key holds a control character or a character outside ASCII, which browsers, the CLI and most HTTP clients cannot send. Use printable ASCII.");
            }

            if (!Enum.IsDefined(key.Role) || key.Role == Role.None)
            {
                failures.Add($"Lineage:Auth:ApiKeys:{i}:Role must be Reader, Writer or Admin.");
            }
        }

        var duplicates = options.ApiKeys.GroupBy(k => k.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            failures.Add($"Lineage:Auth:ApiKeys holds the same key more than once ({string.Join(", ", duplicates.Select(d => string.Join("/", d.Select(k => k.Name))))}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Names only: the binder would also take a number ("2"), which no one means as a role.
    private static bool IsRole(string text) =>
        Enum.TryParse<Role>(text, ignoreCase: true, out var role) && role != Role.None && Enum.GetName(role) is { } known
        && string.Equals(known, text.Trim(), StringComparison.OrdinalIgnoreCase);
}
