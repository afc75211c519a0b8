using System.Text;
using Lineage.Graph.Core;

namespace Lineage.Graph.Neo4j.Tests;

public sealed class SortKeysTests
{
    [Fact]
    public void A_key_below_U_D7FF_sorts_as_itself()
    {
        Assert.Null(SortKeys.For("dataset:s3://lake:événements@v1"));
        Assert.Equal("dataset:a:b@1", SortKeys.Of("dataset:a:b@1"));
    }

    [Fact]
    public void Sort_texts_compare_alike_as_UTF_16_units_and_as_code_points_in_the_keys_code_point_order()
    {
        // The pair that UTF-16 order and code point order disagree on, and random texts around the escape.
        string[] alphabet = ["a", "z", "\u00e9", "\u4e2d", "\ud7fe", "\ud7ff", "\ue000", "\uff5a", "\uffff", "\U00010000", "\U0001f600", "\U0010ffff"];
        var random = new Random(7);
        var texts = Enumerable.Range(0, 400)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => alphabet[random.Next(alphabet.Length)])))
            .Append("dataset:order:\uff5a@v1").Append("dataset:order:\U0001f600@v1")
            .ToList();

        foreach (var text in texts)
        {
            var sort = SortKeys.Of(text);
            Assert.DoesNotContain(sort, c => c is >= '\ud800' and not '\ud7ff');
            Assert.True(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(sort)) == sort, "a sort text is stored as written");
        }

        foreach (var a in texts)
        {
            foreach (var b in texts)
            {
                var expected = Math.Sign(Texts.CompareByCodePoint(a, b));
                Assert.Equal(expected, Math.Sign(string.CompareOrdinal(SortKeys.Of(a), SortKeys.Of(b))));
                Assert.Equal(expected, Math.Sign(Texts.CompareByCodePoint(SortKeys.Of(a), SortKeys.Of(b))));
            }
        }
    }
}
