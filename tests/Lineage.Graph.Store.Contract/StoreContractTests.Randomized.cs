using Lineage.Graph.Core;
using Xunit;

namespace Lineage.Graph.Store.Contract;

// lineage-model.md as a whole: random writes, retirements and purges over a small pool of keys
// (hostile ones among them), with the clock standing still between some of them, and after every
// few the walks, in every direction and with every option, checked against ReferenceGraph. The
// hand-written tests each pin one rule; these find what the rules do to each other.
public abstract partial class StoreContractTests
{
    private const int RandomSteps = 160;

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Random_writes_retires_and_purges_answer_as_the_reference_model_does(int seed)
    {
        var random = new Random(seed);
        var reference = new ReferenceGraph();
        var instants = new List<DateTimeOffset> { Clock.GetUtcNow() };
        var log = new List<string>();
        for (var step = 0; step < RandomSteps; step++)
        {
            var now = Clock.GetUtcNow();
            var roll = random.Next(100);
            if (roll < 62)
            {
                await RandomWriteAsync(random, reference, now, log);
            }
            else if (roll < 86)
            {
                await RandomRetireAsync(random, reference, now, log);
            }
            else
            {
                await RandomPurgeAsync(random, reference, log);
            }

            // Often the clock stands still, so that writes, retirements and asOf meet at one instant.
            if (random.Next(3) == 0)
            {
                instants.Add(Tick());
            }

            if (step % 8 == 7)
            {
                await CheckRandomWalksAsync(random, reference, instants, $"seed {seed}, step {step}", log);
            }
        }
    }

    private static readonly RandomPool Pool = new();

    private async Task RandomWriteAsync(Random random, ReferenceGraph reference, DateTimeOffset now, List<string> log)
    {
        // Mostly edges between entities that are current or written with them; now and then one to
        // an entity that was never written or is retired, which refuses the whole batch.
        var entities = Enumerable.Range(0, random.Next(3)).Select(_ => Pool.Keys[random.Next(Pool.Keys.Count)]).ToList();
        var edges = new List<EdgeInput>();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var edge = Pool.RandomEdge(random, edges.Count, key => random.Next(12) == 0 || !reference.Entities.TryGetValue(key, out var life) || life.RetiredAt is null);
            edges.Add(edge);
            if (random.Next(10) == 0)
            {
                // The same edge twice in one batch is one edge.
                edges.Add(edge);
            }

            entities.AddRange(new[] { edge.From, edge.To }.Where(end => !reference.Entities.ContainsKey(end) && random.Next(12) > 0));
        }

