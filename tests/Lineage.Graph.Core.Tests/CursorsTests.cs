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
}
