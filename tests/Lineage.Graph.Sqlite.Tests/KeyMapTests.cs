namespace Lineage.Graph.Sqlite.Tests;

public sealed class KeyMapTests
{
    [Fact]
    public void A_key_whose_hash_matches_another_keys_is_told_apart_by_its_text_ASCII_or_not()
    {
        // Find takes the hash from its caller, so another key's hash makes the probe meet that key's
        // slot, as a real collision would: the texts must be compared, each way round.
        var map = new KeyMap();
        string[] stored = ["dataset:a:b@1", "dataset:ü:数据@1", "dataset:a:bc@1"];
        for (var i = 0; i < stored.Length; i++)
        {
            map.Add(i + 1, stored[i]);
        }

        foreach (var (key, hashOf) in new[]
        {
            ("dataset:a:c@1", stored[0]), ("dataset:a:b@2", stored[0]), ("dataset:a:b@", stored[0]), ("dataset:a:ü@1", stored[0]),
            ("dataset:u:数据@1", stored[1]), ("dataset:ü:数@1", stored[1]), ("dataset:ü:数据@2", stored[1]), ("dataset:ü:数据@1 ", stored[1]),
        })
        {
            Assert.Equal(0, map.Find(key, hashOf.GetHashCode()));
        }

        for (var i = 0; i < stored.Length; i++)
        {
            Assert.Equal(i + 1, map.Find(stored[i], stored[i].GetHashCode()));
        }
    }

    [Fact]
    public void Every_key_is_found_across_growth_and_chunks_and_a_missing_key_is_not()
    {
        // 20,000 keys of up to 2 KB of UTF-8 fill several 1 MiB chunks and grow the table many
        // times; long ones take the rented buffer instead of the stack one.
        var (map, keys) = Filled(20_000);

        Assert.Equal(keys.Count, map.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal(i + 1, Find(map, keys[i]));
            Assert.Equal(keys[i], map.KeyOf(i + 1));
        }

        Assert.Equal(0, Find(map, "dataset:nowhere:missing"));
        Assert.Equal(0, Find(map, keys[5] + " "));
        Assert.Null(map.KeyOf(keys.Count + 1));
    }

    [Fact]
    public void Removed_keys_are_gone_and_every_other_key_is_still_found()
    {
        // Removing shifts later entries of a probe run back; a wrong shift loses a key that
        // probed past the removed one, so every survivor is looked up again.
        var (map, keys) = Filled(5_000);

        var removed = Enumerable.Range(1, keys.Count).Where(id => id % 3 == 0 || id % 7 == 0).ToHashSet();
        foreach (var id in removed)
        {
            map.Remove(id);
        }

        Assert.Equal(keys.Count - removed.Count, map.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal(removed.Contains(i + 1) ? 0 : i + 1, Find(map, keys[i]));
        }

        // A purged key may come back under a new id.
        map.Add(keys.Count + 1, keys[2]);
        Assert.Equal(keys.Count + 1, Find(map, keys[2]));
    }

    [Fact]
    public void Random_adds_and_removes_answer_as_a_dictionary_does()
    {
        // A few dozen live keys keep the table at its smallest size, where probe runs are long and
        // wrap past its end: the cases backward-shift deletion can get wrong.
        var random = new Random(3);
        var map = new KeyMap();
        var expected = new Dictionary<string, int>();
        var nextId = 1;
        for (var step = 0; step < 20_000; step++)
        {
            var key = $"run:ns:job@{random.Next(60)}";
            if (expected.Remove(key, out var id))
            {
                map.Remove(id);
            }
            else
            {
                expected[key] = nextId;
                map.Add(nextId++, key);
            }

            if (step % 97 == 0)
            {
                Assert.Equal(expected.Count, map.Count);
                Assert.All(Enumerable.Range(0, 60).Select(i => $"run:ns:job@{i}"), k => Assert.Equal(expected.GetValueOrDefault(k), Find(map, k)));
            }
        }
    }

