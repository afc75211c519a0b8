using Lineage.Graph.Core;

namespace Lineage.Graph.Cli;

/// <summary>
/// The command line split into a command, its positional arguments and its options. Options may
/// come anywhere, as <c>--name value</c> or <c>--name=value</c>; <c>--</c> ends them, so that a
/// search text may start with a dash. Repeatable options keep every value.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private ParsedArguments(CommandSpec? command, List<string> positionals)
    {
        Command = command;
        Positionals = positionals;
    }

    /// <summary>Null when no command was named (<c>lineage --help</c>).</summary>
    public CommandSpec? Command { get; }

    public IReadOnlyList<string> Positionals { get; }

    public bool Help => Has("help");

    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var positionals = new List<string>();
        var options = new List<(string Name, string? Value)>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg is "-h" or "-?")
            {
                options.Add(("help", null));
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? arg[2..] : arg[2..equals];
                if (CommandSpec.Flags.Contains(name))
                {
                    // A flag given a value (--verbose=no) would be read as on whatever the value said.
                    options.Add(equals < 0 ? (name, null) : throw CliException.Usage($"--{name} takes no value; it was given '{arg[(equals + 1)..]}'."));
                }
                else if (equals >= 0)
                {
                    options.Add((name, arg[(equals + 1)..]));
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    options.Add((name, args[++i]));
                }
                else
                {
                    throw CliException.Usage(CommandSpec.Common.Contains(name) || CommandSpec.All.Any(c => c.Takes(name))
                        ? $"--{name} needs a value."
                        : $"Unknown option --{name}.");
                }
            }
            else if (arg.StartsWith('-') && arg.Length > 1)
            {
                throw CliException.Usage($"Unknown option '{arg}'. Options are written --name value; put -- before arguments that start with '-'.");
            }
            else
            {
                positionals.Add(arg);
            }
        }

        CommandSpec? command = null;
        if (positionals.Count > 0)
        {
            command = CommandSpec.Find(positionals[0])
                ?? throw CliException.Usage($"Unknown command '{positionals[0]}'. Commands: {string.Join(", ", CommandSpec.All.Select(c => c.Name))}.");
            positionals.RemoveAt(0);
        }

        var parsed = new ParsedArguments(command, positionals);
        foreach (var (name, value) in options)
        {
            var known = command?.Takes(name) ?? CommandSpec.Common.Contains(name);
            if (!known)
            {
                throw CliException.Usage(command is null || !CommandSpec.All.Any(c => c.Takes(name))
                    ? $"Unknown option --{name}."
                    : $"{command.Name} does not take --{name}.");
            }

            if (!parsed._options.TryGetValue(name, out var values))
            {
                parsed._options[name] = values = [];
            }

            values.Add(value ?? "");
        }

        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>The value of an option given at most once; null when it was not given.</summary>
    public string? Single(string name) =>
        !_options.TryGetValue(name, out var values) ? null
        : values.Count == 1 ? values[0]
        : throw CliException.Usage($"--{name} was given {values.Count} times; give it once.");

    /// <summary>Every value of a repeatable option, comma-separated lists split, blanks dropped.</summary>
    public IReadOnlyList<string> Many(string name)
    {
        if (!_options.TryGetValue(name, out var values))
        {
            return [];
        }

        // An option given nothing (--fail-on "$KINDS" with KINDS unset) would mean "no filter", or a gate that never trips.
        List<string> items = [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        return items.Count > 0 ? items : throw CliException.Usage($"--{name} needs at least one value; it was given none.");
    }

    /// <summary>
    /// A positive whole number, or null when the option was not given. A number too large for any
    /// cap is refused as one past the cap is (exit 6), not as a malformed value (exit 1): only the
    /// size differs from <c>--depth 101</c>.
    /// </summary>
    public int? PositiveInt(string name) =>
        Single(name) is not { } text ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : text.All(char.IsAsciiDigit) && text.TrimStart('0').Length > 0
            ? throw (name == "depth"
                ? new DepthLimitException($"--depth {text} is past any depth cap.")
                : new LimitExceededException($"--{name} {text} is past any limit cap."))
        : throw CliException.Usage($"--{name} must be a whole number above 0, not '{text}'.");
}
