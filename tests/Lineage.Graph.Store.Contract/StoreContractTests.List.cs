using System.Buffers.Text;
using System.Text;
using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// ILineageStore.ListAsync: a page of current entities in key order, with filters and cursors.
public abstract partial class StoreContractTests
{
    private static EntityKey ListClicks { get; } = EntityKey.Create(EntityKind.Dataset, "s3://lake/raw", "clicks", "v1");
    private static EntityKey ListEventsV1 { get; } = Graphs.Dataset("events", "v1");
    private static EntityKey ListEventsV2 { get; } = Graphs.Dataset("events", "v2");
    private static EntityKey ListEventsCount { get; } = Graphs.Feature("Events_count");
    private static EntityKey ListJob { get; } = Graphs.Job("nightly");
    private static EntityKey ListModel { get; } = Graphs.Model("fraud");
    private static EntityKey ListRun { get; } = Graphs.Run("nightly", 7);

    /// <summary>Seven entities, in key order.</summary>
    private static EntityKey[] ListKeys { get; } = [ListClicks, ListEventsV1, ListEventsV2, ListEventsCount, ListJob, ListModel, ListRun];

    private Task<WriteResult> WriteListGraphAsync() => WriteAsync(
        new EntityInput { Key = ListRun },
        new EntityInput { Key = ListModel, Description = "Scores payments", Tags = ["fraud"] },
        new EntityInput { Key = ListJob, Description = "Rebuilds the events every night" },
        new EntityInput { Key = ListEventsCount },
        new EntityInput { Key = ListEventsV2, Description = "Click events", Tags = ["raw", "pii"] },
        new EntityInput { Key = ListEventsV1, Description = "Click events", Tags = ["raw"] },
        new EntityInput { Key = ListClicks });

    private async Task<EntityKey[]> ListKeysAsync(EntityQuery query) =>
        [.. (await ListAllAsync(query)).Select(e => e.Key)];

    [SkippableFact]
    public async Task List_returns_current_entities_in_key_order()
    {
        await WriteListGraphAsync();

        var page = await Store.ListAsync(new EntityQuery());

        Assert.Equal(
            [
                "dataset:s3://lake/raw:clicks@v1",
                "dataset:s3://lake:events@v1",
                "dataset:s3://lake:events@v2",
                "feature:features:Events_count@v1",
                "job:jobs:nightly",
                "model:registry:fraud@1",
                $"run:jobs:nightly@{Graphs.RunId(7)}",
            ],
            page.Items.Select(e => e.Key.ToString()));
        Assert.Equal(7, page.TotalCount);
        Assert.False(page.HasNextPage);
        Assert.Equal("Scores payments", page.Items[5].Description);
        Assert.Equal(["raw", "pii"], page.Items[2].Tags);
    }

    [SkippableFact]
    public async Task List_of_an_empty_store_is_empty()
    {
        var page = await Store.ListAsync(new EntityQuery());

        Assert.Empty(page.Items);
        Assert.False(page.HasNextPage);
        Assert.Equal(0, page.TotalCount);
    }

