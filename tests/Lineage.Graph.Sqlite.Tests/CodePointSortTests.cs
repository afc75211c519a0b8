using System.Text;
using Lineage.Graph.Core;

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

    [Fact]
    public void Keys_that_leave_a_long_shared_prefix_one_character_later_each_sort_as_their_utf8_bytes_do()
    {
        // A walk of nearly the limit cap's 10,000 nodes: most keys share 3,000 characters, and the others leave that
        // prefix one character further on each (a namespace, a name, then a version cut a character shorter each
        // time), so that every partition passes one character only: the shape that made SharedDepth compare every
        // key over the rest of the prefix at each partition (7 s in a debug build, under half a second now; timed by
        // hand, since tests assert no times).
        var (ns, name, version) = (new string('n', 1_024), new string('p', 1_024), new string('q', 1_000));
        string Cut(string part, int by) => part[..(part.Length - by)] + (by % 2 == 0 ? "z" : "a");
        var keys = Enumerable.Range(0, 6_950).Select(i => EntityKey.Create(EntityKind.Dataset, ns, name, $"{version}{i:D5}"))
            .Concat(Enumerable.Range(1, 1_000).Select(by => EntityKey.Create(EntityKind.Dataset, ns, name, Cut(version, by))))
            .Concat(Enumerable.Range(1, 1_023).Select(by => EntityKey.Create(EntityKind.Dataset, ns, Cut(name, by), "v")))
            .Concat(Enumerable.Range(1, 1_023).Select(by => EntityKey.Create(EntityKind.Dataset, Cut(ns, by), "x", "v")))
            .Select(key => key.ToString())
            .ToArray();
        var items = Enumerable.Range(0, keys.Length).ToArray();
        var sorted = (string[])keys.Clone();

        CodePointSort.Sort(sorted, items);

        for (var i = 0; i < sorted.Length; i++)
        {
            Assert.Same(keys[items[i]], sorted[i]);
            Assert.True(i == 0 || Texts.CompareByCodePoint(sorted[i - 1], sorted[i]) < 0, $"{i}");
        }
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