        entities = [.. entities.Distinct()];
        var batch = new WriteBatch { Entities = [.. entities.Select(key => RandomContent(random, Pool.Input(key)))], Edges = edges };
        var described = $"write [{string.Join(", ", entities)}] [{string.Join(", ", edges.Select(Describe))}]";
        log.Add(described);
        var (expected, refusals) = reference.Write(batch, now);
        if (expected is null)
        {
            var ex = await Assert.ThrowsAnyAsync<LineageException>(() => Store.WriteAsync(batch));
            Assert.True(refusals.Contains(ex.Code), $"{described} was refused with {ex.Code} ({ex.Message}); expected one of {string.Join(", ", refusals)}.");
        }
        else
        {
            var actual = await Store.WriteAsync(batch);
            Assert.True(expected == actual, $"{described}: expected {expected}, got {actual}.");
        }
    }

    /// <summary>Now and then a description, properties set or removed (never one property both), for upserts to change.</summary>
    private static EntityInput RandomContent(Random random, EntityInput input)
    {
        string[] descriptions = ["first", "second", "ｚ😀"];
        var set = random.Next(3) > 0 ? [] : new[] { "p", "q" }.Where(_ => random.Next(2) == 0).ToArray();
        return input with
        {
            Description = random.Next(3) == 0 ? descriptions[random.Next(descriptions.Length)] : null,
            Properties = set.Length == 0 ? null : Graphs.Map([.. set.Select(name => (name, random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture)))]),
            RemoveProperties = random.Next(6) == 0 ? [.. new[] { "p", "q" }.Except(set).Take(1)] : null,
        };
    }

    private async Task RandomRetireAsync(Random random, ReferenceGraph reference, DateTimeOffset now, List<string> log)
    {
        // Mostly what exists, now and then what never did (the whole request is then refused).
        var known = reference.Entities.Keys.ToList();
        var entities = Enumerable.Range(0, random.Next(4) / 2)
            .Select(_ => known.Count > 0 && random.Next(8) > 0 ? known[random.Next(known.Count)] : Pool.Keys[random.Next(Pool.Keys.Count)])
            .ToList();
        var stored = reference.Edges;
        var edges = Enumerable.Range(0, random.Next(entities.Count == 0 ? 1 : 0, 3))
            .Select(_ => stored.Count > 0 && random.Next(8) > 0 ? stored[random.Next(stored.Count)] : Pool.RandomEdgeRef(random))
            .ToList();
        var request = new RetireRequest { Entities = entities, Edges = edges };
        var described = $"retire [{string.Join(", ", entities)}] [{string.Join(", ", edges.Select(e => Graphs.Describe(e.From, e.To, e.Relation)))}]";
        log.Add(described);
        var expected = reference.Retire(request, now);
        if (expected is null)
        {
            var ex = await Assert.ThrowsAnyAsync<LineageException>(() => Store.RetireAsync(request));
            Assert.True(ex.Code == ErrorCodes.NotFound, $"{described} was refused with {ex.Code} ({ex.Message}); expected {ErrorCodes.NotFound}.");
        }
        else
        {
            var actual = await Store.RetireAsync(request);
            Assert.True(expected == actual, $"{described}: expected {expected}, got {actual}.");
        }
    }

    private async Task RandomPurgeAsync(Random random, ReferenceGraph reference, List<string> log)
    {
        // Mostly retired entities, which frees their keys to be written anew.
        var retired = reference.Entities.Where(e => e.Value.RetiredAt is not null).Select(e => e.Key).ToList();
        var request = random.Next(3) > 0
            ? new PurgeRequest { Entities = [retired.Count > 0 && random.Next(4) > 0 ? retired[random.Next(retired.Count)] : Pool.Keys[random.Next(Pool.Keys.Count)]] }
            : new PurgeRequest { Edges = [reference.Edges is { Count: > 0 } stored && random.Next(4) > 0 ? stored[random.Next(stored.Count)] : Pool.RandomEdgeRef(random)] };
        var described = $"purge [{string.Join(", ", request.Entities)}] [{string.Join(", ", request.Edges.Select(e => Graphs.Describe(e.From, e.To, e.Relation)))}]";
        log.Add(described);
        var (expected, actual) = (reference.Purge(request), await Store.PurgeAsync(request));
        Assert.True(expected == actual, $"{described}: expected {expected}, got {actual}.");
    }

    /// <summary>Walks from random starts with random options, one at a time and together, against the reference's.</summary>
    private async Task CheckRandomWalksAsync(Random random, ReferenceGraph reference, List<DateTimeOffset> instants, string when, List<string> log)
    {
        var requests = new List<WalkRequest>();
        for (var i = 0; i < 12; i++)
        {
            var start = reference.Entities.Count > 0 && random.Next(6) > 0
                ? reference.Entities.Keys.ElementAt(random.Next(reference.Entities.Count))
                : Pool.Keys[random.Next(Pool.Keys.Count)];
            requests.Add(new WalkRequest
            {
                Start = start,
                Direction = (Direction)random.Next(3),
                MaxDepth = random.Next(4) == 0 ? null : random.Next(1, 6),
                Relations = random.Next(3) == 0 ? null : random.Next(2) == 0 ? Relations.All : [.. Relations.All.Where(_ => random.Next(3) > 0)],
                Kinds = random.Next(3) > 0 ? null : [.. Enum.GetValues<EntityKind>().Where(_ => random.Next(2) == 0)],
                AsOf = random.Next(3) > 0 ? null : instants[random.Next(instants.Count)],
                Limit = random.Next(3) > 0 ? null : random.Next(1, 8),
            });
        }

        // A request with no relations or kinds left is the caller's mistake, not a walk.
        requests = [.. requests.Where(r => r.Relations is not { Count: 0 } && r.Kinds is not { Count: 0 })];
        var expected = requests.Select(r => reference.WalkFrom(r.Start, r.Direction, r.MaxDepth ?? Limits.MaxDepthIfUnasked,
            r.Relations ?? Relations.Lineage, r.Kinds, r.AsOf, r.Limit ?? Limits.LimitIfUnasked)).ToList();
        var many = await Store.WalkManyAsync(requests);
        var keys = await Store.WalkKeysManyAsync(requests);
        for (var i = 0; i < requests.Count; i++)
        {
            var context = $"{when}: walk {Describe(requests[i])}\nafter:\n{string.Join("\n", log.TakeLast(12))}";
            var want = expected[i] is { } walk ? Describe(walk) : "not found";
            string got;
            try
            {
                got = Describe(await Store.WalkAsync(requests[i]));
            }
            catch (NotFoundException)
            {
                got = "not found";
            }

            Assert.True(want == got, $"{context}\nexpected:\n{want}\nactual:\n{got}");
            Assert.True(want == (many[i] is { } one ? Describe(one) : "not found"), $"{context}\nWalkManyAsync differs:\n{(many[i] is { } m ? Describe(m) : "not found")}");
            var wantKeys = expected[i] is { } w ? DescribeKeys(w) : "not found";
            var gotKeys = keys[i] is { } k ? DescribeKeys(k) : "not found";
            Assert.True(wantKeys == gotKeys, $"{context}\nWalkKeysManyAsync:\nexpected:\n{wantKeys}\nactual:\n{gotKeys}");
        }

        // The edges retirement took out of upstream walks through some keys, now and at a past instant.
        for (var i = 0; i < 3; i++)
        {
            List<EntityKey> into = [.. Pool.Keys.Where(_ => random.Next(3) == 0)];
            RelationKind[] relations = random.Next(2) == 0 ? [.. Relations.Lineage] : [.. Relations.All.Where(_ => random.Next(2) == 0).DefaultIfEmpty(RelationKind.Derives)];
            DateTimeOffset? asOf = random.Next(2) == 0 ? null : instants[random.Next(instants.Count)];
            var limit = random.Next(4) == 0 ? random.Next(3) : 100;
            var wantRetired = string.Join("\n", reference.RetiredInto(into, relations, asOf).Take(limit).Select(DescribeRetired));
            var gotRetired = string.Join("\n", (await Store.RetiredEdgesIntoAsync(into, relations, asOf, limit)).Select(DescribeRetired));
            Assert.True(wantRetired == gotRetired,
                $"{when}: retired edges into [{string.Join(", ", into)}] of {string.Join("|", relations.Select(Relations.Name))} as of {asOf:O}\nafter:\n{string.Join("\n", log.TakeLast(12))}\nexpected:\n{wantRetired}\nactual:\n{gotRetired}");
        }

        await CheckRandomPathsAsync(random, reference, instants, when);
        await CheckRandomReportsAsync(random, reference, when);

        // Every entity read alone and together, now and at a past instant, and the current ones listed in order.
        foreach (var asOf in new[] { (DateTimeOffset?)null, instants[random.Next(instants.Count)] })
        {
            var together = await Store.GetManyAsync(Pool.Keys, asOf);
            foreach (var key in Pool.Keys)
            {
                var want = reference.AliveAt(key, asOf) ? reference.Entities[key].Describe() : "none";
                var got = await Store.GetAsync(key, asOf) is { } entity ? DescribeContent(entity) : "none";
                var gotMany = together.TryGetValue(key, out var one) ? DescribeContent(one) : "none";
                Assert.True(want == got && want == gotMany, $"{when}: get {key} as of {asOf:O}: expected {want}, got {got} alone and {gotMany} together");
            }
        }

        Assert.Equal(
            reference.Entities.Where(e => e.Value.RetiredAt is null).Select(e => e.Key).Order(ReferenceGraph.KeyOrder),
            (await ListAllAsync()).Select(e => e.Key));
    }

    /// <summary>
    /// Paths between random pairs: the shortest length either way, downstream when both are as short,
    /// and every path a chain of current edges of the allowed relations from one entity to the other.
    /// </summary>
    private async Task CheckRandomPathsAsync(Random random, ReferenceGraph reference, List<DateTimeOffset> instants, string when)
    {
        var keys = reference.Entities.Keys.ToList();
        for (var i = 0; i < 4 && keys.Count > 0; i++)
        {
            var (from, to) = (keys[random.Next(keys.Count)], keys[random.Next(keys.Count)]);
            var asOf = random.Next(3) > 0 ? null : (DateTimeOffset?)instants[random.Next(instants.Count)];
            var maxDepth = random.Next(1, 6);
            var relations = random.Next(2) == 0 ? Relations.Lineage : Relations.All;
            var context = $"{when}: paths {from} to {to} maxDepth={maxDepth} relations={relations.Count} asOf={asOf:O}";
            if (!reference.AliveAt(from, asOf) || !reference.AliveAt(to, asOf))
            {
                await Assert.ThrowsAsync<NotFoundException>(() => Reports.PathsAsync(from, to, 3, maxDepth, relations, asOf));
                continue;
            }

            var result = await Reports.PathsAsync(from, to, 3, maxDepth, relations, asOf);
            var down = reference.Depths(from, true, maxDepth, relations, asOf).GetValueOrDefault(to, -1);
            var up = reference.Depths(from, false, maxDepth, relations, asOf).GetValueOrDefault(to, -1);
            var (direction, length) = from == to ? (Direction.Downstream, 0)
                : down >= 0 && (up < 0 || down <= up) ? (Direction.Downstream, down)
                : (Direction.Upstream, up);
            Assert.True(length < 0 ? result.Paths.Count == 0 : result.Paths.Count is >= 1 and <= 3 && result.Direction == direction,
                $"{context}: expected {(length < 0 ? "none" : $"{direction} of length {length}")}, got {result.Paths.Count} {result.Direction}");
            // A path runs along the flow of data: from the upstream end of the two to the downstream one.
            var (first, last) = direction == Direction.Downstream ? (from, to) : (to, from);
            foreach (var path in result.Paths)
            {
                Assert.True(path.Edges.Count == length && path.Entities.Count == length + 1 && path.Entities[0].Key == first && path.Entities[^1].Key == last,
                    $"{context}: a path of {path.Edges.Count} edges through {string.Join(", ", path.Entities.Select(e => e.Key))}");
                for (var step = 0; step < path.Edges.Count; step++)
                {
                    var edge = path.Edges[step];
                    Assert.True(edge.From == path.Entities[step].Key && edge.To == path.Entities[step + 1].Key && reference.Joins(edge.From, edge.To, edge.Relation, relations, asOf),
                        $"{context}: step {step} is {Describe(edge)}");
                }
            }
        }
    }

    /// <summary>
    /// What README promises of the reports on any graph: a provenance verdict of reproducible at one
    /// depth holds at every greater one; impact lists every deployment its walk reaches, each with a
    /// shortest path to it along current edges; diff of an entity with itself changes nothing, and
    /// diff(b, a) is diff(a, b) turned around.
    /// </summary>
    private async Task CheckRandomReportsAsync(Random random, ReferenceGraph reference, string when)
    {
        var current = reference.Entities.Where(e => e.Value.RetiredAt is null).Select(e => e.Key).ToList();
        for (var i = 0; i < 3 && current.Count > 0; i++)
        {
            var of = current[random.Next(current.Count)];
            var verdicts = new List<ProvenanceReport>();
            for (var depth = 1; depth <= 6; depth++)
            {
                verdicts.Add(await Reports.ProvenanceAsync(of, depth));
            }

            var first = verdicts.FindIndex(v => v.Reproducible);
            Assert.True(first < 0 || verdicts.Skip(first).All(v => v.Reproducible || v.Truncated),
                $"{when}: provenance of {of} by depth 1-6: "
                + string.Join("; ", verdicts.Select(v => v.Reproducible ? "reproducible" : string.Join(",", v.Issues.Select(issue => issue.Code)))));

            var maxDepth = random.Next(1, 6);
            var impact = await Reports.ImpactAsync(of, maxDepth, Relations.All);
            Assert.Equal(
                impact.Walk.Nodes.Where(n => n.Entity.Kind == EntityKind.Deployment).Select(n => n.Entity.Key),
                impact.Deployments.Select(d => d.Deployment.Entity.Key));
            foreach (var deployment in impact.Deployments)
            {
                var path = deployment.Path;
                Assert.True(path.Edges.Count == deployment.Deployment.Depth && path.Entities[0].Key == of && path.Entities[^1].Key == deployment.Deployment.Entity.Key
                    && path.Edges.Select((e, step) => e.From == path.Entities[step].Key && e.To == path.Entities[step + 1].Key
                        && reference.Joins(e.From, e.To, e.Relation, Relations.All, null)).All(ok => ok),
                    $"{when}: impact of {of} reaches {deployment.Deployment.Entity.Key} at depth {deployment.Deployment.Depth} by {string.Join(", ", path.Edges.Select(Describe))}");
            }

            var other = current[random.Next(current.Count)];
            var self = await Reports.DiffAsync(of, of, maxDepth);
            Assert.True(self.Inputs.Concat(self.Code).All(c => c.Change == ChangeKind.Unchanged)
                && self.Hyperparameters.All(c => c.Change == ChangeKind.Unchanged) && self.Metrics.All(c => c.Change == ChangeKind.Unchanged),
                $"{when}: diff of {of} with itself: {DescribeDiff(self)}");
            var (forward, backward) = (await Reports.DiffAsync(of, other, maxDepth), await Reports.DiffAsync(other, of, maxDepth));
            Assert.True(DescribeDiff(forward) == DescribeDiff(backward, turned: true),
                $"{when}: diff {of} to {other}:\n{DescribeDiff(forward)}\nturned around from {other} to {of}:\n{DescribeDiff(backward, turned: true)}");
        }
    }

    /// <summary>A diff's inputs, code and hyperparameters; turned, as the diff the other way round would read.</summary>
    private static string DescribeDiff(DiffReport diff, bool turned = false)
    {
        ChangeKind Turn(ChangeKind change) => !turned ? change : change switch
        {
            ChangeKind.Added => ChangeKind.Removed,
            ChangeKind.Removed => ChangeKind.Added,
            _ => change,
        };
        string Versions(InputChange c) => turned
            ? $"{string.Join("|", c.VersionsB)} ({string.Join("|", c.RolesB)}) -> {string.Join("|", c.VersionsA)} ({string.Join("|", c.RolesA)})"
            : $"{string.Join("|", c.VersionsA)} ({string.Join("|", c.RolesA)}) -> {string.Join("|", c.VersionsB)} ({string.Join("|", c.RolesB)})";
        return string.Join("\n",
            diff.Inputs.Select(c => $"input {c.Kind}:{c.Namespace}:{c.Name} {Turn(c.Change)} {Versions(c)}")
                .Concat(diff.Code.Select(c => $"code {c.Namespace}:{c.Name} {Turn(c.Change)} {Versions(c)}"))
                .Concat(diff.Hyperparameters.Select(h => $"hyperparameter {h.Name} {Turn(h.Change)} "
                    + (turned ? $"{h.B} -> {h.A}" : $"{h.A} -> {h.B}"))));
    }

    private static string Describe(WalkRequest r) =>
        $"{r.Start} {r.Direction} maxDepth={r.MaxDepth} relations={(r.Relations is null ? "-" : string.Join("|", r.Relations.Select(Relations.Name)))} "
        + $"kinds={(r.Kinds is null ? "-" : string.Join("|", r.Kinds))} asOf={r.AsOf:O} limit={r.Limit}";

    private static string Describe(ReferenceGraph.Walk walk) => string.Join("\n",
        walk.Nodes.Select(n => $"{n.Key}/{n.Depth} {n.Life.Describe()}")
            .Concat(walk.Edges.Select(v => $"{Graphs.Describe(v.Ref.From, v.Ref.To, v.Ref.Relation)} {v.Role} {v.Properties} {v.RecordedAt:O} {v.RetiredAt:O}"))
            .Append($"truncated={walk.Truncated} visited={walk.NodesVisited}/{walk.EdgesVisited}"));

    private static string Describe(WalkResult walk) => string.Join("\n",
        walk.Nodes.Select(n => $"{n.Entity.Key}/{n.Depth} {DescribeContent(n.Entity)}")
            .Concat(walk.Edges.Select(e => $"{Describe(e)} {e.Role} {Json(e.Properties)} {e.RecordedAt:O} {e.RetiredAt:O}"))
            .Append($"truncated={walk.Truncated} visited={walk.NodesVisited}/{walk.EdgesVisited}"));

    /// <summary>An entity's times, description and properties, as <see cref="ReferenceGraph.Life.Describe"/> writes them.</summary>
    private static string DescribeContent(Entity entity) =>
        $"{entity.RecordedAt:O} {entity.UpdatedAt:O} {entity.RetiredAt:O} {entity.Description} {Json(entity.Properties)}";

    private static string DescribeRetired(RetiredEdge edge) => $"{Graphs.Describe(edge.From, edge.To, edge.Relation)} {edge.RetiredAt:O}";

    private static string DescribeKeys(ReferenceGraph.Walk walk) => string.Join("\n",
        walk.Nodes.Select(n => $"{n.Key}/{n.Depth}")
            .Concat(walk.Edges.Select(v => Graphs.Describe(v.Ref.From, v.Ref.To, v.Ref.Relation)))
            .Append($"truncated={walk.Truncated}"));

    private static string DescribeKeys(WalkKeys walk) => string.Join("\n",
        walk.Nodes.Select(n => $"{n.Key}/{n.Depth}")
            .Concat(walk.Edges.Select(e => Graphs.Describe(e.From, e.To, e.Relation)))
            .Append($"truncated={walk.Truncated}"));

    /// <summary>
    /// The keys the random tests draw from: every kind, versions of one name, and the hostile names
    /// whose order differs between UTF-16 and code points; and how to make a valid edge between them.
    /// </summary>
    private sealed class RandomPool
    {
        public RandomPool()
        {
            var datasets = new[] { "raw", "ｚ", "😀", "a b:c/d@e", "é" }
                .SelectMany(name => new[] { Graphs.Dataset(name, "v1"), Graphs.Dataset(name, "v2") })
                .Append(Graphs.Dataset("raw", null));
            Keys =
            [
                .. datasets,
                Graphs.Feature("f", "v1"), Graphs.Feature("f", "v2"),
                Graphs.Model("m", "1"), Graphs.Model("m", "2"), Graphs.Model("n😀", "1"),
                Graphs.Job("train"), Graphs.Job("etl"),
                Graphs.Run("train", 1), Graphs.Run("train", 2), Graphs.Run("etl", 1), Graphs.Run("etl", 2),
                Graphs.Code("src/train.py", "abc1234"), Graphs.Code("src/train.py", null),
                .. HyperparameterSets.Select(input => input.Key),
                Graphs.Deployment("svc", "rev-1"), Graphs.Deployment("svc", "rev-2"),
            ];
        }

        public List<EntityKey> Keys { get; }

        // A hyperparameter set is written with its values, which its key is the hash of.
        private static EntityInput[] HyperparameterSets { get; } =
            [Graphs.Input(EntityKind.HyperparameterSet, "h1"), Graphs.Input(EntityKind.HyperparameterSet, "h2")];

        public EntityInput Input(EntityKey key) => HyperparameterSets.FirstOrDefault(input => input.Key == key) ?? Graphs.Entity(key);

        /// <summary>A random edge between any keys of the pool that its relation allows, as a retire or purge names it.</summary>
        public EdgeRef RandomEdgeRef(Random random)
        {
            var edge = RandomEdge(random, 0, _ => true);
            return new EdgeRef(edge.From, edge.To, edge.Relation);
        }

        /// <summary>A random edge its relation allows; an INPUT_TO edge may carry a role, and any edge properties.</summary>
        public EdgeInput RandomEdge(Random random, int number, Func<EntityKey, bool> usable)
        {
            while (true)
            {
                var relation = Relations.All[random.Next(Relations.All.Count)];
                var (from, to) = (Keys[random.Next(Keys.Count)], Keys[random.Next(Keys.Count)]);
                if (!usable(from) || !usable(to))
                {
                    continue;
                }

                try
                {
                    Relations.Validate(from, to, relation);
                }
                catch (InvalidRelationException)
                {
                    continue;
                }

                return new EdgeInput(from, to, relation)
                {
                    Role = relation == RelationKind.InputTo && random.Next(2) == 0 ? EdgeInput.Roles[random.Next(EdgeInput.Roles.Count)] : null,
                    Properties = random.Next(3) == 0 ? Graphs.Map(("n", number.ToString(System.Globalization.CultureInfo.InvariantCulture))) : null,
                };
            }
        }
    }
}
