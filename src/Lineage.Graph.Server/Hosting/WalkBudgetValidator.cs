using Lineage.Graph.Core;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Hosting;

/// <summary>
/// Checks <see cref="GraphQLLimitsOptions.MaxWalkNodes"/> against the traversal cap it is spent in:
/// a diff takes twice the cap from a request's budget (GraphQL.AnswerBudget), so a budget below that
/// refused every diff (and below the cap, every report) of every request, whatever it asked.
/// </summary>
internal sealed class WalkBudgetValidator(IOptions<TraversalLimits> traversal) : IValidateOptions<GraphQLLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLLimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxWalkNodes is not { } most)
        {
            // Unset, it follows the cap.
            return ValidateOptionsResult.Success;
        }

        int cap;
        try
        {
            cap = traversal.Value.LimitCap;
        }
        catch (OptionsValidationException)
        {
            // The traversal settings are refused on their own, each named once; nothing to weigh this against.
            return ValidateOptionsResult.Success;
        }

        return most >= 2L * cap
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{GraphQLLimitsOptions.Section}:{nameof(GraphQLLimitsOptions.MaxWalkNodes)} must be at least twice {TraversalLimits.Section}:{nameof(TraversalLimits.LimitCap)} "
                + $"({2L * cap}), what one diff walks; it is {most}. Leave it unset to follow the cap.");
    }
}
