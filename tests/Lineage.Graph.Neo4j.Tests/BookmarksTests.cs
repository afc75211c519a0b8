namespace Lineage.Graph.Neo4j.Tests;

public sealed class BookmarksTests
{
    [Fact]
    public void Writes_that_ran_at_the_same_time_keep_each_others_bookmarks()
    {
        var bookmarks = new Bookmarks();
        bookmarks.Update([], ["FB:0"]);
        var first = bookmarks.Current;
        var second = bookmarks.Current;

        bookmarks.Update(first, ["FB:1"]);
        bookmarks.Update(second, ["FB:2"]);

        Assert.Equal(["FB:1", "FB:2"], bookmarks.Current);
    }

    [Fact]
    public void A_write_replaces_the_bookmarks_it_was_sent()
    {
        var bookmarks = new Bookmarks();
        bookmarks.Update([], ["FB:1"]);
        bookmarks.Update([], ["FB:2"]);

        bookmarks.Update(bookmarks.Current, ["FB:3"]);

        Assert.Equal(["FB:3"], bookmarks.Current);
    }

    [Fact]
    public void An_answer_without_bookmarks_keeps_those_it_was_sent()
    {
        var bookmarks = new Bookmarks();
        bookmarks.Update([], ["FB:1"]);

        bookmarks.Update(bookmarks.Current, []);

        Assert.Equal(["FB:1"], bookmarks.Current);
    }
}
