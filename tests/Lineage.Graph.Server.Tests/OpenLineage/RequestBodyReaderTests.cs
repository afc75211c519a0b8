using System.IO.Compression;
using System.Text;
using Lineage.Graph.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary>The body reader on its own, where what a gzip bomb costs can be counted exactly.</summary>
public sealed class RequestBodyReaderTests
{
    private const int Limit = 64 * 1024;

    [Fact]
    public async Task A_gzip_bomb_costs_no_more_memory_than_the_limit()
    {
        // 60 MiB of zeros compress to under the 64 KiB limit, so only the limit on the expanded body can stop it.
        var bomb = Compress(60 * 1024 * 1024);
        Assert.True(bomb.Length < Limit, $"The bomb is {bomb.Length} bytes compressed.");
        var context = Request(bomb, announce: false);

        // The body is a MemoryStream, so every read completes at once on this thread, and its allocations are all counted here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (body, failure) = await RequestBodyReader.ReadAsync(context, Limit);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(body);
        Assert.Equal((StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE"), (failure!.Status, failure.Code));
        Assert.True(allocated < 2 * 1024 * 1024, $"Reading the bomb allocated {allocated} bytes.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_utf8_byte_order_mark_is_dropped_plain_or_compressed(bool gzip)
    {
        byte[] json = [.. "\uFEFF"u8, .. """{"a":1}"""u8];
        var (body, failure) = await RequestBodyReader.ReadAsync(Request(gzip ? Compress(json) : json, announce: gzip), Limit);

        Assert.Null(failure);
        Assert.Equal("""{"a":1}"""u8.ToArray(), body);
    }

    [Fact]
    public async Task A_gzip_body_just_under_the_limit_expands_whole()
    {
        var json = Encoding.UTF8.GetBytes("[" + new string(' ', Limit - 2) + "]");
        var (body, failure) = await RequestBodyReader.ReadAsync(Request(Compress(json), announce: true), Limit);

        Assert.Null(failure);
        Assert.Equal(json, body);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    [InlineData(-1)]
    public async Task A_cut_off_gzip_body_is_refused_not_read_as_its_first_part(int cut)
    {
        // An array of events compressed, then cut: inside the trailer, at its start (the data whole),
        // inside the compressed data (GZipStream hands back a prefix), or halfway (-1).
        var gzip = Compress(Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 2_000).Select(i => $$"""{"n":{{i}}}""")) + "]"));
        var cutOff = gzip[..(gzip.Length - (cut < 0 ? gzip.Length / 2 : cut))];

        var (body, failure) = await RequestBodyReader.ReadAsync(Request(cutOff, announce: true), Limit);

        Assert.Null(body);
        Assert.Equal((StatusCodes.Status400BadRequest, "INVALID_REQUEST"), (failure!.Status, failure.Code));
        Assert.Contains("cut off", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_body_with_bytes_after_its_end_or_a_wrong_checksum_is_refused()
    {
        var gzip = Compress("""{"a":1}"""u8.ToArray());
        var wrongChecksum = (byte[])gzip.Clone();
        wrongChecksum[^8] ^= 0x01;

        foreach (var corrupt in new[] { [.. gzip, 0, 0, 0], wrongChecksum })
        {
            var (body, failure) = await RequestBodyReader.ReadAsync(Request(corrupt, announce: false), Limit);

            Assert.Null(body);
            Assert.Equal((StatusCodes.Status400BadRequest, "INVALID_REQUEST"), (failure!.Status, failure.Code));

            // .NET calls a wrong checksum an "unsupported compression method", which would send a producer to its settings.
            Assert.DoesNotContain("unsupported", failure.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Concatenated_gzip_members_expand_whole()
    {
        // gzip files joined end to end are one valid gzip file (RFC 1952, 2.2); `cat a.gz b.gz` makes them.
        var (body, failure) = await RequestBodyReader.ReadAsync(
            Request([.. Compress("""[{"a":1},"""u8.ToArray()), .. Compress("""{"b":2}]"""u8.ToArray())], announce: true), Limit);

        Assert.Null(failure);
        Assert.Equal("""[{"a":1},{"b":2}]"""u8.ToArray(), body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1F8B080000000000000303000000000000000000")]
    public async Task Gzip_of_nothing_is_an_empty_body(string hex)
    {
        // .NET writes nothing for no data; gzip(1) writes a header, an empty block and a trailer of zeros.
        var (body, failure) = await RequestBodyReader.ReadAsync(Request(Convert.FromHexString(hex), announce: true), Limit);

        Assert.Null(failure);
        Assert.Empty(body!);
    }

    [Theory]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task Encodings_other_than_gzip_are_refused(string encoding)
    {
        var context = Request([1, 2, 3], announce: false);
        context.Request.Headers.ContentEncoding = encoding;

        var (_, failure) = await RequestBodyReader.ReadAsync(context, Limit);

        Assert.Equal((StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"), (failure!.Status, failure.Code));
    }

    private static DefaultHttpContext Request(byte[] body, bool announce)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        if (announce)
        {
            context.Request.Headers.ContentEncoding = "gzip";
        }

        return context;
    }

    private static byte[] Compress(int zeros) => Compress(new byte[zeros]);

    private static byte[] Compress(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }
}
