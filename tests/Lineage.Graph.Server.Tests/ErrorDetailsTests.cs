using GraphQL;
using Lineage.Graph.Core;
using Lineage.Graph.Server.GraphQL;
using Lineage.Graph.Server.Http;

namespace Lineage.Graph.Server.Tests;

/// <summary>What an error's <c>extensions</c> show in Development (the Quickstart's configuration) and outside it.</summary>
public sealed class ErrorDetailsTests
{
    [Fact]
    public void Development_shows_the_stack_trace_of_an_internal_error_only()
    {
        var provider = new LineageErrorInfoProvider(development: true);

        var ours = provider.GetInfo(new ExecutionError("key: 'bad' is not a key.", new InvalidKeyException("key: 'bad' is not a key.")) { Code = ErrorCodes.InvalidKey });
        var internalError = provider.GetInfo(new ExecutionError("Internal error; the server log has the details.", Thrown()) { Code = ServerErrorCodes.Internal });

        Assert.Equal(["code"], ours.Extensions!.Keys);
        Assert.Contains("System.InvalidOperationException: disk on fire", (string)internalError.Extensions!["details"]!, StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), (string)internalError.Extensions["details"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_no_error_shows_a_stack_trace()
    {
        var provider = new LineageErrorInfoProvider(development: false);

        var internalError = provider.GetInfo(new ExecutionError("Internal error; the server log has the details.", Thrown()) { Code = ServerErrorCodes.Internal });

        Assert.Equal(["code"], internalError.Extensions!.Keys);
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("disk on fire");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }
}
