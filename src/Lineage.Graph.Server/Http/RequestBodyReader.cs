using System.IO.Compression;
using Lineage.Graph.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Lineage.Graph.Server.Http;

/// <summary>
/// Reads a request body into memory within a byte limit that holds after decompression. Bodies
/// may be gzip-compressed, announced by <c>Content-Encoding: gzip</c> or not: OpenLineage
/// clients compress without always saying so, and gzip's magic bytes cannot begin a JSON text.
/// </summary>
/// <remarks>
/// Neither the compressed nor the expanded body is ever held past the limit plus one read
/// chunk, so a gzip bomb (a few kilobytes that expand to gigabytes) costs no more memory than
/// an honest body of the largest allowed size.
/// </remarks>
internal static class RequestBodyReader
{
    private const int ChunkBytes = 81_920;

    public static async Task<(byte[]? Body, HttpFailure? Failure)> ReadAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        var announcedGzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase);
        if (encoding.Length > 0 && !announcedGzip && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new HttpFailure(StatusCodes.Status415UnsupportedMediaType, ServerErrorCodes.UnsupportedMediaType,
                $"Content-Encoding '{encoding}' is not supported; send the body as it is or gzip-compressed."));
        }

        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        byte[] raw;
        try
        {
            raw = await ReadLimitedAsync(request.Body, limit, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        catch (BadHttpRequestException ex)
        {
            // The client's fault, said in the body like every other refusal (it was an empty 400 or 408 and an
            // error in the log): a body shorter than its Content-Length, broken chunked framing, data too slow.
            return (null, new HttpFailure(ex.StatusCode, ServerErrorCodes.InvalidRequest, $"The request body could not be read: {ex.Message}"));
        }

        if (raw.Length > limit)
        {
            return (null, TooLarge(limit));
        }

        // An empty body announced as gzip is empty (.NET's GZipStream writes nothing for no data); the caller says what it lacks.
        if (raw.Length == 0 || (!announcedGzip && !IsGzip(raw)))
        {
            return (WithoutByteOrderMark(raw), null);
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            var body = await ReadLimitedAsync(gzip, limit, context.RequestAborted).ConfigureAwait(false);
            if (body.Length > limit)
            {
                return (null, TooLarge(limit));
            }

            // GZipStream ends quietly at a cut-off stream, with the part before the cut as if it were
            // the whole body: only the trailer, which a cut loses first, tells the two apart.
            if (!GzipTrailer.Matches(raw, body))
            {
                return (null, CorruptGzip(
                    "its data does not end with the gzip trailer (checksum and length) of what it expands to: it was cut off, or has bytes after its end."));
            }

            return (WithoutByteOrderMark(body), null);
        }
        catch (InvalidDataException)
        {
            // .NET says "unsupported compression method" of a damaged block or checksum too, which would send a producer looking at its settings.
            return (null, CorruptGzip("its compressed data is corrupt: a damaged block or checksum, or no deflate data after the gzip header."));
        }
    }

    /// <summary>
    /// The body without a leading UTF-8 byte order mark, which some Windows tools write and which
    /// JSON parsers may ignore (RFC 8259, 8.1); System.Text.Json's span parser refuses it.
    /// </summary>
    private static byte[] WithoutByteOrderMark(byte[] body) => body.AsSpan().StartsWith("\uFEFF"u8) ? body[3..] : body;

    private static bool IsGzip(byte[] body) => body.Length >= 2 && body[0] == 0x1f && body[1] == 0x8b;

    private static HttpFailure CorruptGzip(string why) =>
        new(StatusCodes.Status400BadRequest, ServerErrorCodes.InvalidRequest, $"The body is not valid gzip: {why}");

    private static HttpFailure TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, ServerErrorCodes.PayloadTooLarge, $"The body is larger than {limit} bytes (after decompression).");

    /// <summary>Reads at most one chunk past the limit, so that an endless (or endlessly expanding) body costs bounded memory.</summary>
    private static async Task<byte[]> ReadLimitedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                break;
            }
        }

        return buffer.ToArray();
    }
}
