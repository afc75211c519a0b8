namespace Lineage.Graph.Sqlite.Tests;

/// <summary><see cref="OrdinalSort"/> gives exactly <see cref="StringComparer.Ordinal"/>'s order, carrying each key's item with it.</summary>
public sealed class OrdinalSortTests
{
    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_keys_with_shared_prefixes_sort_as_ordinal_does(int seed)
    {
        var random = new Random(seed);
        string[] prefixes = ["dataset:s3://lake/raw:", "dataset:s3://lake/raw:events_", "run:airflow://prod:etl@", "model:mlflow:churn@", "", "a"];
        var alphabet = "aAzZ09:/@%_-\u00e9\u65e5\ud83d\ude00\uffff\u0000";
        var keys = Enumerable.Range(0, 3_000)
            .Select(_ => prefixes[random.Next(prefixes.Length)] + new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])]))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        AssertSortsAsOrdinal(keys);
    }

    [Fact]
    public void Prefixes_long_common_runs_empty_keys_and_surrogates_sort_as_ordinal_does()
    {
        var shared = new string('x', 5_000);
        string[] keys =
        [
            "", "a", "ab", "abc", "b", "a\u0000", shared, shared + "a", shared + "b", shared + "\u0000",
            "\ud83d\ude00", "\uffff", "\ud800", "\udfff", "z", "Z", "aa", "a\uffff", "\u00e9", "e\u0301",
        ];

        AssertSortsAsOrdinal(keys);
        AssertSortsAsOrdinal([.. keys.Reverse()]);
        AssertSortsAsOrdinal([]);
        AssertSortsAsOrdinal(["only"]);
    }

    [Fact]
    public void Thousands_of_keys_sharing_a_key_long_prefix_need_no_deep_recursion()
    {
        // Keys of up to 4,096 bytes may share almost all of them; the sort must not recurse once per character.
        var shared = new string('p', 4_000);
        var keys = Enumerable.Range(0, 2_000).Select(i => shared + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Reverse().ToArray();

        AssertSortsAsOrdinal(keys);
    }

    private static void AssertSortsAsOrdinal(string[] keys)
    {
        var expected = (string[])keys.Clone();
        var expectedItems = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(expected, expectedItems, StringComparer.Ordinal);

        var actual = (string[])keys.Clone();
        var items = Enumerable.Range(0, keys.Length).ToArray();
        OrdinalSort.Sort(actual, items);

        Assert.Equal(expected, actual);
        Assert.Equal(expectedItems, items);
    }
}
