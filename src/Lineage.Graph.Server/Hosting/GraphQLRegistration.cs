using GraphQL;
using Lineage.Graph.Server.GraphQL;
using Lineage.Graph.Server.Http;
using Microsoft.Extensions.Options;

namespace Lineage.Graph.Server.Hosting;

/// <summary>Wires the GraphQL schema, its executer and the HTTP layer (auth, limits, CORS).</summary>
public static class GraphQLRegistration
{
    public static WebApplicationBuilder AddLineageGraphQL(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GraphQLLimitsOptions>().BindConfiguration(GraphQLLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<GraphQLHttpHandler>();
        services.AddScoped<EntityLoader>();

        var development = builder.Environment.IsDevelopment();
        services.AddGraphQL(graphQL => graphQL
            .AddSchema<LineageSchema>()
            .AddGraphTypes(typeof(LineageSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider(new LineageErrorInfoProvider(development))
            .AddComplexityAnalyzer((complexity, provider) =>
            {
                var limits = provider.GetRequiredService<IOptions<GraphQLLimitsOptions>>().Value;
                complexity.MaxDepth = limits.MaxDocumentDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
            })
            .ConfigureExecutionOptions(options => options.UnhandledExceptionDelegate = context =>
            {
                LineageErrorInfoProvider.Translate(context);
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
}
