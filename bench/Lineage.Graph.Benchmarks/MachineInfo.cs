using System.Runtime.InteropServices;

namespace Lineage.Graph.Benchmarks;

/// <summary>What the figures were measured on, so that results from different machines are not compared blindly.</summary>
internal sealed record MachineInfo(
    string Cpu, int LogicalCores, string OperatingSystem, string Runtime, string Architecture, long MemoryBytes, string? LoadAverage)
{
    public static MachineInfo Current() => new(
        CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        LoadAverages());

    public override string ToString() =>
        $"{Cpu}, {LogicalCores} logical cores, {MemoryBytes / (1024.0 * 1024 * 1024):F0} GiB; {OperatingSystem}; {Runtime} ({Architecture})"
        + (LoadAverage is null ? "" : $"; load average {LoadAverage} (1, 5, 15 min) when the report was written");

    // A busy machine slows millisecond walks more than anything the store does; the report says how busy it was.
    private static string? LoadAverages()
    {
        const string LoadAverage = "/proc/loadavg";
        return File.Exists(LoadAverage) ? string.Join(", ", File.ReadAllText(LoadAverage).Split(' ').Take(3)) : null;
    }

    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return "unknown CPU";
        }

        var line = File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
