namespace Lineage.Graph.Core;

public enum RunType
{
    Training,
    FeaturePipeline,
    Evaluation,
    Etl,
    Inference,
    Other,
}
