using Lineage.Graph.Core;

namespace Lineage.Graph.Cli.Import;

/// <summary>
/// The file as the JSON reader reads an array's elements or top-level values, refused once <paramref name="bound"/> bytes are
/// read with no value ended (<see cref="ValueEnded"/>): the reader buffers a value whole, so one enormous value (<c>["aaa…</c>,
/// 2.3 GB) was held until memory ran out, an internal error. The reader reads ahead of the values it gives, at most what its
/// buffer holds, which grows to twice the largest value; so the bound is twice the largest item taken, and such an item is read.
/// </summary>
internal sealed class ValueBoundStream(Stream inner, long bound) : Stream
{
    private long _sinceValue;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>A value was read whole: the count starts again.</summary>
    public void ValueEnded() => _sinceValue = 0;

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Counted(int read)
    {
        _sinceValue += read;
        return _sinceValue <= bound ? read : throw new InvalidInputException(
            $"A JSON value runs on past {bound / (2 * 1024 * 1024)} MiB ({bound / (1024 * 1024)} MiB were read and no value ended): an item, a batch included, may be no larger than the largest request a server can take; nothing was imported.");
    }
}