    [Fact]
    public void The_versions_of_an_entity_are_its_keys_with_the_same_text_before_the_version_whatever_was_removed()
    {
        // Random adds and removes over 40 entities of up to 30 versions each (some without a
        // version), checked against a dictionary: chains lose heads, tails and middles, emptied
        // chains fill again, and the table of chains grows.
        var random = new Random(5);
        var map = new KeyMap();
        var expected = new Dictionary<string, int>();
        var nextId = 1;
        for (var step = 0; step < 20_000; step++)
        {
            var entity = random.Next(40);
            var key = entity % 10 == 0 ? $"job:ns:job_{entity}" : $"run:ns:job_{entity}@{random.Next(30)}";
            if (expected.Remove(key, out var id))
            {
                map.Remove(id);
            }
            else
            {
                expected[key] = nextId;
                map.Add(nextId++, key);
            }

            if (step % 101 == 0)
            {
                for (var e = 0; e < 40; e++)
                {
                    var logical = e % 10 == 0 ? $"job:ns:job_{e}" : $"run:ns:job_{e}";
                    var versions = expected.Where(p => p.Key == logical || p.Key.StartsWith(logical + "@", StringComparison.Ordinal)).Select(p => p.Value).Order();
                    Assert.Equal(versions, map.VersionsOf(System.Text.Encoding.UTF8.GetBytes(logical)).Order());
                }
            }
        }
    }

    [Fact]
    public void A_key_that_moves_to_a_newer_id_moves_in_its_chain_of_versions_too()
    {
        var map = new KeyMap();
        map.Add(5, "dataset:ns:k@1");
        map.Add(6, "dataset:ns:k@2");
        map.Add(9, "dataset:ns:k@1");

        Assert.Equal([6, 9], map.VersionsOf("dataset:ns:k"u8).Order());
        map.Remove(5);
        Assert.Equal([6, 9], map.VersionsOf("dataset:ns:k"u8).Order());
        Assert.Empty(map.VersionsOf("dataset:ns:other"u8));

        // A name that starts like another's is another entity.
        map.Add(10, "dataset:ns:k2@1");
        Assert.Equal([6, 9], map.VersionsOf("dataset:ns:k"u8).Order());
    }

    [Fact]
    public void A_key_moves_to_a_newer_id_and_removing_the_older_id_leaves_it()
    {
        // One catch-up can hold a new row of a key and the purge of its older row; it applies
        // the rows first.
        var map = new KeyMap();
        map.Add(5, "dataset:ns:k@1");
        map.Add(9, "dataset:ns:k@1");
        map.Remove(5);

        Assert.Equal(9, Find(map, "dataset:ns:k@1"));
        Assert.Null(map.KeyOf(5));
        Assert.Equal(1, map.Count);

        // An older row read after the newer one does not take the key back.
        map.Add(7, "dataset:ns:k@1");
        Assert.Equal(9, Find(map, "dataset:ns:k@1"));
    }

    [Fact]
    public void An_id_keeps_the_key_it_was_first_given()
    {
        // Catching up reads updated rows again; their key is the one the id has.
        var map = new KeyMap();
        map.Add(3, "model:ns:a@1");
        map.Add(3, "model:ns:a@1");
        map.Add(3, "model:ns:b@1");

        Assert.Equal((3, 0, 1), (Find(map, "model:ns:a@1"), Find(map, "model:ns:b@1"), map.Count));
    }

    [Fact]
    public void An_entity_key_hashes_as_its_text_does()
    {
        // The store finds an EntityKey's row with the key's own hash, and a row read from the
        // file with its text's: the two must be the same.
        foreach (var text in new[] { "dataset:s3://bucket/raw:events@2024-06-01", "model:ns:数据 x%40y@1", "job:airflow:dag.task" })
        {
            var key = Core.EntityKey.Parse(text);
            Assert.Equal(key.ToString().GetHashCode(), key.GetHashCode());
            Assert.Equal(key.GetHashCode(), key.GetHashCode());
        }
    }

    private static int Find(KeyMap map, string key) => map.Find(key, key.GetHashCode());

    /// <summary>A map of <paramref name="count"/> keys under the ids 1 to <paramref name="count"/>, in order.</summary>
    private static (KeyMap Map, List<string> Keys) Filled(int count)
    {
        var map = new KeyMap();
        var keys = Keys(count);
        for (var i = 0; i < keys.Count; i++)
        {
            map.Add(i + 1, keys[i]);
        }

        return (map, keys);
    }

    /// <summary>Distinct keys with what keys may hold: unicode, spaces, escapes, and some very long.</summary>
    private static List<string> Keys(int count)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(i => i % 97 == 0
            ? $"dataset:s3://bucket/{new string('ü', 600 + random.Next(400))}:t{i}@v1"
            : $"dataset:ns {i % 13}/数据:table%40{i}@{random.Next(1_000)}")];
    }
}
