namespace Lineage.Graph.Benchmarks;

/// <summary>
/// Picks an index in [0, count) with probability proportional to 1 / (rank + 1)^exponent, so a
/// few popular tables and features feed most pipelines, as they do in a real lake.
/// </summary>
internal sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int count, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _cumulative = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, exponent);
            _cumulative[i] = sum;
        }
    }

    public int Count => _cumulative.Length;

    public int Next(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return Math.Min(index >= 0 ? index : ~index, _cumulative.Length - 1);
    }

    /// <summary>Up to <paramref name="howMany"/> distinct indexes, popular ones more often.</summary>
    public int[] NextDistinct(Random random, int howMany)
    {
        howMany = Math.Min(howMany, Count);
        var picked = new HashSet<int>();
        // Bounded tries: with a steep distribution the tail is rarely drawn, and a few short picks are fine.
        for (var tries = 0; picked.Count < howMany && tries < howMany * 20; tries++)
        {
            picked.Add(Next(random));
        }

        return [.. picked];
    }
}
