namespace Lineage.Graph.Benchmarks;

/// <summary>Latencies of a set of timed walks, in milliseconds, with nearest-rank percentiles.</summary>
internal sealed record LatencySummary(int Count, double P50, double P99, double Mean, double TotalSeconds)
{
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Average(), sorted.Sum() / 1_000);
    }

    // Nearest rank: with 20 samples, p99 is the slowest walk, which is the honest reading of so few samples.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
