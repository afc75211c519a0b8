namespace Lineage.Graph.Core;

/// <summary>
/// The root of the exception family. Every failure a caller can act on carries a stable
/// <see cref="Code"/>; stores translate their own failures into this family at their boundary.
/// </summary>
public abstract class LineageException(string code, string message, string? item = null, Exception? inner = null)
    : Exception(item is null ? message : $"{item}: {message}", inner)
{
    /// <summary>The stable code from <see cref="ErrorCodes"/>.</summary>
    public string Code { get; } = code;

    /// <summary>The item of a batch that failed (<c>entities[3]</c>, <c>edges[0].to</c>), when there is one.</summary>
    public string? Item { get; } = item;

    /// <summary>
    /// Whether the store refuses the request whatever it gives (it cannot answer now, or takes no
    /// writes): the fault of no item, so the whole request fails rather than the item being reported.
    /// </summary>
    public virtual bool IsStoreRefusal => false;

    /// <summary>
    /// The message and item with the item renamed to the member of the caller's input it stands for
    /// (<paramref name="describeItem"/>: <c>entities[3]</c> to <c>inputs[1]</c>, say), for inputs that a
    /// batch was built from; unchanged when there is no item or it stands for no member.
    /// </summary>
    public (string Message, string? Item) DescribedAs(Func<string, string?> describeItem)
    {
        ArgumentNullException.ThrowIfNull(describeItem);
        if (Item is not { } item || describeItem(item) is not { } member)
        {
            return (Message, Item);
        }

        var prefix = item + ": ";
        return ($"{member}: {(Message.StartsWith(prefix, StringComparison.Ordinal) ? Message[prefix.Length..] : Message)}", member);
    }
}
