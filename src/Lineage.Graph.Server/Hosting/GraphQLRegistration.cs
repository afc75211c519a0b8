using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using Lineage.Graph.Core;
using Lineage.Graph.Server.GraphQL;
using Lineage.Graph.Server.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Hosting;

/// <summary>Wires the GraphQL schema, its executer and the HTTP layer (auth, limits, CORS).</summary>
public static class GraphQLRegistration
{
    public static WebApplicationBuilder AddLineageGraphQL(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSettings<GraphQLLimitsOptions>(GraphQLLimitsOptions.Section);
        services.AddSingleton<IValidateOptions<GraphQLLimitsOptions>, WalkBudgetValidator>();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<GraphQLHttpHandler>();
        services.AddSettings<OpenLineageOptions>(OpenLineageOptions.Section);
        services.AddSingleton<OpenLineageEndpoint>();
        services.AddSingleton<MarquezLineageEndpoint>();
        services.AddScoped<EntityLoader>();
        services.AddScoped<WalkLoader>();
        services.AddScoped<VersionsLoader>();

        var development = builder.Environment.IsDevelopment();
        services.AddGraphQL(graphQL => graphQL
            .AddSchema<LineageSchema>()
            .AddGraphTypes(typeof(LineageSchema).Assembly)
            // Answers nest a property value some levels below the top; values stored before the 32-level
            // rule (JsonText.MaxPropertyDepth) may nest to the 64 levels the ingest readers took then, and
            // must still be readable.
            .AddSystemTextJson(json => json.MaxDepth = 128)
            .AddErrorInfoProvider(new LineageErrorInfoProvider(development))
            .AddComplexityAnalyzer((complexity, provider) =>
            {
                var limits = provider.GetRequiredService<IOptions<GraphQLLimitsOptions>>().Value;
                complexity.MaxDepth = limits.MaxDocumentDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
                complexity.ValidateComplexityDelegate = DistinguishDepth;
                var mostItems = Math.Max(EntityQuery.MaxFirst, provider.GetRequiredService<TraversalLimits>().LimitCap);
                var standard = complexity.DefaultComplexityImpactDelegate;
                complexity.DefaultComplexityImpactDelegate = context => AtMost(standard(context), mostItems);
            })
            .AddExecutionStrategy<MutationExecutionStrategy>(GraphQLParser.AST.OperationType.Mutation)
            .AddValidationRule<IntrospectionDepthRule>()
            .AddValidationRule<IntrospectionCountRule>()
            .ConfigureExecutionOptions(options => options.UnhandledExceptionDelegate = context =>
            {
                var logger = context.ExecutionOptions.RequestServices?.GetService<ILogger<LineageErrorInfoProvider>>();
                LineageErrorInfoProvider.Translate(context, logger ?? NullLogger<LineageErrorInfoProvider>.Instance);
                return Task.CompletedTask;
            }));

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<GraphQLLimitsOptions>>((cors, limits) => cors.AddDefaultPolicy(policy => policy
                .WithOrigins(limits.Value.CorsOrigins)
                .WithHeaders("Content-Type", "Accept", "Authorization", "X-Api-Key")
                .WithMethods("GET", "POST")));
        return builder;
    }

    /// <summary>
    /// No <c>first</c> or <c>last</c> the fields take may ask for more than <paramref name="mostItems"/> items: a larger one is refused
    /// when its field runs, with LIMIT_EXCEEDED naming the argument. Charging it in full would refuse the
    /// whole document as COMPLEXITY instead, which tells the client nothing about what to change.
    /// </summary>
    private static FieldComplexityResult AtMost(FieldComplexityResult charge, int mostItems) =>
        new(charge.FieldImpact, Math.Clamp(charge.ChildImpactMultiplier, 1, mostItems));

    /// <summary>
    /// GraphQL.NET answers a document too deep and one too costly alike with COMPLEXITY; a client
    /// does different things about them (flatten the document, or ask for less), so depth has its own code.
    /// </summary>
    private static Task DistinguishDepth(ComplexityValidationContext context)
    {
        if (context.MaxDepth > context.Configuration.MaxDepth)
        {
            context.Error = new ValidationError(
                $"The document is nested {context.MaxDepth} levels deep; this server allows at most {context.Configuration.MaxDepth}.")
            {
                Code = ServerErrorCodes.DocumentTooDeep,
            };
        }

        return Task.CompletedTask;
    }
}
