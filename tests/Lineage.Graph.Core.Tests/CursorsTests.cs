namespace Lineage.Graph.Core.Tests;

public sealed class CursorsTests
{
    [Fact]
    public void A_cursor_stands_for_its_key()
    {
        var key = EntityKey.Parse("dataset:s3://b/p:名前@v%401");

        Assert.Equal(key, Cursors.ToKey(Cursors.ForKey(key)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("ZGF0YXNldDpuczpu")]
    public void Anything_else_is_an_invalid_cursor(string cursor) =>
        Assert.Equal(ErrorCodes.InvalidCursor, Assert.Throws<InvalidCursorException>(() => Cursors.ToKey(cursor)).Code);

    [Fact]
    public void A_cursor_altered_in_a_way_the_decoder_tolerates_is_refused()
    {
        // Base64Url decoding skips whitespace and takes '%' as padding, so these decoded to the same
        // key; a cursor is only what ForKey handed out, character for character.
        var cursor = Cursors.ForKey(EntityKey.Parse("dataset:ns:orders@1"));
        string[] altered = [cursor + "%", cursor + "%%", cursor[..4] + " " + cursor[4..], cursor + "\n", cursor + "="];

        foreach (var text in altered)
        {
            Assert.Equal(ErrorCodes.InvalidCursor, Assert.Throws<InvalidCursorException>(() => Cursors.ToKey(text)).Code);
        }
    }

    [Fact]
    public void Bytes_that_are_not_UTF_8_are_an_invalid_cursor()
    {
        // GetString would read them as U+FFFD, a key no cursor was handed out for.
        var bytes = System.Text.Encoding.UTF8.GetBytes("k:dataset:ns:a").Concat(new byte[] { 0xFF, 0xFE }).ToArray();

        Assert.Throws<InvalidCursorException>(() => Cursors.ToKey(System.Buffers.Text.Base64Url.EncodeToString(bytes)));
    }
}
