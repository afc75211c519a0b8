using GraphQLParser.AST;

namespace Lineage.Graph.Server.GraphQL;

/// <summary>
/// Refuses, before validation, documents shaped to make validation itself slow. GraphQL.NET's
/// validation compares every pair of fields that share a response name in a selection set
/// (fragments merged in), every pair of fragments spread into one, and every pair of directives
/// on one location, and reports each conflicting pair: a few hundred copies of one alias with
/// different arguments took seconds and tens of megabytes of errors, and validation runs before
/// the request's timeout applies. It also reports every fault it finds, each report costing more
/// the further along the document it is, so the things a fault can be (arguments, directives,
/// values) are bounded in number too. Real documents stay far below these bounds.
/// </summary>
internal static class DocumentShape
{
    /// <summary>Fields, fragment spreads and inline fragments in one document.</summary>
    public const int MaxSelections = 5_000;

    /// <summary>Fields of one response name (alias, or name) in one selection set, the fragments spread into it included.</summary>
    public const int MaxRepeats = 20;

    /// <summary>
    /// Pairs of fields that share a response name in one selection set, over the whole document:
    /// what validation's pairwise comparison costs, however the repeats are spread over selection sets.
    /// </summary>
    public const int MaxRepeatedPairs = 2_000;

    /// <summary>
    /// Fields and fragments merged over all of a document's selection sets: each set merges the
    /// fragments spread into it anew, so a large fragment spread into many sets costs this check (and
    /// validation) its size each time.
    /// </summary>
    public const int MaxMergedSelections = 20_000;

    /// <summary>
    /// Fields and fragments in the document's operations with every fragment spread written out in full
    /// wherever it is spread, however deep. GraphQL.NET's complexity analysis (and its executor) walk a
    /// fragment again at each spread, so a fragment that spreads the one before it twice doubles the walk
    /// with each level: forty such levels, under 2 KB, kept a core busy for hours, past the request's
    /// timeout. Each bound above counts a fragment once per selection set and misses this.
    /// </summary>
    public const int MaxExpandedSelections = 50_000;

    /// <summary>Fragment spreads in one selection set, those in its inline fragments included.</summary>
    public const int MaxSpreads = 100;

    /// <summary>
    /// Variables the document's operations define, all of them together. Validation's checks of them
    /// grow faster than their count: an operation of 100,000 unused ones (1.5 MB) took 44 s and
    /// answered 14 MB of errors, past the request's timeout, which applies only after validation; a
    /// bound per operation was not enough, since 200 operations of 1,000 each (2 MB) took 92 s.
    /// </summary>
    public const int MaxVariables = 1_000;

    /// <summary>Directives on one field, fragment, operation or variable.</summary>
    public const int MaxDirectives = 10;

    /// <summary>
    /// Arguments given to one field or directive. Validation's checks of one field's arguments grow
    /// with the square of their count: 100,000 unknown ones on one field (1 MB) took 22 s. The widest
    /// fields of the schema (entities, lineage) take 7.
    /// </summary>
    public const int MaxFieldArguments = 50;

    /// <summary>
    /// Arguments given in the whole document, to fields and directives: each unknown one is checked
    /// against the field's (20,000 spread over 200 fields took 1.1 s).
    /// </summary>
    public const int MaxArguments = 5_000;

    /// <summary>Directives in the whole document: 10 unknown ones on each of 2,500 fields took 1.9 s.</summary>
    public const int MaxDocumentDirectives = 1_000;

    /// <summary>
    /// Values written in the document itself (in arguments and variables' defaults), counted as object
    /// fields and list items. Validation reports a fault per value (a field given twice, an undefined
    /// variable, an item of the wrong type), and each report costs more the further into the document
    /// it is: 200,000 copies of one field in an object (2.2 MB) took 152 s, 50,000 uses of an undefined
    /// variable in a list 3.9 s; 10,000 copies took 0.5 s. Large inputs belong in variables, which are
    /// JSON and read apart.
    /// </summary>
    public const int MaxValues = 5_000;

