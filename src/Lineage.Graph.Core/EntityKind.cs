namespace Lineage.Graph.Core;

/// <summary>The kinds of entity the lineage model knows (lineage-model.md, "Entities").</summary>
public enum EntityKind
{
    Dataset,
    Feature,
    CodeVersion,
    HyperparameterSet,
    Model,
    Run,
    Job,
    Deployment,
}
