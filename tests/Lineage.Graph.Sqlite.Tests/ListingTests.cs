using Lineage.Graph.Core;

namespace Lineage.Graph.Sqlite.Tests;

/// <summary>
/// A listing is paged from the in-memory index unless it filters by tag, which only the rows
/// hold; then SQL pages it. Both must give the same order, the one SQLite gives the key column,
/// and the same matches for the filters the index answers from key text.
/// </summary>
public sealed class ListingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lineage-listing-").FullName;

    [Fact]
    public async Task A_page_read_while_another_process_retires_its_entities_is_full_and_says_more_follow()
    {
        // The index chooses a page's ids; a row retired by another writer after this store caught
        // up is left out, and the page must ask the index for one more id rather than come up short.
        var path = Path.Combine(_folder, "race.db");
        var keys = Enumerable.Range(0, 600).Select(i => EntityKey.Create(EntityKind.Dataset, "race", $"d{i:D4}", "1")).ToList();
        await using var reader = SqliteLineageStore.Open(new SqliteStoreOptions { Path = path, EntityCacheSize = 0 }, new TraversalLimits(), TimeProvider.System);
        await using var retirer = SqliteLineageStore.Open(new SqliteStoreOptions { Path = path }, new TraversalLimits(), TimeProvider.System);
        await reader.WriteAsync(new WriteBatch { Entities = [.. keys.Select(k => new EntityInput { Key = k })] });

        var retiring = Task.Run(async () =>
        {
            foreach (var key in keys.Take(300))
            {
                await retirer.RetireAsync(new RetireRequest { Entities = [key] });
            }
        });
        var shortPages = new List<string>();
        var pages = 0;
        while (!retiring.IsCompleted)
        {
            var page = await reader.ListAsync(new EntityQuery { Namespace = "race", First = 20 });
            pages++;
            if (page.Items.Count != 20 || !page.HasNextPage)
            {
                shortPages.Add($"{page.Items.Count} items, hasNextPage {page.HasNextPage}");
            }
        }

        await retiring;
        Assert.True(pages > 0);
        Assert.Empty(shortPages);
    }

    [Fact]
    public async Task The_index_pages_in_the_order_and_with_the_counts_that_SQL_pages_in()
    {
        // Names whose UTF-8 order differs from their UTF-16 order (a character above U+FFFF
        // against one just below it), escapes, case, spaces and combining marks.
        string[] names = ["a", "B", "a b", "a%b", "a@b", "é", "e\u0301", "\uFFFD", "😀", "z", "Z", "0", "~", "数据"];
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Path.Combine(_folder, "lineage.db") }, new TraversalLimits(), TimeProvider.System);
        await store.WriteAsync(new WriteBatch
        {
            Entities =
            [
                .. names.Select(name => new EntityInput { Key = EntityKey.Create(EntityKind.Dataset, "order", name, "1"), Tags = ["all"] }),
                .. names.Select(name => new EntityInput { Key = EntityKey.Create(EntityKind.Model, "order", name, "1"), Tags = ["all"] }),
            ],
        });
        await store.RetireAsync(new RetireRequest { Entities = [EntityKey.Create(EntityKind.Dataset, "order", "z", "1")] });

        foreach (var first in new[] { 1, 4, 50 })
        {
            // Kind alone: the index. The same kind and the tag every entity has: SQL.
            var fromIndex = await PagesAsync(store, new EntityQuery { Kind = EntityKind.Dataset, First = first });
            var fromRows = await PagesAsync(store, new EntityQuery { Kind = EntityKind.Dataset, Tag = "all", First = first });

            Assert.Equal(fromRows.Keys, fromIndex.Keys);
            Assert.Equal((names.Length - 1, names.Length - 1, names.Length - 1), (fromIndex.Keys.Count, fromIndex.Total, fromRows.Total));
        }

        var everything = await PagesAsync(store, new EntityQuery { First = 5 });
        var everythingFromRows = await PagesAsync(store, new EntityQuery { Tag = "all", First = 5 });
        Assert.Equal(everythingFromRows.Keys, everything.Keys);
        Assert.Equal((2 * names.Length - 1, 2 * names.Length - 1), (everything.Total, everythingFromRows.Total));

        // The filters the index matches on key text, each against SQL on the rows' columns.
        EntityQuery[] filtered =
        [
            new() { Namespace = "order" },
            new() { Kind = EntityKind.Model, Namespace = "order", Name = "a%b" },
            new() { Name = "e\u0301" },
            new() { NameStartsWith = "a" },
            new() { Text = "A" },
            new() { Text = "%B" },
            new() { Text = "据" },
            new() { Kind = EntityKind.Dataset, Text = "É" },
        ];
        foreach (var query in filtered)
        {
            var byIndex = await PagesAsync(store, query with { First = 3 });
            var byRows = await PagesAsync(store, query with { Tag = "all", First = 3 });
            Assert.Equal(byRows.Keys, byIndex.Keys);
            Assert.Equal(byRows.Total, byIndex.Total);
            Assert.NotEmpty(byIndex.Keys);
        }
    }

    [Fact]
    public async Task Text_in_namespaces_and_names_is_found_as_SQL_finds_it()
    {
        // Short names from a few letters, so that texts often start to match and then fail, match
        // at either end of a part, or only across the ':' between namespace and name; versions
        // that hold the text (never searched); escapes; and a character that lower-cases to ASCII.
        var random = new Random(7);
        string Word(int length) => new([.. Enumerable.Range(0, length).Select(_ => "abAB:%"[random.Next(6)])]);
        var keys = Enumerable.Range(0, 300)
            .Select(_ => EntityKey.Create(EntityKind.Dataset, Word(random.Next(1, 5)), Word(random.Next(1, 5)), Word(random.Next(1, 4))))
            .Append(EntityKey.Create(EntityKind.Dataset, "units", "\u212Aelvin", "1"))
            .Distinct()
            .ToList();
        await using var store = SqliteLineageStore.Open(new SqliteStoreOptions { Path = Path.Combine(_folder, "lineage.db") }, new TraversalLimits(), TimeProvider.System);
        await store.WriteAsync(new WriteBatch { Entities = [.. keys.Select(key => new EntityInput { Key = key, Tags = ["all"] })] });

        string[] texts = ["a", "B", "ab", "BA", "aab", "bab", "abab", "b:a", ":", "%", "%a", "a%", "25", "3a", "kelvin", "KELVIN", "zzz"];
        foreach (var text in texts)
        {
            var byIndex = await PagesAsync(store, new EntityQuery { Text = text, First = 1000 });
            var byRows = await PagesAsync(store, new EntityQuery { Text = text, Tag = "all", First = 1000 });
            Assert.True(byRows.Keys.SequenceEqual(byIndex.Keys), $"text '{text}': the index found {byIndex.Total}, SQL {byRows.Total}");
        }

        Assert.Single((await PagesAsync(store, new EntityQuery { Text = "kelvin", First = 10 })).Keys);
    }

    /// <summary>Every key of a listing, page after page, and the total each page gave (all the same).</summary>
    private static async Task<(List<string> Keys, int Total)> PagesAsync(ILineageStore store, EntityQuery query)
    {
        var keys = new List<string>();
        var totals = new HashSet<int>();
        EntityPage page;
        do
        {
            page = await store.ListAsync(query);
            keys.AddRange(page.Items.Select(e => e.Key.ToString()));
            totals.Add(page.TotalCount);
            query = query with { After = page.EndCursor };
        }
        while (page.HasNextPage);

        return (keys, Assert.Single(totals));
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }
}
