using Lineage.Graph.Core;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Hosting;

/// <summary>Checks the settings bound from <paramref name="section"/> by <see cref="Settings"/>, each failure named by its full key.</summary>
internal sealed class SettingsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        Settings.Problems(options, section) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
