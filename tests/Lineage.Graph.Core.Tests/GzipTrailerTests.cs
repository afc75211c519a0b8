using System.IO.Compression;
using System.Text;

namespace Lineage.Graph.Core.Tests;

public sealed class GzipTrailerTests
{
    private static readonly byte[] Text = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 500).Select(i => $"{{\"line\": {i}, \"id\": \"{Guid.NewGuid()}\"}}")));

    [Fact]
    public async Task A_whole_file_and_concatenated_files_match_and_a_cut_one_does_not()
    {
        var whole = Gzip(Text);

        Assert.True(await MatchesAsync(whole, Text));
        Assert.True(await MatchesAsync([.. Gzip(Text[..100]), .. Gzip(Text[100..])], Text));
        Assert.False(await MatchesAsync(whole[..(whole.Length / 2)], Text[..(Text.Length / 3)]));
    }

    [Fact]
    public async Task Eight_zero_bytes_after_data_are_no_trailer()
    {
        // What a cut file zero-filled to its length ends with: CRC 0 and ISIZE 0 read as an empty last member, whose CRC is 0.
        var zeroFilled = (byte[])[.. Gzip(Text)[..200], .. new byte[4096]];

        Assert.False(GzipTrailer.Matches(zeroFilled, Text[..50]));
        Assert.False(await MatchesAsync(zeroFilled, Text[..50]));
    }

    private static async Task<bool> MatchesAsync(byte[] compressed, byte[] expanded)
    {
        using var a = new MemoryStream(compressed);
        using var b = new MemoryStream(expanded);
        return await GzipTrailer.MatchesAsync(a, b, CancellationToken.None);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
