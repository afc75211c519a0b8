using System.Text.Json;

namespace Lineage.Graph.Core;

/// <summary>
/// A run with everything around it, recorded in one atomic batch: the job it is an instance of,
/// its inputs (with roles) and outputs, its code version, its hyperparameters and its parent run.
/// Entities it names but that are not stored yet are created with their keys alone, so one call
/// records a run from nothing; stored ones are left as they are.
/// </summary>
public sealed record RunRecord
{
    public required string JobNamespace { get; init; }

    public required string JobName { get; init; }

    public required Guid RunId { get; init; }

    public string? Description { get; init; }

    public RunFields? Fields { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Properties { get; init; }

    public IReadOnlyList<RunInput> Inputs { get; init; } = [];

    public IReadOnlyList<EntityKey> Outputs { get; init; } = [];

    /// <summary>The code that ran; its fields are written when given.</summary>
    public EntityKey? CodeVersion { get; init; }

    public CodeVersionFields? CodeVersionFields { get; init; }

    /// <summary>The hyperparameter values; they become (or join) the content-addressed set.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Hyperparameters { get; init; }

    public EntityKey? ParentRun { get; init; }

    /// <summary>The run's key: <c>run:jobNamespace:jobName@runId</c>.</summary>
    public EntityKey RunKey => EntityKey.Create(EntityKind.Run, JobNamespace, JobName, RunId.ToString("D"));

    public EntityKey JobKey => EntityKey.Create(EntityKind.Job, JobNamespace, JobName);

    /// <summary>The batch that records the run; the run and the job come first, so that item numbers read in order.</summary>
    public WriteBatch ToBatch()
    {
        var run = RunKey;
        var job = JobKey;
        var entities = new List<EntityInput>
        {
            new() { Key = run, Description = Description, Fields = Fields, Properties = Properties },
            new() { Key = job },
        };
        var edges = new List<EdgeInput> { new(run, job, RelationKind.InstanceOf) };

        foreach (var input in Inputs)
        {
            entities.Add(new EntityInput { Key = input.Key });
            edges.Add(new EdgeInput(input.Key, run, RelationKind.InputTo) { Role = input.Role });
        }

        foreach (var output in Outputs)
        {
            entities.Add(new EntityInput { Key = output });
            edges.Add(new EdgeInput(run, output, RelationKind.Produced));
        }

        if (CodeVersion is not null)
        {
            entities.Add(new EntityInput { Key = CodeVersion, Fields = CodeVersionFields });
            edges.Add(new EdgeInput(CodeVersion, run, RelationKind.ExecutedIn));
        }

        if (Hyperparameters is not null)
        {
            var set = HyperparameterSets.InputFor(Hyperparameters);
            entities.Add(set);
            edges.Add(new EdgeInput(set.Key, run, RelationKind.Configured));
        }

        if (ParentRun is not null)
        {
            entities.Add(new EntityInput { Key = ParentRun });
            edges.Add(new EdgeInput(run, ParentRun, RelationKind.ChildOf));
        }

        return new WriteBatch { Entities = entities, Edges = edges };
    }
}
