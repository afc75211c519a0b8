using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Hosting;

/// <summary>Checks each configured key, which data annotations on the list alone would not reach.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var context = new System.ComponentModel.DataAnnotations.ValidationContext(key);
            var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(key, context, results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"Lineage:Auth:ApiKeys:{i}: {r.ErrorMessage}"));
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
}
