using System.Text;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>
/// <see cref="CodePointSort"/> gives exactly the order of the keys' UTF-8 bytes, as SQLite lists them,
/// carrying each key's item with it.
/// </summary>
public sealed class CodePointSortTests
{
    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_keys_with_shared_prefixes_sort_as_their_utf8_bytes_do(int seed)
    {
        var random = new Random(seed);
        string[] prefixes = ["dataset:s3://lake/raw:", "dataset:s3://lake/raw:events_", "run:airflow://prod:etl@", "model:mlflow:churn@", "", "a"];
        // Full-width letters (U+FF5A) and characters above U+FFFF (surrogate pairs) are where code point and UTF-16 order part.
        string[] alphabet = ["a", "A", "z", "Z", "0", "9", ":", "/", "@", "%", "_", "-", "\u00e9", "\u65e5", "\ud83d\ude00", "\ud840\udc00", "\uff5a", "\uffff", "\ue000", "\u0000"];
        var keys = Enumerable.Range(0, 3_000)
            .Select(_ => prefixes[random.Next(prefixes.Length)] + string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        AssertSortsAsUtf8(keys);
    }

    [Fact]
    public void Prefixes_long_common_runs_empty_keys_and_surrogate_pairs_sort_as_their_utf8_bytes_do()
    {
        var shared = new string('x', 5_000);
        string[] keys =
        [
            "", "a", "ab", "abc", "b", "a\u0000", shared, shared + "a", shared + "b", shared + "\u0000",
            "\ud83d\ude00", "\uffff", "\uff5a", "a\ud83d\ude00", "a\uff5a", "z", "Z", "aa", "a\uffff", "\u00e9", "e\u0301",
        ];

        AssertSortsAsUtf8(keys);
        AssertSortsAsUtf8([.. keys.Reverse()]);
        AssertSortsAsUtf8([]);
        AssertSortsAsUtf8(["only"]);
    }

    [Fact]
    public void Thousands_of_keys_sharing_a_key_long_prefix_need_no_deep_recursion()
    {
        // Keys of up to 4,096 bytes may share almost all of them; the sort must not recurse once per character.
        var shared = new string('p', 4_000);
        var keys = Enumerable.Range(0, 2_000).Select(i => shared + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Reverse().ToArray();

        AssertSortsAsUtf8(keys);
    }

    private static void AssertSortsAsUtf8(string[] keys)
    {
        var expected = (string[])keys.Clone();
        var expectedItems = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(expected, expectedItems, Comparer<string>.Create((a, b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b))));

        var actual = (string[])keys.Clone();
        var items = Enumerable.Range(0, keys.Length).ToArray();
        CodePointSort.Sort(actual, items);

        Assert.Equal(expected, actual);
        Assert.Equal(expectedItems, items);
    }
}
