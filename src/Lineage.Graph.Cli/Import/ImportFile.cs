using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lineage.Graph.Core;
using Lineage.Graph.Core.OpenLineage;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// An import file read as a stream of items: a JSON array (each element an item), one JSON
/// document (a single batch or event, pretty-printed or not), or JSON lines (each non-blank line
/// an item). A line that is not JSON is an item that failed; the others still go in.
/// </summary>
/// <remarks>
/// A file is read twice, never held whole: a first pass tells its form, counts its items (for the
/// progress) and checks that an array is well-formed before anything is written; the second hands
/// out one item at a time. An export of millions of events therefore takes the memory of one
/// event, not of the file. Both passes read the one handle opened first (<see cref="FileView"/>),
/// and an item is handed out only while the file's length and content are still those the first
/// pass began with (its content hashed again only when its modification time moved): a file written while it is imported (cut short, emptied, appended to)
/// stops the import at the first item read after the change, where reading on would have written
/// items the count and the check of the first pass never saw, or cut the array short unannounced. Standard input, and a file that cannot be read twice (a pipe such as
/// <c>/dev/stdin</c> or <c>&lt;(zcat events.gz)</c>), is copied to a temporary file first.
/// UTF-8 is expected, with or without a byte order mark; UTF-16 with a byte order mark is read too.
/// A gzip-compressed file (or standard input) is decompressed into a temporary file first.
/// A line of JSON lines that is not well-formed UTF-8 is an item that failed, as a line that is not
/// JSON is: decoded, its bad bytes would be stored as U+FFFD.
/// </remarks>
internal sealed class ImportFile : IDisposable
{
    /// <summary>
    /// A member name given twice is read, and judged with its item (Core's RepeatedMembers, when the
    /// item is mapped): the same value twice is one, as some producers write it; different values fail the item alone.
    /// </summary>
    private static readonly JsonSerializerOptions Reading = new() { AllowDuplicateProperties = true, MaxDepth = OpenLineageMapper.MaxEventDepth };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16LittleEndian = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16BigEndian = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The longest line read: the largest request body the server can be configured to take. A line is a whole item,
    /// and a batch of up to <see cref="WriteBatch.MaxItems"/> entities is one item, so any line some server would take
    /// is read (a 40 MB batch of 90,000 entities was refused at a smaller bound); the bound is there for a file with
    /// no line break (<c>/dev/zero</c>, a binary file), refused once this much is buffered, not held until memory runs out.
    /// </summary>
    private const int MaxLineBytes = 256 * 1024 * 1024;

    /// <summary>
    /// The most copied to a temporary file (standard input, a pipe, a gzip file expanded): an input with no end
    /// (<c>lineage import - &lt; /dev/zero</c>) or a gzip bomb is refused once this much is written, not left to fill the disk.
    /// </summary>
    private const long MaxCopyBytes = 64L * 1024 * 1024 * 1024;

    private readonly FileStream _file;
    private Form _form;
    private (long Length, DateTime Written) _counted;
    private byte[] _countedContent = [];

    private ImportFile(FileStream file) => _file = file;

    private enum Form
    {
        Array,
        Document,
        Documents,
        Lines,
    }

    /// <summary>How many items the file holds.</summary>
    public int Count { get; private set; }

    /// <summary>Opens <paramref name="path"/>, or standard input for <c>-</c>, and counts its items.</summary>
    /// <exception cref="CliException">The file cannot be read (a usage error).</exception>
    /// <exception cref="InvalidInputException">It starts a JSON array that is not well-formed.</exception>
    public static async Task<ImportFile> OpenAsync(string path, CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw CliException.Usage($"Cannot read {path}: it is a folder; name a file.");
        }

