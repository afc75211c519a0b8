namespace Lineage.Graph.Core;

/// <summary>
/// The name of the item of a request that an error is about (<c>entities[3]</c>), made into text
/// only when an error is thrown: a batch is checked item by item, thousands of items to a batch,
/// and nearly always passes, so naming each item up front cost a string per item for nothing.
/// The default names no item.
/// </summary>
internal readonly struct ItemName
{
    private readonly string? _list;
    private readonly int _index;
    private readonly string? _text;

    /// <summary>The item at <paramref name="index"/> of the list <paramref name="list"/> (<c>edges</c>).</summary>
    public ItemName(string list, int index)
    {
        _list = list;
        _index = index;
    }

    /// <summary>An item named already, or no item when <paramref name="text"/> is null.</summary>
    public ItemName(string? text) => _text = text;

    public override string? ToString() => _text ?? (_list is null ? null : $"{_list}[{_index}]");

    public static implicit operator string?(ItemName name) => name.ToString();
}
