using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Neo4j.QueryApi;

/// <summary>
/// Runs the data annotations of <see cref="Neo4jOptions"/> and names each failure by its full
/// configuration key, which the stock data-annotations validator cannot do (it knows neither
/// the section nor that the host prints its message as the one line an operator reads).
/// </summary>
internal sealed class Neo4jOptionsValidator(string section) : IValidateOptions<Neo4jOptions>
{
    public ValidateOptionsResult Validate(string? name, Neo4jOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r =>
        {
            var member = r.MemberNames.FirstOrDefault();
            return member is null ? $"{section}: {r.ErrorMessage}" : $"{section}:{member} {r.ErrorMessage}";
        }));
    }
}