        ImportFile? file = null;
        try
        {
            file = path != "-" ? await NamedAsync(path, cancellationToken).ConfigureAwait(false)
                : await StandardInputAsync(environment, cancellationToken).ConfigureAwait(false);
            if (file.IsGzip())
            {
                var compressed = file;
                file = null;
                using (compressed)
                {
                    file = await compressed.DecompressedAsync(path, cancellationToken).ConfigureAwait(false);
                }
            }

            file._counted = file.State();
            file._countedContent = await file.HashAsync(cancellationToken).ConfigureAwait(false);
            string? change;
            try
            {
                await file.ScanAsync(cancellationToken).ConfigureAwait(false);
                change = await file.ChangeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidInputException)
            {
                // A file cut short while it was counted reads as malformed JSON; that it changed is what to say.
                change = await file.ChangeAsync(cancellationToken).ConfigureAwait(false);
                if (change is null)
                {
                    throw;
                }
            }

            return change is not null
                ? throw new InvalidInputException($"{path} changed while it was read ({change}); nothing was imported. Import it once whatever writes it has finished.")
                : file;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            throw CliException.Usage($"Cannot read {path}: {ex.Message}");
        }
        catch (DecoderFallbackException)
        {
            // The first pass reads the whole file, so a UTF-16 file is judged whole before anything is written.
            file?.Dispose();
            throw new InvalidInputException($"{path} starts with a UTF-16 byte order mark but is not well-formed UTF-16 (an unpaired surrogate, or an odd number of bytes); decoded, it would be stored with U+FFFD.");
        }
        catch
        {
            file?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Standard input: opened anew by its path where there is one (<see cref="CliEnvironment.InputPath"/>), else, or
    /// where that open fails (a socket, which <c>/dev/stdin</c> does not open on Linux), copied from the stream.
    /// </summary>
    private static async Task<ImportFile> StandardInputAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (environment.InputIsOwnPipe)
        {
            throw CliException.Usage("Standard input is closed (or this process holds its other end), so it has nothing to give: pipe a file in, or name it.");
        }

        if (environment.InputPath is { } input)
        {
            try
            {
                return await NamedAsync(input, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Read as any other standard input below.
            }
        }

        return new ImportFile(await CopyAsync(environment.Input, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Whether the file starts with gzip's magic bytes, as an export compressed with <c>gzip</c> does.</summary>
    private bool IsGzip()
    {
        using var stream = new FileView(_file.SafeFileHandle);
        Span<byte> magic = stackalloc byte[2];
        return stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>
    /// The file decompressed into a temporary one, read from there as any other: read as text, its
    /// compressed bytes were each line an item that failed, and the import exit 7 over an empty graph.
    /// It is checked whole first, as a JSON array is: a file cut short (a download stopped part way)
    /// would otherwise go in as far as the cut, as if that were all of it (<see cref="GzipTrailer"/>).
    /// </summary>
    /// <exception cref="InvalidInputException">It is not whole gzip (cut short, or corrupt).</exception>
    private async Task<ImportFile> DecompressedAsync(string path, CancellationToken cancellationToken)
    {
        var input = new FileView(_file.SafeFileHandle);
        await using (input.ConfigureAwait(false))
        {
            ImportFile expanded;
            var gzip = new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                try
                {
                    expanded = new ImportFile(await CopyAsync(gzip, cancellationToken).ConfigureAwait(false));
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidInputException($"{path} is gzip with corrupt compressed data ({ex.Message}); nothing was imported.");
                }
            }

            try
            {
                var output = new FileView(expanded._file.SafeFileHandle);
                await using (output.ConfigureAwait(false))
                {
                    return await GzipTrailer.MatchesAsync(input, output, cancellationToken).ConfigureAwait(false)
                        ? expanded
                        : throw new InvalidInputException($"{path} is gzip that does not end with the trailer (checksum and length) of what it expands to: it was cut short, or has bytes after its end; nothing was imported.");
                }
            }
            catch
            {
                expanded.Dispose();
                throw;
            }
        }
    }

    /// <summary>A named file, copied first when it is a pipe, which cannot be read a second time.</summary>
    private static async Task<ImportFile> NamedAsync(string path, CancellationToken cancellationToken)
    {
        var stream = OpenRead(path);
        if (stream.CanSeek && IsEndlessDevice(path, stream))
        {
            await stream.DisposeAsync().ConfigureAwait(false);

            // Each pass reads until a read returns nothing, which here never comes: the hash of the first pass spun forever.
            throw new InvalidInputException(
                $"{path} is not a file: it reports no length, yet reads return data (a device such as /dev/zero or /dev/urandom); nothing was imported.");
        }

        if (stream.CanSeek)
        {
            return new ImportFile(stream);
        }

        await using (stream.ConfigureAwait(false))
        {
            return new ImportFile(await CopyAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Whether a file that seeks is a device with no end: one under <c>/dev</c> (links followed, so <c>/dev/stdin</c>
    /// read from <c>/dev/zero</c> is one) that reports no length, yet a read returns data. <see cref="FileSystemInfo"/>
    /// tells no device from a file on Unix, and files of /proc and /sys report no length too, but end: those are read.
    /// </summary>
    private static bool IsEndlessDevice(string path, FileStream stream)
    {
        if (RandomAccess.GetLength(stream.SafeFileHandle) != 0)
        {
            return false;
        }

        var real = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        Span<byte> first = stackalloc byte[1];
        return real.StartsWith("/dev/", StringComparison.Ordinal) && RandomAccess.Read(stream.SafeFileHandle, first, 0) > 0;
    }

    // Never read through: its handle is, by FileViews at their own positions.
    private static FileStream OpenRead(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);

    /// <summary>
    /// The items, one at a time, in file order; if the file changed since it was counted, then last an item
    /// that stops the import (<see cref="ImportItem.Stop"/>), in place of the first item read after the change.
    /// </summary>
    public async IAsyncEnumerable<ImportItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var items = ItemsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (items.ConfigureAwait(false))
        {
            // Where the next item would be: where a file cut short now ends.
            var (unit, next) = (_form == Form.Lines ? "line" : "item", 1);
            for (var read = 0; ; read++)
            {
                ImportItem? item;
                string? unreadable = null;
                IOException? failed = null;
                try
                {
                    item = await items.MoveNextAsync().ConfigureAwait(false) ? items.Current : null;
                }
                catch (Exception ex) when (ex is JsonException or InvalidInputException or DecoderFallbackException)
                {
                    // The first pass read it whole, so the file changed since (a UTF-16 file cut at an odd byte fails the
                    // decoder); checked below, the change is named.
                    (item, unreadable) = (null, $"it no longer reads as it did when counted: {ex switch
                    {
                        JsonException json => Describe(json),
                        DecoderFallbackException => "it is no longer well-formed UTF-16",
                        _ => ex.Message,
                    }}");
                }
                catch (IOException ex)
                {
                    (item, failed) = (null, ex);
                }

                // Checked after the item was read: an item read from the file as counted is handed out, no other.
                string? change = null;
                try
                {
                    change = failed is not null ? null : await ChangeAsync(cancellationToken).ConfigureAwait(false) ?? unreadable
                        ?? ((item is null) == (read == Count) ? null : $"it now holds {(item is null ? "fewer" : "more")} than the {Count} items counted");
                }
                catch (IOException ex)
                {
                    failed = ex;
                }

                // Stopped with a summary, since items before it went in: thrown on, it was an internal error that said nothing of them.
                if (failed is not null)
                {
                    yield return new ImportItem(item?.Unit ?? unit, item?.Number ?? next, default, StopCode: CliErrorCodes.Usage, Stop:
                        $"The file could not be read ({failed.Message}): the items before this one were written or failed; this one and those after it were not tried. "
                        + "Import it again once it can be read (stored items come back unchanged).");
                    yield break;
                }

                if (change is not null)
                {
                    yield return new ImportItem(item?.Unit ?? unit, item?.Number ?? next, default, Stop:
                        $"The file changed while it was imported ({change}): the items before this one were read as it was counted, "
                        + "and written or failed; this one and those after it were not tried. Import it again once whatever writes it has finished (stored items come back unchanged).");
                    yield break;
                }

                if (item is null)
                {
                    yield break;
                }

                next = item.Number + 1;
                yield return item;
            }
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The items as the file now reads, whatever it held when counted.</summary>
    private async IAsyncEnumerable<ImportItem> ItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_form is Form.Array or Form.Documents)
        {
            var index = 0;
            await foreach (var element in ValuesAsync(topLevelValues: _form == Form.Documents, cancellationToken).ConfigureAwait(false))
            {
                yield return new ImportItem("item", ++index, element);
            }

            yield break;
        }

        var stream = Open();
        await using (stream.ConfigureAwait(false))
        {
            if (_form == Form.Document)
            {
                // Bounded as a value of an array is: the file may have been rewritten into one enormous document since it was counted.
                var bounded = new ValueBoundStream(stream, 2L * MaxLineBytes);
                yield return new ImportItem("item", 1, await JsonSerializer.DeserializeAsync<JsonElement>(bounded, Reading, cancellationToken).ConfigureAwait(false));
                yield break;
            }

            await foreach (var (number, line, lead) in LinesAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                yield return line is null
                    ? new ImportItem("line", number, default, "Not well-formed UTF-8: decoded, its bad bytes would be stored as U+FFFD.")
                    : Parse(number, line, lead);
            }
        }
    }

    /// <summary>The file's length and last write time, from the handle read: those of the file read, whatever its path now names.</summary>
    private (long Length, DateTime Written) State() => (RandomAccess.GetLength(_file.SafeFileHandle), File.GetLastWriteTimeUtc(_file.SafeFileHandle));

    /// <summary>
    /// How the file differs from when it was counted; null when it reads the same. A modification time that moved alone
    /// is no change until the content's hash says so: <c>touch</c>, and backup and sync agents, set the time of a file
    /// they leave as it was, which stopped the import part way.
    /// </summary>
    private async Task<string?> ChangeAsync(CancellationToken cancellationToken)
    {
        var now = State();
        if (now == _counted)
        {
            return null;
        }

        if (now.Length != _counted.Length)
        {
            return string.Create(CultureInfo.InvariantCulture, $"its length went from {_counted.Length} to {now.Length} bytes");
        }

        if (!(await HashAsync(cancellationToken).ConfigureAwait(false)).AsSpan().SequenceEqual(_countedContent))
        {
            return string.Create(CultureInfo.InvariantCulture, $"it was written at {now.Written:O}, after it was counted");
        }

        // The time taken before hashing: a write during the hash moves it again, and the next check hashes again.
        _counted = now;
        return null;
    }

    /// <summary>The SHA-256 of the file's bytes, read through its handle as every pass is.</summary>
    private async Task<byte[]> HashAsync(CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var stream = new FileView(_file.SafeFileHandle);
        await using (stream.ConfigureAwait(false))
        {
            // A block at a time: a FileView reads the file itself on each call, unbuffered.
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return hash.GetHashAndReset();
    }

    /// <summary>A line of JSON lines, trimmed, as an item; <paramref name="lead"/> bytes were trimmed before it.</summary>
    private static ImportItem Parse(int number, string line, int lead)
    {
        try
        {
            return new ImportItem("line", number, JsonSerializer.Deserialize<JsonElement>(line, Reading));
        }
        catch (JsonException ex)
        {
            return new ImportItem("line", number, default, $"Not valid JSON: {Describe(ex, lineStart: lead)}");
        }
    }

    /// <summary>
    /// A JSON error with its place counted from 1, as an editor counts and as this command names items (<c>line 7</c>):
    /// System.Text.Json counts lines and bytes from 0 (<c>LineNumber: 6 | BytePositionInLine: 0</c>). Bytes are of the
    /// file's UTF-8 (a UTF-16 file's, transcoded). <paramref name="lineStart"/>: the JSON was one line of the file, starting that many
    /// bytes into it (the spaces and byte order mark trimmed before it), so the place is in that line as the file holds it.
    /// </summary>
    private static string Describe(JsonException ex, int? lineStart = null)
    {
        // The reader's own statement of the place ends its message: " Path: $[1] | LineNumber: 0 | BytePositionInLine: 3.", the path
        // only from the serializer. The path is left out: read as a stream, its index counts within the buffer read, not the file
        // (an error in item 3,999 was "at $[19]"), and the items yielded so far lag the reader, so neither names the item.
        var message = ex.Message;
        var place = message.IndexOf(ex.Path is null ? " LineNumber: " : " Path: ", StringComparison.Ordinal);
        var reason = place >= 0 ? message[..place] : message;
        if (ex.LineNumber is not { } line || ex.BytePositionInLine is not { } column)
        {
            return reason;
        }

        return lineStart is { } start ? string.Create(CultureInfo.InvariantCulture, $"{reason} (byte {start + column + 1} of the line)")
            : string.Create(CultureInfo.InvariantCulture, $"{reason} (line {line + 1}, byte {column + 1})");
    }

    /// <summary>
    /// Standard input (a pipe, a gzip file expanded) copied byte for byte into a temporary file, open to be read: so that it is read as
    /// a named file is, in UTF-8, or in UTF-16 by its byte order mark (a text reader would have decoded it as the console's encoding).
    /// </summary>
    /// <exception cref="InvalidInputException">It is longer than <see cref="MaxCopyBytes"/>.</exception>
    private static async Task<FileStream> CopyAsync(Stream input, CancellationToken cancellationToken)
    {
        // Every pass reads this one handle, so the file needs no name once open: unlinked at once on Unix (deleted on
        // close on Windows), it is not left behind by a second Ctrl-C, a SIGTERM or a SIGKILL, as a 389 MB copy was.
        var path = Path.Combine(Path.GetTempPath(), "lineage-import-" + Path.GetRandomFileName());
        var copy = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 64 * 1024,
            FileOptions.Asynchronous | (OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None));
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.Delete(path);
            }

            // A read of a pipe (standard input, a FIFO) blocks until the writer sends more, whatever the
            // token says: the wait is given up on a Ctrl-C, which the read alone would ignore until then.
            await CopyBoundedAsync(input, copy, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            await copy.FlushAsync(cancellationToken).ConfigureAwait(false);
            return copy;
        }
        catch
        {
            await copy.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        static async Task CopyBoundedAsync(Stream input, FileStream copy, CancellationToken cancellationToken)
        {
            var buffer = new byte[64 * 1024];
            var copied = 0L;
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if ((copied += read) > MaxCopyBytes)
                {
                    throw new InvalidInputException(
                        $"The input is longer than {MaxCopyBytes >> 30} GiB, the most copied to a temporary file (standard input, a pipe, a gzip file expanded) before it is read; nothing was imported.");
                }

                await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The non-blank lines, with their numbers from 1, each trimmed of spaces and a byte order mark, and how many
    /// bytes were trimmed before it; a line that is not well-formed UTF-8 is given as null. Lines end as a text
    /// reader ends them: at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>.
    /// </summary>
    private static async IAsyncEnumerable<(int Number, string? Line, int Lead)> LinesAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var line = new MemoryStream();
        var number = 0;
        var afterReturn = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                var isBreak = buffer[i] is (byte)'\n' or (byte)'\r';
                if (buffer[i] == '\n' && afterReturn && i == start && line.Length == 0)
                {
                    // The \n of a \r\n whose \r ended the line before.
                    start = i + 1;
                    afterReturn = false;
                    continue;
                }

                afterReturn = buffer[i] == '\r';
                if (!isBreak)
                {
                    continue;
                }

                Append(line, buffer.AsSpan(start, i - start), number);
                start = i + 1;
                number++;
                var (text, lead) = Decode(line);
                if (text is not { Length: 0 })
                {
                    yield return (number, text, lead);
                }

                line.SetLength(0);
            }

            Append(line, buffer.AsSpan(start, read - start), number);
        }

        var (last, lastLead) = line.Length > 0 ? Decode(line) : ("", 0);
        if (last is not { Length: 0 })
        {
            yield return (number + 1, last, lastLead);
        }

        static void Append(MemoryStream line, ReadOnlySpan<byte> bytes, int before)
        {
            if (line.Length + bytes.Length > MaxLineBytes)
            {
                throw new InvalidInputException(
                    $"Longer than {MaxLineBytes / (1024 * 1024)} MiB without a line break (a line is one item, a batch included, and none may be that large: the largest request a server can take; is the file JSON at all?).",
                    $"line {before + 1}");
            }

            line.Write(bytes);
        }

        static (string? Text, int Lead) Decode(MemoryStream bytes)
        {
            try
            {
                var line = StrictUtf8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
                var item = line.TrimStart().TrimStart('\uFEFF');

                // Counted in bytes, for a place the JSON reader gives in the item to be one in the line as the file holds it.
                return (item.TrimEnd(), StrictUtf8.GetByteCount(line.AsSpan(0, line.Length - item.Length)));
            }
            catch (DecoderFallbackException)
            {
                return (null, 0);
            }
        }
    }

    /// <summary>
    /// Tells the form and counts the items. A file that is one JSON value is an array or a single
    /// document; one whose first line is not a whole JSON value is pretty-printed JSON, one document
    /// or several (what <c>jq .</c> writes), and is refused whole if it is not valid JSON, as an
    /// array is. A file of whole JSON values one after another that are not one to a line (a document
    /// over several lines, or several values on one line), every line of it UTF-8, holds one item per
    /// value. Anything else (lines that are not JSON among them) is read as JSON lines, each line its
    /// own item. A file with no item at all is refused.
    /// </summary>
    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        var first = await FirstByteAsync(cancellationToken).ConfigureAwait(false);
        if (first < 0)
        {
            throw new InvalidInputException("The file holds no items: it is empty, or only white space.");
        }

        if (first == '{' && await IsPrettyPrintedAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await foreach (var _ in ValuesAsync(topLevelValues: true, cancellationToken).ConfigureAwait(false))
                {
                    Count++;
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException($"The file is pretty-printed JSON but is not valid JSON: {Describe(ex)}");
            }

            _form = Count == 1 ? Form.Document : Form.Documents;
        }
        else if (first == '[')
        {
            _form = Form.Array;
            try
            {
                await foreach (var _ in ValuesAsync(topLevelValues: false, cancellationToken).ConfigureAwait(false))
                {
                    Count++;
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidInputException($"The file starts a JSON array but is not valid JSON: {Describe(ex)}");
            }

            if (Count == 0)
            {
                throw new InvalidInputException("The file holds no items: it is an empty JSON array.");
            }
        }
        else if (await CountValuesAsync(upTo: 1, cancellationToken).ConfigureAwait(false) == 1)
        {
            _form = Form.Document;
            Count = 1;
        }
        else
        {
            var (lines, everyLineAValue, everyLineUtf8) = await CountLinesAsync(cancellationToken).ConfigureAwait(false);

            // Documents that are whole JSON one after another, but not one to a line (a closing "]}" on a line
            // of its own), are one item each: read as lines, each document would fail as several bad lines.
            // Not a file with a line that is not UTF-8: the JSON reader leaves strings undecoded until they are
            // read, so it would count the file as documents, and the bad line would then fail the whole document
            // it falls in, where as JSON lines it fails alone and the lines around it go in.
            if (!everyLineAValue && everyLineUtf8 && await CountValuesAsync(upTo: null, cancellationToken).ConfigureAwait(false) is > 1 and var documents)
            {
                _form = Form.Documents;
                Count = documents;
            }
            else
            {
                _form = Form.Lines;
                Count = lines;
            }
        }
    }

    /// <summary>The non-blank lines, whether every one of them is a JSON value by itself, and whether every one is UTF-8.</summary>
    private async Task<(int Lines, bool EveryLineAValue, bool EveryLineUtf8)> CountLinesAsync(CancellationToken cancellationToken)
    {
        var (lines, everyLineAValue, everyLineUtf8) = (0, true, true);
        var stream = Open();
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var (_, line, _) in LinesAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                lines++;
                everyLineAValue = everyLineAValue && line is not null && IsValue(line);
                everyLineUtf8 &= line is not null;
            }
        }

        return (lines, everyLineAValue, everyLineUtf8);
    }

    /// <summary>
    /// Whether the file reads as pretty-printed JSON: neither of its first two non-blank lines is a
    /// JSON value by itself, where every line of JSON lines is one (and a file of JSON lines whose
    /// first line is broken still has a second that is whole).
    /// </summary>
    private async Task<bool> IsPrettyPrintedAsync(CancellationToken cancellationToken)
    {
        var stream = Open();
        await using (stream.ConfigureAwait(false))
        {
            var broken = 0;
            await foreach (var (_, line, _) in LinesAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                // A line that is not UTF-8 is no sign of pretty-printing: it is one bad line of JSON lines.
                if (line is null || IsValue(line))
                {
                    return false;
                }

                if (++broken == 2)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static bool IsValue(string line)
    {
        try
        {
            // As deep as an item is read, so that a line is a value here exactly when it is one as an item.
            using var value = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = Reading.MaxDepth });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// How many JSON values the file holds one after another, with nothing between them but white space,
    /// counting no further than one past <paramref name="upTo"/>; null when it is not such a file.
    /// </summary>
    private async Task<int?> CountValuesAsync(int? upTo, CancellationToken cancellationToken)
    {
        var values = 0;
        try
        {
            await foreach (var _ in ValuesAsync(topLevelValues: true, cancellationToken).ConfigureAwait(false))
            {
                if (++values > upTo)
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return values;
    }

    /// <summary>The elements of the file's array, or its top-level values, each read and dropped in turn.</summary>
    private async IAsyncEnumerable<JsonElement> ValuesAsync(bool topLevelValues, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new ValueBoundStream(Open(), 2L * MaxLineBytes);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var value in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, topLevelValues, Reading, cancellationToken).ConfigureAwait(false))
            {
                stream.ValueEnded();
                yield return value;
            }
        }
    }

    /// <summary>The first byte after white space (and a UTF-8 byte order mark), or -1 for a file without one.</summary>
    private async Task<int> FirstByteAsync(CancellationToken cancellationToken)
    {
        var stream = Open();
        await using (stream.ConfigureAwait(false))
        {
            // Read a block at a time: a FileView reads the file itself on each call, unbuffered.
            var buffer = new byte[4096];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
                    {
                        return b;
                    }
                }
            }

            return -1;
        }
    }

    /// <summary>The file as UTF-8, transcoded when it starts with a UTF-16 byte order mark.</summary>
    private Stream Open()
    {
        var stream = new FileView(_file.SafeFileHandle);
        Span<byte> mark = stackalloc byte[2];
        var read = stream.Read(mark);
        stream.Position = 0;
        var encoding = read == 2 && mark[0] == 0xFF && mark[1] == 0xFE ? StrictUtf16LittleEndian
            : read == 2 && mark[0] == 0xFE && mark[1] == 0xFF ? StrictUtf16BigEndian
            : null;
        if (encoding is null)
        {
            return stream;
        }

        stream.Position = 2;
        return Encoding.CreateTranscodingStream(stream, encoding, Encoding.UTF8);
    }
}
