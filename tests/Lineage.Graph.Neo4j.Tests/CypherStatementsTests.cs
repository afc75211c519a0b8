using System.Text.RegularExpressions;
using Lineage.Graph.Core;

namespace Lineage.Graph.Neo4j.Tests;

public sealed partial class CypherStatementsTests
{
    [Theory]
    [InlineData("get-entities")]
    [InlineData("write-batch")]
    [InlineData("retire")]
    [InlineData("purge")]
    [InlineData("list-entities")]
    [InlineData("list-versions")]
    [InlineData("list-newest-versions")]
    [InlineData("ping")]
    public void Every_statement_the_store_sends_is_embedded_from_the_cypher_folder(string name) =>
        Assert.Equal(File.ReadAllText(Path.Combine(CypherFolder(), "queries", name + ".cypher")), CypherStatements.Query(name));

    [Theory]
    [InlineData("retire", "// An entity named twice", "WITH DISTINCT n", "SET n.")]
    [InlineData("retire", "// An edge named twice", "WITH DISTINCT r", "SET r.")]
    [InlineData("purge", "// An edge named twice", "WITH DISTINCT r", "DELETE r")]
    public void An_item_named_twice_is_changed_and_counted_once(string name, string items, string distinct, string change)
    {
        // The subquery that changes the named items: from the comment that says so to the end of its block.
        // Neo4j cannot run here; Neo4jStoreContractTests checks the counts on a real one.
        var statement = CypherStatements.Query(name);
        var start = statement.IndexOf(items, StringComparison.Ordinal);
        var block = statement[start..statement.IndexOf("\n}", start, StringComparison.Ordinal)];

        Assert.InRange(block.IndexOf(distinct, StringComparison.Ordinal), 0, block.IndexOf(change, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("retire", "SET n.writeLock", "WHERE n.retiredAt IS NULL")]
    [InlineData("retire", "SET n.writeLock", "WHERE r.current = true")]
    [InlineData("retire", "SET n.writeLock", "OPTIONAL MATCH (n:Entity {key: $entities[position]})")]
    [InlineData("purge", "SET n.writeLock", "OPTIONAL MATCH (n)-[r]-()")]
    public void A_change_reads_what_it_changes_only_once_it_holds_the_lock(string name, string lockTaken, string read)
    {
        // Read before the lock, two retires of one item both saw it current (the second moved its
        // retiredAt past its edges'), and a purge missed an edge written in between and failed on it.
        // Neo4j cannot run here; this keeps the order the review of the statements found necessary.
        var statement = CypherStatements.Query(name);

        Assert.InRange(statement.IndexOf(lockTaken, StringComparison.Ordinal), 0, statement.IndexOf(read, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CALL (retiredEntities, at)")]
    [InlineData("// An edge named twice")]
    public void A_retire_reads_whether_an_edge_is_current_only_once_it_holds_the_edge_s_lock(string block)
    {
        // The nodes' locks keep writes out, not another retire of the same edge: it reads current again under the edge's own lock.
        var statement = CypherStatements.Query("retire");
        var start = statement.IndexOf(block, StringComparison.Ordinal);
        var body = statement[start..statement.IndexOf("\n}", start, StringComparison.Ordinal)];

        Assert.InRange(body.IndexOf("ORDER BY elementId(r)", StringComparison.Ordinal), 0, body.IndexOf("SET r.writeLock", StringComparison.Ordinal));
        Assert.InRange(body.IndexOf("SET r.writeLock", StringComparison.Ordinal), 0, body.IndexOf("WHERE r.current = true", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("write-batch", "ORDER BY coalesce(n.sortKey, n.key)")]
    [InlineData("retire", "ORDER BY coalesce(n.sortKey, n.key)")]
    [InlineData("purge", "ORDER BY coalesce(n.sortKey, n.key)")]
    public void Every_statement_that_locks_nodes_locks_them_in_one_order(string name, string order)
    {
        // Two statements that take the same locks in two orders can deadlock; sortKey has the keys' code point order however Neo4j compares strings.
        var statement = CypherStatements.Query(name);

        Assert.InRange(statement.IndexOf(order, StringComparison.Ordinal), 0, statement.IndexOf("SET n.writeLock", StringComparison.Ordinal));
    }

    [Fact]
    public void A_purge_locks_the_ends_of_the_edges_it_deletes_before_deleting_any()
    {
        // Neo4j locks a deleted relationship's ends itself, in its own order: locked first in key order, they cannot deadlock against a retire.
        var statement = CypherStatements.Query("purge");
        var locked = statement.IndexOf("SET n.writeLock", StringComparison.Ordinal);

        Assert.InRange(statement.IndexOf("OPTIONAL MATCH (n)--(far:Entity)", StringComparison.Ordinal), 0, locked);
        Assert.InRange(statement.IndexOf("UNWIND [row.from, row.to] AS key", StringComparison.Ordinal), 0, locked);
        Assert.InRange(locked, 0, statement.IndexOf("DELETE r", StringComparison.Ordinal));
    }

    [Fact]
    public void A_retire_locks_the_ends_of_the_edges_it_names_takes_its_instant_after_the_locks_and_renews_their_revisions()
    {
        // Edges are not versioned on their ends: a write that read the ends before an edge was retired would
        // otherwise make a version recorded before the retirement, two versions current at once in between.
        var statement = CypherStatements.Query("retire");
        var locks = statement.IndexOf("[row IN $edges | row.from] + [row IN $edges | row.to]", StringComparison.Ordinal);
        var instant = statement.IndexOf("AS at", StringComparison.Ordinal);

        Assert.InRange(locks, 0, statement.IndexOf("SET n.writeLock", StringComparison.Ordinal));
        Assert.InRange(statement.IndexOf("SET n.writeLock", StringComparison.Ordinal), 0, instant);
        Assert.DoesNotContain("= $now", statement[instant..], StringComparison.Ordinal);
        Assert.Contains("SET a.revision = coalesce(a.revision, 0) + 1", statement[statement.IndexOf("// An edge named twice", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void The_upstream_walk_is_the_downstream_one_with_its_arrows_turned()
    {
        // Two files of one statement: a change made to one direction alone would make walks answer
        // differently by direction, which only the contract suite on a real Neo4j would show.
        var downstream = CypherStatements.Query("walk-downstream");
        var turned = downstream
            .Replace("hops downstream of", "hops upstream of", StringComparison.Ordinal)
            .Replace("(()-[r:", "(()<-[r:", StringComparison.Ordinal)
            .Replace("]->(x ", "]-(x ", StringComparison.Ordinal)
            .Replace("(near)-[e:", "(near)<-[e:", StringComparison.Ordinal)
            .Replace("]->()", "]-()", StringComparison.Ordinal);

        Assert.NotEqual(downstream, turned);
        Assert.Equal(CypherStatements.Query("walk-upstream"), turned);
    }

    [Fact]
    public void A_listing_counts_with_the_filters_of_its_page()
    {
        // The count and the page are two subqueries of one statement; their filters are written twice,
        // and a filter changed in one alone would count what the pages do not list.
        var statement = CypherStatements.Query("list-entities");
        var count = Filters(statement, statement.IndexOf("CALL () {", StringComparison.Ordinal));
        var page = Filters(statement, statement.IndexOf("OPTIONAL CALL () {", StringComparison.Ordinal));

        Assert.Contains("$namespace", count, StringComparison.Ordinal);
        Assert.Equal(count + "AND ($after IS NULL OR coalesce(n.sortKey, n.key) > $after)", page);

        // The WHERE clause of the subquery at start, without comments or indentation.
        static string Filters(string statement, int start)
        {
            var where = statement.IndexOf("WHERE", start, StringComparison.Ordinal);
            var end = statement.IndexOf("\n  RETURN", where, StringComparison.Ordinal);
            return string.Concat(statement[where..end].Split('\n').Select(line => line.Trim()).Where(line => !line.StartsWith("//", StringComparison.Ordinal)));
        }
    }

    [Theory]
    [InlineData(null, "Entity")]
    [InlineData(EntityKind.Model, "Model")]
    [InlineData(EntityKind.HyperparameterSet, "HyperparameterSet")]
    public void A_listing_scans_the_label_of_the_kind_it_lists_in_its_count_and_its_page(EntityKind? kind, string label)
    {
        var statement = CypherStatements.Labelled("list-entities", kind);

        Assert.Equal(2, Regex.Count(statement, Regex.Escape($"MATCH (n:{label})\n")));
        Assert.DoesNotContain("{{", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("$kind", statement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listing_of_an_unknown_kind_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CypherStatements.Labelled("list-entities", (EntityKind)99));

    [Theory]
    [InlineData("coalesce(n.lowerNamespace, toLower(n.namespace)) CONTAINS $text")]
    [InlineData("coalesce(n.lowerName, toLower(n.name)) CONTAINS $text")]
    [InlineData("coalesce(n.lowerDescription, toLower(coalesce(n.description, ''))) CONTAINS $text")]
    public void Text_search_compares_the_lowered_copies_the_store_writes_where_a_node_has_them_in_the_count_and_the_page_alike(string comparison) =>
        Assert.Equal(2, Regex.Count(CypherStatements.Query("list-entities"), Regex.Escape(comparison)));

    [Fact]
    public void The_schema_has_a_key_constraint_for_every_label_and_runs_constraints_first()
    {
        var schema = CypherStatements.Schema;

        Assert.Equal(Directory.GetFiles(Path.Combine(CypherFolder(), "schema"), "*.cypher").Length, schema.Count);
        foreach (var label in new[] { "Entity" }.Concat(Enum.GetNames<Core.EntityKind>()))
        {
            Assert.Contains(schema, s => s.Text.Contains($"FOR (n:{label}) REQUIRE n.key IS UNIQUE", StringComparison.Ordinal));
        }

        Assert.All(schema, s => Assert.Contains("IF NOT EXISTS", s.Text, StringComparison.Ordinal));
        var firstIndex = schema.ToList().FindIndex(s => s.Text.Contains("INDEX", StringComparison.Ordinal));
        Assert.True(schema.Take(firstIndex).All(s => s.Text.Contains("CONSTRAINT", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("walk-downstream", 1)]
    [InlineData("walk-upstream", 37)]
    [InlineData("walk-downstream", Neo4jLineageStore.MaxDepthCap)]
    public void A_walk_gets_its_depth_bound_and_relationship_types_written_in_and_nothing_else(string name, int depth)
    {
        var template = File.ReadAllText(Path.Combine(CypherFolder(), "queries", name + ".cypher"));

        var statement = CypherStatements.Walk(name, depth, [RelationKind.Produced, RelationKind.InputTo, RelationKind.Produced]);

        Assert.Equal(
            template.Replace("{{maxDepth}}", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{relations}}", "INPUT_TO|PRODUCED", StringComparison.Ordinal),
            statement);
        Assert.Contains($"{{1,{depth}}}", statement, StringComparison.Ordinal);
        Assert.Contains("[r:INPUT_TO|PRODUCED WHERE ", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", statement, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("walk-edges-downstream", "-[r:CHILD_OF|DERIVES]->")]
    [InlineData("walk-edges-upstream", "<-[r:CHILD_OF|DERIVES]-")]
    public void A_walk_s_edges_are_asked_for_by_its_relationship_types(string name, string pattern)
    {
        var template = File.ReadAllText(Path.Combine(CypherFolder(), "queries", name + ".cypher"));

        var statement = CypherStatements.Typed(name, [RelationKind.Derives, RelationKind.ChildOf]);

        Assert.Equal(template.Replace("{{relations}}", "CHILD_OF|DERIVES", StringComparison.Ordinal), statement);
        Assert.Contains(pattern, statement, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", statement, StringComparison.Ordinal);
        Assert.DoesNotContain("$relations", statement, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(Neo4jLineageStore.MaxDepthCap + 1)]
    public void Depth_bounds_outside_what_the_lint_checks_are_refused(int depth) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CypherStatements.Walk("walk-downstream", depth, [RelationKind.InputTo]));

    [Fact]
    public void A_walk_that_follows_no_relation_or_an_unknown_one_is_refused() =>
        Assert.All(new RelationKind[][] { [], [(RelationKind)99] }, relations =>
            Assert.Throws<ArgumentException>(() => CypherStatements.Typed("walk-edges-downstream", relations)));

    [Fact]
    public void The_lint_checks_every_depth_the_store_can_write()
    {
        var lint = File.ReadAllText(Path.Combine(CypherFolder(), "lint", "lint.mjs"));

        var match = MaxDepthLine().Match(lint);

        Assert.True(match.Success, "cypher/lint/lint.mjs must declare `const MaxDepth = <n>;`.");
        Assert.Equal(Neo4jLineageStore.MaxDepthCap, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_lint_checks_every_relationship_type_the_store_can_write()
    {
        var lint = File.ReadAllText(Path.Combine(CypherFolder(), "lint", "lint.mjs"));

        var match = RelationsLine().Match(lint);

        Assert.True(match.Success, "cypher/lint/lint.mjs must declare `const relations = ['...', ...];`.");
        Assert.Equal(
            Relations.All.Select(Relations.Name).Order(StringComparer.Ordinal),
            QuotedName().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
    }

    private static string CypherFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "cypher");
            if (Directory.Exists(Path.Combine(candidate, "queries")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No cypher/ folder above the test's output folder.");
    }

    [GeneratedRegex(@"const MaxDepth = (\d+);")]
    private static partial Regex MaxDepthLine();

    [GeneratedRegex(@"const relations = \[([^\]]*)\];")]
    private static partial Regex RelationsLine();

    [GeneratedRegex(@"'([A-Z_]+)'")]
    private static partial Regex QuotedName();
}
