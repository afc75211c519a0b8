using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Output;

/// <summary>One fill colour per kind, shared by DOT and Mermaid so that both pictures read alike.</summary>
internal static class KindStyle
{
    public static string Fill(EntityKind kind) => kind switch
    {
        EntityKind.Dataset => "#dbeafe",
        EntityKind.Feature => "#e0e7ff",
        EntityKind.CodeVersion => "#f3f4f6",
        EntityKind.HyperparameterSet => "#fef9c3",
        EntityKind.Model => "#dcfce7",
        EntityKind.Run => "#ffedd5",
        EntityKind.Job => "#fae8ff",
        EntityKind.Deployment => "#fee2e2",
        _ => "#ffffff",
    };
}
