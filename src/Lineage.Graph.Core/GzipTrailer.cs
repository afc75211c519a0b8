using System.Buffers.Binary;

namespace Lineage.Graph.Core;

/// <summary>
/// Checks a gzip body's trailer against what it expanded to. <see cref="System.IO.Compression.GZipStream"/>
/// ends quietly where a stream is cut off, handing back a prefix of the data as if it were all
/// of it; only the trailer (RFC 1952: CRC-32 and length of the member's data) shows the loss.
/// The server checks request bodies in memory, the CLI import files expanded to disk.
/// </summary>
public static class GzipTrailer
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>
    /// Whether the last eight bytes of <paramref name="compressed"/> are the trailer of the last
    /// gzip member in <paramref name="expanded"/>. A body of several members (concatenated gzip
    /// files, which GZipStream expands one after another) ends with its last member's trailer, and
    /// that member's data is the last <c>ISIZE</c> bytes of the whole. A cut-off body ends in
    /// compressed data instead, which matches by chance once in 2^32.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> compressed, ReadOnlySpan<byte> expanded)
    {
        if (compressed.Length < 8)
        {
            return false;
        }

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(compressed[^8..]);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(compressed[^4..]);

        // Bodies are far below 4 GiB (the body limit), so ISIZE, the length modulo 2^32, is the length.
        return !IsZeroFill(crc, size, expanded.Length) && size <= (uint)expanded.Length && ~Update(uint.MaxValue, expanded[^(int)size..]) == crc;
    }

    /// <summary>
    /// Whether a trailer reads as eight zero bytes over data that expanded to something: an empty last
    /// member's trailer, whose CRC of nothing is 0, but also what a cut file zero-filled after its end
    /// (a preallocated download) ends with, which GZipStream expands without complaint. A real empty
    /// member after others (<c>cat data.gz empty.gz</c>) is refused with it, a price worth the cut it catches.
    /// </summary>
    private static bool IsZeroFill(uint crc, uint size, long expanded) => crc == 0 && size == 0 && expanded > 0;

    /// <summary>
    /// <see cref="Matches(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> for files, read from the end without
    /// holding either. ISIZE is the last member's length modulo 2^32, so a file that expands past 4 GiB
    /// has each length it may stand for tried.
    /// </summary>
    public static async Task<bool> MatchesAsync(Stream compressed, Stream expanded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        ArgumentNullException.ThrowIfNull(expanded);
        if (compressed.Length < 8)
        {
            return false;
        }

        var trailer = new byte[8];
        compressed.Position = compressed.Length - 8;
        await compressed.ReadExactlyAsync(trailer, cancellationToken).ConfigureAwait(false);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        if (IsZeroFill(crc, BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(4)), expanded.Length))
        {
            return false;
        }

        var buffer = new byte[64 * 1024];
        for (long size = BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(4)); size <= expanded.Length; size += 1L << 32)
        {
            expanded.Position = expanded.Length - size;
            var sum = uint.MaxValue;
            int read;
            while ((read = await expanded.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sum = Update(sum, buffer.AsSpan(0, read));
            }

            if (~sum == crc)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>CRC-32 as gzip computes it (ISO 3309, reflected polynomial 0xEDB88320), carried on from <paramref name="crc"/> (all ones to begin; the sum is its complement).</summary>
    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
