using System.Buffers.Binary;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// Checks a gzip body's trailer against what it expanded to. <see cref="System.IO.Compression.GZipStream"/>
/// ends quietly where a stream is cut off, handing back a prefix of the data as if it were all
/// of it; only the trailer (RFC 1952: CRC-32 and length of the member's data) shows the loss.
/// </summary>
internal static class GzipTrailer
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
        return size <= (uint)expanded.Length && Crc32(expanded[^(int)size..]) == crc;
    }

    /// <summary>CRC-32 as gzip computes it (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
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
