using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lineage.Graph.Tests.Shared;

/// <summary>
/// Random changes to a valid request, for the fuzz tests of the server's endpoints and the CLI's
/// import: as text (spans cut, duplicated or cut short; hostile text put in; numbers made huge or
/// negative) and as JSON (members removed, repeated, retyped, given hostile strings, extreme numbers
/// or deep nesting). Seeded by the caller's <see cref="Random"/>, so that a failure repeats.
/// </summary>
internal static partial class JsonMangler
{
    // Text that breaks JSON, GraphQL or keys: quotes and brackets, escapes of NUL and of an unpaired
    // surrogate, a right-to-left override, an emoji, numbers out of range, GraphQL punctuation, a long run.
    private static readonly string[] Hostile =
    [
        "\"", "\\", "{", "}", "[", "]", ":", ",", "\\u0000", "\\ud800", "\u202e", "💥", "99999999999999999999999", "-1", "1e400",
        "null", "true", "[[[[[[[[[[", "@skip(if: true)", "...", "$v", "#", "\n", "\\\"", "__typename", "\"2099-01-01T00:00:00Z\"",
        new string('a', 5_000),
    ];

    public static readonly string[] Numbers = ["0", "-1", "2147483648", "99999999999999999999", "1e400", "100000", "1.5"];

    /// <summary>A JSON body mangled as JSON two times in three, else as text.</summary>
    public static string MangleAny(Random random, string json) => random.Next(3) > 0 ? MangleJson(random, json) : Mangle(random, json);

    /// <summary>One to three random changes to a JSON document's values and members, leaving it well-formed JSON.</summary>
    public static string MangleJson(Random random, string json)
    {
        var root = JsonNode.Parse(json)!;
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var slots = Slots(root).ToList();
            if (slots.Count == 0)
            {
                break;
            }

            var (parent, name, index) = slots[random.Next(slots.Count)];
            var value = random.Next(6) switch
            {
                0 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
                1 => JsonNode.Parse(Numbers[random.Next(Numbers.Length)]),
                2 => new JsonNode?[] { null, JsonValue.Create(true), new JsonObject(), new JsonArray() }[random.Next(4)],
                3 => Nested(Get(parent, name, index)?.DeepClone(), 40),
                4 => Get(parent, name, index)?.DeepClone(),
                _ => Removed,
            };

            if (ReferenceEquals(value, Removed))
            {
                if (parent is JsonObject removeFrom)
                {
                    removeFrom.Remove(name!);
                }
                else
                {
                    ((JsonArray)parent).RemoveAt(index);
                }
            }
            else if (random.Next(4) == 0)
            {
                // Added beside the value rather than in its place: a repeated array item or an extra member.
                if (parent is JsonObject addTo)
                {
                    addTo[$"extra{random.Next(100)}"] = value;
                }
                else
                {
                    ((JsonArray)parent).Insert(index, value);
                }
            }
            else if (parent is JsonObject setIn)
            {
                setIn[name!] = value;
            }
            else
            {
                ((JsonArray)parent)[index] = value;
            }
        }

        return root.ToJsonString();
    }

    // Strings a member might be given: empty, blank, control characters, bidirectional overrides,
    // path-like, long, and the text of other types.
    private static readonly string[] Strings = ["", " ", "\u0000", "a\u202eb", "\n", "💥", "../../etc/passwd", new string('x', 2_000), "1e400", "null", "2099-01-01T00:00:00Z", "not-a-uuid"];

    private static readonly JsonNode Removed = new JsonObject();

    /// <summary>Every place a value sits in the document: its parent, and its member name or array index.</summary>
    private static IEnumerable<(JsonNode Parent, string? Name, int Index)> Slots(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj.ToList())
            {
                yield return (obj, name, -1);
                if (child is not null)
                {
                    foreach (var slot in Slots(child))
                    {
                        yield return slot;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return (array, null, i);
                if (array[i] is { } child)
                {
                    foreach (var slot in Slots(child))
                    {
                        yield return slot;
                    }
                }
            }
        }
    }

    private static JsonNode? Get(JsonNode parent, string? name, int index) => parent is JsonObject obj ? obj[name!] : ((JsonArray)parent)[index];

    private static JsonNode Nested(JsonNode? value, int depth)
    {
        var node = new JsonArray(value);
        for (var i = 1; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    /// <summary>One to three random changes to <paramref name="text"/>.</summary>
    public static string Mangle(Random random, string text)
    {
        for (var n = random.Next(1, 4); n > 0 && text.Length > 1; n--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(5))
            {
                case 0:
                    text = text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at));
                    break;
                case 1:
                    text = text.Insert(at, Hostile[random.Next(Hostile.Length)]);
                    break;
                case 2:
                    var from = random.Next(text.Length);
                    text = text.Insert(at, text.Substring(from, Math.Min(random.Next(1, 60), text.Length - from)));
                    break;
                case 3:
                    var numbers = Number().Matches(text);
                    if (numbers.Count > 0)
                    {
                        var number = numbers[random.Next(numbers.Count)];
                        text = string.Concat(text.AsSpan(0, number.Index), Numbers[random.Next(Numbers.Length)], text.AsSpan(number.Index + number.Length));
                    }

                    break;
                default:
                    text = text[..at];
                    break;
            }
        }

        return text;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