    /// <summary>
    /// Characters in one line of the document's text. The parser's report of a syntax error costs
    /// the square of the error's column (1.7 s at column 80,000; a tester's 3 MB one-line body kept a
    /// core busy for over 13 minutes until stopped, past the request's timeout, which applies only
    /// after parsing); at this bound it costs about 35 ms. Documents are written in lines, and a long
    /// value belongs in a variable.
    /// </summary>
    public const int MaxLineLength = 16_384;

    /// <summary>
    /// The text with each lone carriage return made a line feed: the same line break to GraphQL (in
    /// comments and block strings too; a string cannot hold one), of the same length. GraphQL-Parser
    /// counts a lone <c>\r</c> as a line but splits the text on <c>\n</c> alone when it reports a syntax
    /// error, and fails with an IndexOutOfRangeException (a 500) on a line it cannot find.
    /// </summary>
    public static string WithNewlines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('\r', StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = at; i < chars.Length; i++)
        {
            if (chars[i] == '\r' && (i + 1 == chars.Length || chars[i + 1] != '\n'))
            {
                chars[i] = '\n';
            }
        }

        return new string(chars);
    }

    /// <summary>Why the document's text is refused before it is parsed, or null when no line is past <see cref="MaxLineLength"/>.</summary>
    public static string? TextRefusal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = 1;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('\n' or '\r'))
            {
                continue;
            }

            if (i - start > MaxLineLength)
            {
                return $"Line {line} of the document is longer than {MaxLineLength} characters; break it into lines (a line break may stand wherever a space may), and give long values as variables.";
            }

            // \r\n is one line break.
            if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                i++;
            }

            line++;
            start = i + 1;
        }

        return null;
    }

    /// <summary>Why the document is refused, or null when its shape is within the bounds.</summary>
    public static string? Refusal(GraphQLDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>();
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            // A name defined twice is a validation error of its own; the first is enough here.
            fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }

        var variables = document.Definitions.OfType<GraphQLOperationDefinition>().Sum(o => o.Variables?.Items.Count ?? 0);
        if (variables > MaxVariables)
        {
            return $"The document defines {variables} variables (its operations together); this server allows at most {MaxVariables}. Give many values as one list variable.";
        }

        if (Expanded(document, fragments) > MaxExpandedSelections)
        {
            return $"The document's operations hold more than {MaxExpandedSelections} fields and fragments with each fragment written out wherever it is spread (a fragment that spreads another twice doubles it); spread each fragment fewer times.";
        }

        var counts = new Counts();
        foreach (var definition in document.Definitions)
        {
            var refusal = definition switch
            {
                GraphQLOperationDefinition operation => Directives(operation.Directives, counts)
                    ?? operation.Variables?.Items.Select(v => Directives(v.Directives, counts) ?? Values(v.DefaultValue, counts)).FirstOrDefault(r => r is not null)
                    ?? Walk(operation.SelectionSet, fragments, counts),
                GraphQLFragmentDefinition fragment => Directives(fragment.Directives, counts) ?? Walk(fragment.SelectionSet, fragments, counts),
                _ => null,
            };
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string? Walk(GraphQLSelectionSet? set, Dictionary<string, GraphQLFragmentDefinition> fragments, Counts counts)
    {
        if (set is null)
        {
            return null;
        }

        var refusal = Merged(set, fragments, counts);
        if (refusal is not null)
        {
            return refusal;
        }

        foreach (var selection in set.Selections)
        {
            if (++counts.Selections > MaxSelections)
            {
                return $"The document holds more than {MaxSelections} fields and fragments.";
            }

            refusal = selection switch
            {
                GraphQLField field => Arguments(field.Name.StringValue, field.Arguments, counts)
                    ?? Directives(field.Directives, counts) ?? Walk(field.SelectionSet, fragments, counts),
                GraphQLInlineFragment inline => Directives(inline.Directives, counts) ?? Walk(inline.SelectionSet, fragments, counts),
                GraphQLFragmentSpread spread => Directives(spread.Directives, counts),
                _ => null,
            };
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>
    /// The fields of one selection set as validation merges them: its own, and those of the inline
    /// fragments and fragment spreads in it, each fragment once. Stops at the first bound passed.
    /// </summary>
    private static string? Merged(GraphQLSelectionSet set, Dictionary<string, GraphQLFragmentDefinition> fragments, Counts counts)
    {
        var repeats = new Dictionary<string, int>();
        var expanded = new HashSet<string>();
        var spreads = 0;
        var merged = 0;
        var pending = new Stack<GraphQLSelectionSet>();
        pending.Push(set);
        while (pending.TryPop(out var current))
        {
            foreach (var selection in current.Selections)
            {
                if (++merged > MaxSelections)
                {
                    return $"A selection set merges more than {MaxSelections} fields and fragments.";
                }

                if (++counts.Merged > MaxMergedSelections)
                {
                    return $"The document's selection sets merge more than {MaxMergedSelections} fields and fragments in all (each fragment counted wherever it is spread).";
                }

                switch (selection)
                {
                    case GraphQLField field:
                        var name = (field.Alias?.Name ?? field.Name).StringValue;
                        var seen = repeats.GetValueOrDefault(name);
                        repeats[name] = seen + 1;
                        if (seen + 1 > MaxRepeats)
                        {
                            return $"'{Shorten(name)}' is selected more than {MaxRepeats} times in one selection set (its fragments included); give each selection an alias of its own.";
                        }

                        // The new field pairs with each earlier one of its name.
                        counts.RepeatedPairs += seen;
                        if (counts.RepeatedPairs > MaxRepeatedPairs)
                        {
                            return $"The document repeats response names within selection sets more than {MaxRepeatedPairs} times (counted as pairs of fields); give each selection an alias of its own.";
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread:
                        if (++spreads > MaxSpreads)
                        {
                            return $"A selection set spreads more than {MaxSpreads} fragments.";
                        }

                        if (expanded.Add(spread.FragmentName.Name.StringValue) && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment))
                        {
                            pending.Push(fragment.SelectionSet);
                        }

                        break;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The size of the document's operations with every spread written out (<see cref="MaxExpandedSelections"/>),
    /// counted no further than just past that bound. Each fragment's size is worked out once, its own
    /// selections plus the sizes of the fragments it spreads, so the count costs the document's length
    /// however large the expansion. Fragments are taken in an explicit order, not by recursion, since a
    /// chain of thousands of fragments each spreading the next would otherwise nest as deep.
    /// </summary>
    private static long Expanded(GraphQLDocument document, Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        const long Past = MaxExpandedSelections + 1L;
        var own = new Dictionary<string, (int Selections, List<string> Spreads)>();
        foreach (var (name, fragment) in fragments)
        {
            own[name] = Direct(fragment.SelectionSet);
        }

        // A fragment in a cycle (a validation error of its own) counts as nothing more at its repeat.
        var sizes = new Dictionary<string, long>();
        var onPath = new HashSet<string>();
        foreach (var root in own.Keys)
        {
            var pending = new Stack<(string Name, bool Expanded)>();
            pending.Push((root, false));
            while (pending.TryPop(out var item))
            {
                if (item.Expanded)
                {
                    onPath.Remove(item.Name);
                    var (selections, spreads) = own[item.Name];
                    sizes[item.Name] = Math.Min(Past, selections + spreads.Sum(s => sizes.GetValueOrDefault(s)));
                    continue;
                }

                if (sizes.ContainsKey(item.Name) || !onPath.Add(item.Name))
                {
                    continue;
                }

                pending.Push((item.Name, true));
                foreach (var spread in own[item.Name].Spreads.Where(s => own.ContainsKey(s) && !sizes.ContainsKey(s) && !onPath.Contains(s)))
                {
                    pending.Push((spread, false));
                }
            }
        }

        var total = 0L;
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            var (selections, spreads) = Direct(operation.SelectionSet);
            total = Math.Min(Past, total + selections + spreads.Sum(s => sizes.GetValueOrDefault(s)));
        }

        return total;

        // The selections of one set and those nested in it, each spread counted as one and named once per
        // time it is spread; a fragment's own selections are not entered. The parser bounds how deep a
        // document nests, so the recursion here stays shallow.
        static (int Selections, List<string> Spreads) Direct(GraphQLSelectionSet? set)
        {
            var spreads = new List<string>();
            var selections = Count(set, spreads);
            return (selections, spreads);
        }

        static int Count(GraphQLSelectionSet? set, List<string> spreads)
        {
            if (set is null)
            {
                return 0;
            }

            var count = 0;
            foreach (var selection in set.Selections)
            {
                count++;
                switch (selection)
                {
                    case GraphQLField field:
                        count += Count(field.SelectionSet, spreads);
                        break;
                    case GraphQLInlineFragment inline:
                        count += Count(inline.SelectionSet, spreads);
                        break;
                    case GraphQLFragmentSpread spread:
                        spreads.Add(spread.FragmentName.Name.StringValue);
                        break;
                }
            }

            return count;
        }
    }

    /// <summary>What the whole document has used of the bounds that are not per selection set.</summary>
    private sealed class Counts
    {
        public int Selections { get; set; }

        public int RepeatedPairs { get; set; }

        public int Merged { get; set; }

        public int Arguments { get; set; }

        public int Directives { get; set; }

        public int Values { get; set; }
    }

    private static string? Directives(GraphQLDirectives? directives, Counts counts)
    {
        if (directives is null)
        {
            return null;
        }

        counts.Directives += directives.Items.Count;
        return directives.Items.Count > MaxDirectives
            ? $"A field, fragment, operation or variable carries more than {MaxDirectives} directives."
            : counts.Directives > MaxDocumentDirectives
            ? $"The document carries more than {MaxDocumentDirectives} directives in all."
            : directives.Items.Select(d => Arguments("@" + d.Name.StringValue, d.Arguments, counts)).FirstOrDefault(r => r is not null);
    }

    private static string? Arguments(string name, GraphQLArguments? arguments, Counts counts)
    {
        if (arguments is null)
        {
            return null;
        }

        counts.Arguments += arguments.Items.Count;
        return arguments.Items.Count > MaxFieldArguments
            ? $"'{Shorten(name)}' is given {arguments.Items.Count} arguments; this server allows at most {MaxFieldArguments} on one field or directive."
            : counts.Arguments > MaxArguments
            ? $"The document gives more than {MaxArguments} arguments in all (to fields and directives)."
            : arguments.Items.Select(a => Values(a.Value, counts)).FirstOrDefault(r => r is not null);
    }

    /// <summary>Counts the object fields and list items in a value written in the document; stops at the first past the bound.</summary>
    private static string? Values(GraphQLValue? value, Counts counts)
    {
        // The parser refuses values nested past a few dozen levels, so this recursion stays shallow.
        var (count, inner) = value switch
        {
            GraphQLObjectValue { Fields: { } fields } => (fields.Count, fields.Select(f => f.Value)),
            GraphQLListValue { Values: { } items } => (items.Count, items),
            _ => (0, Enumerable.Empty<GraphQLValue>()),
        };
        counts.Values += count;
        return counts.Values > MaxValues
            ? $"The document writes more than {MaxValues} values in its arguments and defaults (object fields and list items); give large inputs as variables."
            : inner.Select(v => Values(v, counts)).FirstOrDefault(r => r is not null);
    }

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