    [SkippableFact]
    public async Task List_filters_by_kind()
    {
        await WriteListGraphAsync();

        Assert.Equal([ListClicks, ListEventsV1, ListEventsV2], await ListKeysAsync(new EntityQuery { Kind = EntityKind.Dataset }));
        Assert.Equal([ListJob], await ListKeysAsync(new EntityQuery { Kind = EntityKind.Job }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Kind = EntityKind.Deployment }));
    }

    [SkippableFact]
    public async Task List_filters_by_exact_namespace()
    {
        await WriteListGraphAsync();

        Assert.Equal([ListEventsV1, ListEventsV2], await ListKeysAsync(new EntityQuery { Namespace = "s3://lake" }));
        Assert.Equal([ListClicks], await ListKeysAsync(new EntityQuery { Namespace = "s3://lake/raw" }));
        Assert.Equal([ListJob, ListRun], await ListKeysAsync(new EntityQuery { Namespace = "jobs" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Namespace = "s3://" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Namespace = "S3://LAKE" }));
    }

    [SkippableFact]
    public async Task List_filters_by_exact_name_to_list_the_versions_of_an_entity()
    {
        await WriteListGraphAsync();

        Assert.Equal(
            [ListEventsV1, ListEventsV2],
            await ListKeysAsync(new EntityQuery { Kind = EntityKind.Dataset, Namespace = "s3://lake", Name = "events" }));
        Assert.Equal([ListJob, ListRun], await ListKeysAsync(new EntityQuery { Name = "nightly" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Name = "event" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Name = "EVENTS" }));
    }

    [SkippableFact]
    public async Task List_filters_by_name_prefix_respecting_case()
    {
        await WriteListGraphAsync();

        Assert.Equal([ListEventsV1, ListEventsV2], await ListKeysAsync(new EntityQuery { NameStartsWith = "ev" }));
        Assert.Equal([ListEventsCount], await ListKeysAsync(new EntityQuery { NameStartsWith = "Events" }));
        Assert.Equal([ListJob, ListRun], await ListKeysAsync(new EntityQuery { NameStartsWith = "nightly" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { NameStartsWith = "vents" }));
    }

    [SkippableFact]
    public async Task List_filters_by_tag()
    {
        await WriteListGraphAsync();

        Assert.Equal([ListEventsV1, ListEventsV2], await ListKeysAsync(new EntityQuery { Tag = "raw" }));
        Assert.Equal([ListEventsV2], await ListKeysAsync(new EntityQuery { Tag = "pii" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Tag = "ra" }));
    }

    [SkippableFact]
    public async Task List_finds_text_in_namespace_name_or_description_ignoring_case()
    {
        await WriteListGraphAsync();

        Assert.Equal([ListEventsV1, ListEventsV2, ListEventsCount, ListJob], await ListKeysAsync(new EntityQuery { Text = "EVENTS" }));
        Assert.Equal([ListModel], await ListKeysAsync(new EntityQuery { Text = "payMENTS" }));
        Assert.Equal([ListClicks], await ListKeysAsync(new EntityQuery { Text = "lake/RAW" }));
        Assert.Equal([ListEventsV1, ListEventsV2], await ListKeysAsync(new EntityQuery { Text = "click events" }));

        // The version is not searched.
        Assert.Empty(await ListKeysAsync(new EntityQuery { Text = "v2" }));
    }

    [SkippableFact]
    public async Task List_by_namespace_name_and_text_finds_descriptions_of_that_entity_only()
    {
        await WriteListGraphAsync();
        await WriteAsync(new EntityInput { Key = ListClicks, Description = "Raw click events" });

        Assert.Equal([ListEventsV1, ListEventsV2], await ListKeysAsync(new EntityQuery { Namespace = "s3://lake", Name = "events", Text = "CLICK" }));
        Assert.Equal([ListEventsV1, ListEventsV2], await ListKeysAsync(new EntityQuery { Kind = EntityKind.Dataset, Namespace = "s3://lake", Name = "events", Text = "click" }));
        Assert.Equal([ListClicks], await ListKeysAsync(new EntityQuery { Namespace = "s3://lake/raw", Name = "clicks", Text = "click events" }));
        Assert.Equal([ListJob], await ListKeysAsync(new EntityQuery { Namespace = "jobs", Name = "nightly", Text = "every night" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Namespace = "s3://lake", Name = "events", Text = "raw click" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Kind = EntityKind.Feature, Namespace = "s3://lake", Name = "events", Text = "click" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Namespace = "s3://lake", Name = "nothing", Text = "click" }));
    }

    [SkippableFact]
    public async Task List_finds_text_ignoring_case_in_every_script()
    {
        var (umlaut, greek, plain) = (Graphs.Dataset("ÄRGER_report"), Graphs.Dataset("ΣΟΦΙΑ"), Graphs.Dataset("plain"));
        await WriteAsync(
            new EntityInput { Key = umlaut },
            new EntityInput { Key = greek },
            new EntityInput { Key = plain, Description = "Überblick der Woche" });

        Assert.Equal([umlaut], await ListKeysAsync(new EntityQuery { Text = "ärger" }));
        Assert.Equal([greek], await ListKeysAsync(new EntityQuery { Text = "σοφ" }));
        Assert.Equal([plain], await ListKeysAsync(new EntityQuery { Text = "ÜBERBLICK" }));
    }

    [SkippableFact]
    public async Task List_finds_text_with_the_characters_a_key_escapes_as_written()
    {
        var (colon, percent, at) = (Graphs.Dataset("a:b"), Graphs.Dataset("x%y"), EntityKey.Create(EntityKind.Dataset, "team@acme", "t", "v1"));
        await WriteGraphAsync([colon, percent, at]);

        Assert.Equal([colon], await ListKeysAsync(new EntityQuery { Text = "A:B" }));
        Assert.Equal([percent], await ListKeysAsync(new EntityQuery { Text = "%y" }));
        Assert.Equal([at], await ListKeysAsync(new EntityQuery { Text = "@ACME" }));

        // The key text writes '%' as "%25" and ':' in a name as "%3A": neither is in the name itself.
        Assert.Empty(await ListKeysAsync(new EntityQuery { Text = "25" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Text = "3a" }));
    }

    [SkippableFact]
    public async Task List_by_text_pages_and_counts_matches_in_names_and_descriptions_alike()
    {
        await WriteListGraphAsync();
        var query = new EntityQuery { Text = "events", First = 2 };

        var first = await Store.ListAsync(query);
        var second = await Store.ListAsync(query with { After = first.EndCursor });

        Assert.Equal([ListEventsV1, ListEventsV2], first.Items.Select(e => e.Key));
        Assert.Equal((true, 4), (first.HasNextPage, first.TotalCount));
        Assert.Equal([ListEventsCount, ListJob], second.Items.Select(e => e.Key));
        Assert.Equal((false, 4), (second.HasNextPage, second.TotalCount));
    }

    [SkippableFact]
    public async Task List_combines_its_filters()
    {
        await WriteListGraphAsync();

        Assert.Equal(
            [ListEventsV2],
            await ListKeysAsync(new EntityQuery { Kind = EntityKind.Dataset, Namespace = "s3://lake", NameStartsWith = "ev", Tag = "pii", Text = "click" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Kind = EntityKind.Feature, Tag = "raw" }));
        Assert.Equal(
            2,
            (await Store.ListAsync(new EntityQuery { Kind = EntityKind.Dataset, Text = "events", First = 1 })).TotalCount);
    }

    [SkippableFact]
    public async Task List_matches_wildcard_characters_literally()
    {
        var (underscore, letter, percent, upper) =
            (Graphs.Dataset("a_b", @namespace: "wild"), Graphs.Dataset("axb", @namespace: "wild"), Graphs.Dataset("a%b", @namespace: "wild"), Graphs.Dataset("A_B", @namespace: "wild"));
        await WriteAsync(
            new EntityInput { Key = underscore },
            new EntityInput { Key = letter, Description = "50% off" },
            new EntityInput { Key = percent },
            new EntityInput { Key = upper });

        Assert.Equal([underscore], await ListKeysAsync(new EntityQuery { NameStartsWith = "a_" }));
        Assert.Equal([percent], await ListKeysAsync(new EntityQuery { NameStartsWith = "a%" }));
        Assert.Equal([upper, underscore], await ListKeysAsync(new EntityQuery { Text = "a_b" }));
        Assert.Equal([percent, letter], await ListKeysAsync(new EntityQuery { Text = "%" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Namespace = "wil_" }));
        Assert.Empty(await ListKeysAsync(new EntityQuery { Text = "*" }));
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    public async Task List_pages_cover_every_entity_exactly_once(int first)
    {
        await WriteListGraphAsync();
        var seen = new List<EntityKey>();
        var pages = 0;
        string? after = null;

        while (true)
        {
            var page = await Store.ListAsync(new EntityQuery { First = first, After = after });
            pages++;
            Assert.Equal(7, page.TotalCount);
            Assert.InRange(page.Items.Count, 1, first);
            seen.AddRange(page.Items.Select(e => e.Key));
            if (!page.HasNextPage)
            {
                break;
            }

            Assert.Equal(first, page.Items.Count);
            Assert.NotNull(page.EndCursor);
            after = page.EndCursor;
        }

        Assert.Equal(ListKeys, seen);
        Assert.Equal((7 + first - 1) / first, pages);
    }

    [SkippableFact]
    public async Task List_pages_through_a_filtered_listing()
    {
        await WriteListGraphAsync();

        var first = await Store.ListAsync(new EntityQuery { Kind = EntityKind.Dataset, First = 2 });
        var second = await Store.ListAsync(new EntityQuery { Kind = EntityKind.Dataset, First = 2, After = first.EndCursor });

        Assert.Equal([ListClicks, ListEventsV1], first.Items.Select(e => e.Key));
        Assert.Equal((true, 3), (first.HasNextPage, first.TotalCount));
        Assert.Equal([ListEventsV2], second.Items.Select(e => e.Key));
        Assert.Equal((false, 3), (second.HasNextPage, second.TotalCount));
    }

    [SkippableFact]
    public async Task List_pages_through_a_listing_by_namespace_and_name_prefix()
    {
        await WriteListGraphAsync();
        var query = new EntityQuery { Namespace = "s3://lake", NameStartsWith = "ev", First = 1 };

        var first = await Store.ListAsync(query);
        var second = await Store.ListAsync(query with { After = first.EndCursor });

        Assert.Equal([ListEventsV1], first.Items.Select(e => e.Key));
        Assert.Equal((true, 2), (first.HasNextPage, first.TotalCount));
        Assert.Equal([ListEventsV2], second.Items.Select(e => e.Key));
        Assert.Equal((false, 2), (second.HasNextPage, second.TotalCount));
    }

    [SkippableFact]
    public async Task List_by_namespace_or_name_leaves_out_retired_entities()
    {
        await WriteListGraphAsync();
        await Store.RetireAsync(new RetireRequest { Entities = [ListEventsV1] });

        var byName = await Store.ListAsync(new EntityQuery { Kind = EntityKind.Dataset, Namespace = "s3://lake", Name = "events" });

        Assert.Equal([ListEventsV2], byName.Items.Select(e => e.Key));
        Assert.Equal(1, byName.TotalCount);
        Assert.Equal([ListEventsV2], await ListKeysAsync(new EntityQuery { Namespace = "s3://lake" }));
        Assert.Equal([ListEventsV2], await ListKeysAsync(new EntityQuery { NameStartsWith = "events" }));
    }

    [SkippableFact]
    public async Task List_cursor_still_works_after_its_entity_is_retired()
    {
        await WriteListGraphAsync();
        var first = await Store.ListAsync(new EntityQuery { First = 3 });
        await Store.RetireAsync(new RetireRequest { Entities = [first.Items[^1].Key] });

        var second = await Store.ListAsync(new EntityQuery { First = 3, After = first.EndCursor });

        Assert.Equal([ListEventsCount, ListJob, ListModel], second.Items.Select(e => e.Key));
        Assert.True(second.HasNextPage);
        Assert.Equal(6, second.TotalCount);
    }

    [SkippableTheory]
    [InlineData("not a cursor!")]
    [InlineData("aGVsbG8")]
    [InlineData("k:dataset:s3://lake:events@v1")]
    public async Task List_rejects_a_cursor_it_did_not_hand_out(string cursor)
    {
        await WriteListGraphAsync();

        var ex = await Assert.ThrowsAsync<InvalidCursorException>(() => Store.ListAsync(new EntityQuery { After = cursor }));

        Assert.Equal(ErrorCodes.InvalidCursor, ex.Code);
    }

    [SkippableFact]
    public async Task List_rejects_a_cursor_that_holds_no_key()
    {
        var ex = await Assert.ThrowsAsync<InvalidCursorException>(() =>
            Store.ListAsync(new EntityQuery { After = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("k:not a key")) }));

        Assert.Equal(ErrorCodes.InvalidCursor, ex.Code);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(EntityQuery.MaxFirst + 1)]
    public async Task List_rejects_a_page_size_outside_one_to_a_thousand(int first)
    {
        var ex = await Assert.ThrowsAsync<LimitExceededException>(() => Store.ListAsync(new EntityQuery { First = first }));

        Assert.Equal(ErrorCodes.LimitExceeded, ex.Code);
    }
}
