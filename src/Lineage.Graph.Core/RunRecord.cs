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

    /// <summary>
    /// Why a member after the ones given was refused before the run reached a store, as for
    /// <see cref="WriteBatch.Refused"/>; its item names the member (<c>outputs[1]</c>). The batch carries it.
    /// </summary>
    public LineageException? Refused { get; init; }

    /// <summary>The run's key: <c>run:jobNamespace:jobName@runId</c>.</summary>
    public EntityKey RunKey => EntityKey.Create(EntityKind.Run, JobNamespace, JobName, RunId.ToString("D"));

    public EntityKey JobKey => EntityKey.Create(EntityKind.Job, JobNamespace, JobName);

    /// <summary>The batch that records the run; the run and the job come first, so that item numbers read in order.</summary>
    public WriteBatch ToBatch()
    {
        if (CodeVersionFields is not null && CodeVersion is null)
        {
            // They would describe nothing, and dropping them would lose what the caller sent.
            throw new InvalidInputException("codeVersionFields describe the run's codeVersion, which is not given.", "codeVersionFields");
        }

        // Each member may fit a key alone and not together (a key is at most 4,096 bytes): the job's key
        // is named for by its name, and the run's, which adds the run id, by the run id.
        _ = Keyed(() => JobKey, "jobName");
        var run = Keyed(() => RunKey, "runId");
        var parts = Parts();
        return new WriteBatch
        {
            Entities = [new EntityInput { Key = run, Description = Description, Fields = Fields, Properties = Properties }, .. parts.Select(p => p.Entity)],
            Edges = [.. parts.Select(p => p.Edge)],
            Refused = Refused,
        };
    }

    /// <summary>
    /// The member of this record that an item of <see cref="ToBatch"/> stands for, so that an error
    /// a store reports on <c>edges[3]</c> can name what the caller wrote: <c>inputs[1].key</c>,
    /// <c>outputs[0]</c>, <c>codeVersion</c>, <c>hyperparameters</c>, <c>parentRun</c>, or
    /// <c>jobName</c> for the job. For the run itself, the member of its own at fault: its
    /// <c>description</c>, <c>properties</c> or typed fields (<c>run</c>) when one of them is refused
    /// alone, else <c>runId</c> (a run retired, say). Null for an item the batch does not have.
    /// </summary>
    /// <param name="batchItem">An item as stores name it: <c>entities[2]</c>, <c>edges[0].to</c>.</param>
    public string? DescribeItem(string batchItem)
    {
        if (!WriteBatch.TryParseItem(batchItem, out var list, out var index))
        {
            return null;
        }

        // Entity 0 is the run; entity k + 1 and edge k come from part k (edge 0 joins the run to its job).
        var parts = Parts();
        return list switch
        {
            "entities" when index == 0 => OwnMemberAtFault(),
            "entities" when index >= 1 && index <= parts.Count => parts[index - 1].Member,
            "edges" when index < parts.Count => parts[index].Member,
            _ => null,
        };
    }

    private static EntityKey Keyed(Func<EntityKey> key, string member)
    {
        try
        {
            return key();
        }
        catch (InvalidKeyException ex) when (ex.Item is null)
        {
            throw new InvalidKeyException(ex.Message, member);
        }
    }

    private string OwnMemberAtFault()
    {
        var run = RunKey;
        foreach (var (member, alone) in new (string, EntityInput)[]
        {
            ("description", new EntityInput { Key = run, Description = Description }),
            ("properties", new EntityInput { Key = run, Properties = Properties }),
            ("run", new EntityInput { Key = run, Fields = Fields }),
        })
        {
            try
            {
                EntityValidation.Check(alone, new ItemName(member));
            }
            catch (InvalidInputException)
            {
                return member;
            }
        }

        return "runId";
    }

    /// <summary>Each entity the run names but the run itself, with the edge that joins it and the member it comes from.</summary>
    private List<(EntityInput Entity, EdgeInput Edge, string Member)> Parts()
    {
        var run = RunKey;
        var job = JobKey;
        var parts = new List<(EntityInput Entity, EdgeInput Edge, string Member)>
        {
            (new EntityInput { Key = job }, new EdgeInput(run, job, RelationKind.InstanceOf), "jobName"),
        };

        for (var i = 0; i < Inputs.Count; i++)
        {
            var input = Inputs[i];
            parts.Add((new EntityInput { Key = input.Key }, new EdgeInput(input.Key, run, RelationKind.InputTo) { Role = input.Role }, $"inputs[{i}].key"));
        }

        for (var i = 0; i < Outputs.Count; i++)
        {
            parts.Add((new EntityInput { Key = Outputs[i] }, new EdgeInput(run, Outputs[i], RelationKind.Produced), $"outputs[{i}]"));
        }

        if (CodeVersion is not null)
        {
            // Whether this run's code was dirty goes on its own edge too: the code version is shared by every run at its commit.
            var executedIn = new EdgeInput(CodeVersion, run, RelationKind.ExecutedIn)
            {
                Properties = CodeVersionFields?.Dirty is { } dirty
                    ? new Dictionary<string, JsonElement> { [CodeVersionFields.DirtyEdgeProperty] = JsonSerializer.SerializeToElement(dirty) }
                    : null,
            };
            parts.Add((new EntityInput { Key = CodeVersion, Fields = CodeVersionFields }, executedIn, "codeVersion"));
        }

        if (Hyperparameters is not null)
        {
            var set = HyperparameterSets.InputFor(Hyperparameters);
            parts.Add((set, new EdgeInput(set.Key, run, RelationKind.Configured), "hyperparameters"));
        }

        if (ParentRun is not null)
        {
            parts.Add((new EntityInput { Key = ParentRun }, new EdgeInput(run, ParentRun, RelationKind.ChildOf), "parentRun"));
        }

        return parts;
    }
}
