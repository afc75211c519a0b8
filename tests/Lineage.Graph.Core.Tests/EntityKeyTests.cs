using System.Text;
namespace Lineage.Graph.Core.Tests;

public sealed class EntityKeyTests
{
    [Fact]
    public void A_typed_dataset_key_parses_with_its_scheme_and_path_in_the_namespace()
    {
        var key = EntityKey.Parse("dataset:s3://bucket/path:events@2024-06-01");

        Assert.Equal(EntityKind.Dataset, key.Kind);
        Assert.Equal("s3://bucket/path", key.Namespace);
        Assert.Equal("events", key.Name);
        Assert.Equal("2024-06-01", key.Version);
        Assert.Equal("dataset:s3://bucket/path:events@2024-06-01", key.ToString());
    }

    [Fact]
    public void A_hyperparameter_set_key_reads_alike_with_its_name_s_colon_written_or_escaped()
    {
        var set = HyperparameterSets.KeyFor(new Dictionary<string, System.Text.Json.JsonElement>());
        var hex = set.Name["sha256:".Length..];

        Assert.Equal(set, EntityKey.Parse($"hyperparameterset:hyperparameters:sha256:{hex}"));
        Assert.Equal(set, EntityKey.Parse($"hyperparameterset:hyperparameters:sha256%3A{hex}"));
        Assert.Equal($"hyperparameterset:hyperparameters:sha256%3A{hex}", set.ToString());

        // That split round-trips because no set lives in another namespace.
        Assert.Throws<InvalidKeyException>(() => EntityKey.Create(EntityKind.HyperparameterSet, "s3://x", "y"));
        Assert.Contains("namespace is hyperparameters", Assert.Throws<InvalidKeyException>(() => EntityKey.Parse("hyperparameterset:a:b:c")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_with_a_port_and_a_key_without_version_parse()
    {
        var key = EntityKey.Parse("job:postgres://db.internal:5432:nightly.load");

        Assert.Equal(EntityKind.Job, key.Kind);
        Assert.Equal("postgres://db.internal:5432", key.Namespace);
        Assert.Equal("nightly.load", key.Name);
        Assert.Null(key.Version);
    }

    [Theory]
    [InlineData("s3://bucket/a b", "name with spaces", "v 1")]
    [InlineData("postgres://user@host:5432", "db.schema:table", "2024-06-01T00:00:00Z")]
    [InlineData("ns%20literal", "100%", "v@2")]
    [InlineData("gs://bücket/データ", "名前 🚀", "ünï")]
    [InlineData("'); DROP TABLE entities;--", "}) DETACH DELETE n //", "\"quoted\"")]
    [InlineData("a:b:c:d", ":::", "@@@")]
    public void Keys_round_trip_for_any_namespace_name_and_version(string @namespace, string name, string version)
    {
        var key = EntityKey.Create(EntityKind.Dataset, @namespace, name, version);

        var parsed = EntityKey.Parse(key.ToString());

        Assert.Equal(key, parsed);
        Assert.Equal(@namespace, parsed.Namespace);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(version, parsed.Version);
        Assert.Equal(key.ToString(), parsed.ToString());
    }

    [Fact]
    public void Keys_round_trip_for_random_strings()
    {
        var random = new Random(7);
        const string alphabet = "ab:/@% .-_é中🙂'\"\\{}";
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(alphabet);
        var parts = new List<string>();
        while (elements.MoveNext())
        {
            parts.Add(elements.GetTextElement());
        }

        for (var i = 0; i < 2_000; i++)
        {
            string Next(int min) => string.Concat(Enumerable.Range(0, random.Next(min, 12)).Select(_ => parts[random.Next(parts.Count)]));
            var key = EntityKey.Create(EntityKind.Model, Next(1), Next(1), random.Next(3) == 0 ? null : Next(1));

            Assert.Equal(key, EntityKey.Parse(key.ToString()));

            // A store's kept text reads back as the same parts without being checked again.
            var stored = EntityKey.FromStoredText(key.ToString());
            Assert.Equal((key.Kind, key.Namespace, key.Name, key.Version, key.ToString()), (stored.Kind, stored.Namespace, stored.Name, stored.Version, stored.ToString()));
        }
    }

    [Fact]
    public void Escaping_writes_only_what_would_break_the_split()
    {
        var key = EntityKey.Create(EntityKind.Dataset, "postgres://u@h:1", "a:b@c%", "v@1");

        Assert.Equal("dataset:postgres://u%40h:1:a%3Ab%40c%25@v%401", key.ToString());
    }

    [Fact]
    public void Kind_prefix_is_case_insensitive_and_canonical_form_is_lower_case()
    {
        Assert.Equal("codeversion:https://github.com/org/repo:@abc123", EntityKey.Parse("CodeVersion:https://github.com/org/repo:@abc123").ToString());
    }

    [Fact]
    public void Run_ids_are_uuids_normalised_to_lower_case()
    {
        var key = EntityKey.Parse("run:airflow:etl.daily@3F2504E0-4F89-11D3-9A0C-0305E82C3301");

        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", key.Version);
    }

    [Theory]
    [InlineData("", "does not start with a kind")]
    [InlineData("table:ns:name", "does not start with a kind")]
    [InlineData("dataset", "does not start with a kind")]
    [InlineData("dataset:nocolon", "no ':' between namespace and name")]
    [InlineData("dataset::name", "needs a namespace")]
    [InlineData("dataset:ns:", "needs a name")]
    [InlineData("dataset:ns:name@", "cannot be empty")]
    [InlineData("job:ns:name@v1", "has no version")]
    [InlineData("run:ns:job", "needs a version")]
    [InlineData("run:ns:job@not-a-uuid", "must be a UUID")]
    [InlineData("dataset:ns:bad%zz", "two hex digits")]
    [InlineData("dataset:ns:bad%ff", "not UTF-8")]
    [InlineData("dataset:ns:tab\there", "control character")]
    public void Bad_keys_are_rejected_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<InvalidKeyException>(() => EntityKey.Parse(text));

        Assert.Equal(ErrorCodes.InvalidKey, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_keys_are_rejected()
    {
        var error = Assert.Throws<InvalidKeyException>(() => EntityKey.Parse("dataset:ns:" + new string('x', 5_000)));

        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_version_may_have_an_empty_path()
    {
        var key = EntityKey.Create(EntityKind.CodeVersion, "https://github.com/org/repo", "", "abc123");

        Assert.Equal(key, EntityKey.Parse(key.ToString()));
    }

    [Fact]
    public void Keys_compare_ordinally_by_their_text()
    {
        var keys = new[] { "model:r:b@1", "dataset:z:a", "dataset:a:b", "codeversion:r:x@1" }.Select(EntityKey.Parse).ToList();

        keys.Sort();

        Assert.Equal(["codeversion:r:x@1", "dataset:a:b", "dataset:z:a", "model:r:b@1"], keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Every_key_that_can_be_made_parses_back_and_the_bound_is_on_its_escaped_utf8()
    {
        // Parts of separators, each escaped to three characters: 9,216 characters of text, which Parse
        // refused when the bound was on the parts alone.
        var separators = new string('@', EntityKey.MaxPartLength);
        Assert.Throws<InvalidKeyException>(() => EntityKey.Create(EntityKind.Dataset, separators, separators, separators));
        // Three parts of 1,000 CJK characters: 9,000 bytes of UTF-8, past what Neo4j indexes.
        var cjk = new string('日', 1_000);
        Assert.Throws<InvalidKeyException>(() => EntityKey.Create(EntityKind.Dataset, cjk, cjk, cjk));

        // At the bound, whatever the characters, the key round-trips, its percent-encoded form too.
        var atBound = EntityKey.Create(EntityKind.Dataset, new string('n', 1_000), new string('@', 1_000), new string('v', EntityKey.MaxKeyBytes - 8 - 1_000 - 3_000 - 2));
        Assert.Equal(EntityKey.MaxKeyBytes, Encoding.UTF8.GetByteCount(atBound.ToString()));
        Assert.Equal(atBound, EntityKey.Parse(atBound.ToString()));
        var encoded = "dataset:" + string.Concat(Encoding.UTF8.GetBytes("日本").Select(b => $"%{b:X2}")) + ":" + string.Concat(Encoding.UTF8.GetBytes("語").Select(b => $"%{b:X2}"));
        Assert.Equal(EntityKey.Create(EntityKind.Dataset, "日本", "語"), EntityKey.Parse(encoded));
        Assert.Throws<InvalidKeyException>(() => EntityKey.Parse(atBound.ToString() + "x"));

        // Text past what any key can be escaped to is refused before it is read, in one unit.
        var huge = Assert.Throws<InvalidKeyException>(() => EntityKey.Parse("dataset:a:" + new string('b', 3 * EntityKey.MaxKeyBytes)));
        Assert.Equal($"A key is at most 4096 bytes of UTF-8 once escaped; this one is {(3 * EntityKey.MaxKeyBytes) + 10} characters long, more than any such key.", huge.Message);
    }

    [Fact]
    public void A_part_is_counted_in_characters_so_an_emoji_is_one()
    {
        // 1,024 emoji are 2,048 UTF-16 code units: within the part limit; the whole key's bytes bound it then.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", EntityKey.MaxPartLength));
        var key = EntityKey.Create(EntityKind.Model, "m", emoji[..(2 * 1_000)]);
        Assert.Equal(key, EntityKey.Parse(key.ToString()));

        var error = Assert.Throws<InvalidKeyException>(() => EntityKey.Create(EntityKind.Dataset, emoji + "\U0001F600", "n"));
        Assert.Contains("is at most 1024 characters; this one has 1025", error.Message, StringComparison.Ordinal);
    }
}
