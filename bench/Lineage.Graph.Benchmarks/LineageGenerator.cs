using System.Globalization;
using System.Text.Json;
using Lineage.Graph.Core;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// A seeded generator of ML lineage that looks like a company's: raw tables with daily version
/// chains, ETL jobs that read them (and each other's outputs) into curated tables, feature
/// pipelines that materialise long-lived feature versions, training runs with a code version and
/// a hyperparameter set producing model versions (some fine-tuned from other models), evaluation
/// runs and deployments. The same seed and scale always give the same graph.
/// </summary>
/// <remarks>
/// The catalogue (tables, jobs, features, models) grows as scale^0.6 and the history per item as
/// scale^0.4, so a bigger graph is both a bigger company and a longer history, which is what makes
/// impact walks reach thousands of nodes at a million entities. Popularity is Zipf-distributed:
/// a few raw tables feed many pipelines and a few features feed many models.
/// </remarks>
internal sealed class LineageGenerator
{
    // Daily chances, tuned so that the graph has about three edges per entity (the report prints the counts).
    private const double RawArrivalChance = 0.9;
    private const double EtlRunChance = 0.95;
    private const double FeatureRunChance = 0.9;
    private const double TrainingChance = 0.25;
    private const double EvaluationChance = 0.8;
    private const double StagingDeployChance = 0.3;
    private const double ProductionDeployChance = 0.1;

    // A feature's definition changes rarely; every pipeline run in between materialises the same version.
    private const double FeatureBumpChance = 0.015;
    private const double CodeBumpChance = 0.03;

    private static readonly string[] Domains =
    [
        "events", "clicks", "orders", "payments", "sessions", "users", "inventory", "shipments",
        "reviews", "searches", "impressions", "refunds", "carts", "subscriptions", "messages", "devices",
    ];

    private static readonly string[] Aggregates = ["count", "sum", "avg", "max", "distinct", "ratio", "last"];
    private static readonly string[] Windows = ["1h", "1d", "7d", "30d", "90d"];
    private static readonly string[] Frameworks = ["xgboost", "pytorch", "lightgbm", "sklearn"];
    private static readonly string[] ColumnTypes = ["string", "int64", "double", "timestamp", "boolean"];
    private static readonly double[] LearningRates = [0.001, 0.003, 0.01, 0.03];
    private static readonly int[] BatchSizes = [64, 128, 256];
    private static readonly int[] MaxDepths = [4, 6, 8];
    private static readonly int[] EpochCounts = [10, 20];

    private static readonly IReadOnlyDictionary<string, JsonElement> ParquetProperties =
        new Dictionary<string, JsonElement> { ["format"] = JsonSerializer.SerializeToElement("parquet") };

    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Random _random;
    private readonly int _targetEntities;
    private readonly Table[] _rawTables;
    private readonly Table[] _curatedTables;
    private readonly EtlJob[] _etlJobs;
    private readonly Feature[] _features;
    private readonly FeatureView[] _featureViews;
    private readonly ModelLine[] _models;
    private readonly IEnumerator<bool> _timeline;
    private readonly Dictionary<string, EntityKey> _hyperparameterSets = new(StringComparer.Ordinal);
    private readonly Queue<EntityInput> _pendingEntities = new();
    private readonly Queue<(EdgeInput Edge, long ReadyAt)> _pendingEdges = new();
    private readonly long[] _entitiesByKind = new long[Enum.GetValues<EntityKind>().Length];
    private readonly long[] _edgesByRelation = new long[Enum.GetValues<RelationKind>().Length];
    private long _created;
    private int _day;
    private int _minute;

    public LineageGenerator(int targetEntities, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetEntities, 1_000);
        _targetEntities = targetEntities;
        _random = new Random(seed);
        var breadth = Math.Pow(targetEntities / 10_000.0, 0.6);
        int Scaled(double count) => Math.Max(2, (int)Math.Round(count * breadth));

        _rawTables = [.. Enumerable.Range(0, Scaled(10)).Select(i => new Table("s3://lake/raw", $"{Domains[i % Domains.Length]}_{i}"))];
        _curatedTables = [.. Enumerable.Range(0, Scaled(10)).Select(i => new Table("s3://lake/curated", $"{Domains[i % Domains.Length]}_daily_{i}"))];

        var rawPopularity = new ZipfSampler(_rawTables.Length, 1.0);
        _etlJobs = new EtlJob[_curatedTables.Length];
        for (var i = 0; i < _etlJobs.Length; i++)
        {
            // Every raw table is read by some job; popular ones by many.
            int[] raw = [.. rawPopularity.NextDistinct(_random, _random.Next(2)).Append(i % _rawTables.Length).Distinct()];
            // Later jobs also read an earlier job's output, which is what makes lineage deep.
            int[] curated = i > 0 && _random.NextDouble() < 0.45 ? [new ZipfSampler(i, 1.0).Next(_random)] : [];
            _etlJobs[i] = new EtlJob(
                NewJob("airflow://etl-prod", $"etl.{_curatedTables[i].Name}", "https://github.com/acme/data-pipelines", $"dags/etl/{_curatedTables[i].Name}.py"),
                [.. raw.Select(r => _rawTables[r])],
                [.. curated.Select(c => _curatedTables[c])],
                _curatedTables[i]);
        }

        var curatedPopularity = new ZipfSampler(_curatedTables.Length, 0.8);
        _featureViews = new FeatureView[Scaled(6)];
        var features = new List<Feature>();
        for (var i = 0; i < _featureViews.Length; i++)
        {
            var view = $"{Domains[i % Domains.Length]}_profile_{i}";
            var own = Enumerable.Range(0, 2 + _random.Next(3))
                .Select(f => new Feature($"feast://features/{view}", $"{Domains[_random.Next(Domains.Length)]}_{Aggregates[_random.Next(Aggregates.Length)]}_{Windows[f % Windows.Length]}_{f}", ColumnTypes[1 + _random.Next(2)]))
                .ToArray();
            features.AddRange(own);
            _featureViews[i] = new FeatureView(
                NewJob("airflow://features", $"features.{view}", "https://github.com/acme/feature-store", $"views/{view}.py"),
                // Each curated table feeds at least one view (its index modulo the view count); popular ones feed more.
                [.. Enumerable.Range(0, _curatedTables.Length).Where(c => c % _featureViews.Length == i)
                    .Concat(curatedPopularity.NextDistinct(_random, _random.Next(2))).Distinct().Select(c => _curatedTables[c])],
                own);
        }

        _features = [.. features];
        var featurePopularity = new ZipfSampler(_features.Length, 0.9);
        _models = new ModelLine[Scaled(8)];
        for (var i = 0; i < _models.Length; i++)
        {
            var name = $"{Domains[i % Domains.Length]}_classifier_{i}";
            _models[i] = new ModelLine(
                name,
                Frameworks[_random.Next(Frameworks.Length)],
                NewJob("kubeflow://training", $"train.{name}", "https://github.com/acme/models", $"models/{name}/train.py"),
                NewJob("kubeflow://evaluation", $"evaluate.{name}", "https://github.com/acme/models", $"models/{name}/evaluate.py"),
                [.. featurePopularity.NextDistinct(_random, 3 + _random.Next(5)).Select(f => _features[f])],
                _random.NextDouble() < 0.5 ? _curatedTables[curatedPopularity.Next(_random)] : null,
                _curatedTables[curatedPopularity.Next(_random)],
                // Fine-tuning from an earlier model puts models upstream of models.
                i > 0 && _random.NextDouble() < 0.2 ? i - 1 - _random.Next(Math.Min(i, 5)) : null);
        }

        _timeline = Timeline().GetEnumerator();
    }

    /// <summary>Every raw dataset version written so far (impact walk starts).</summary>
    public List<EntityKey> RawDatasetVersions { get; } = [];

    /// <summary>Every model version written so far (provenance walk starts).</summary>
    public List<EntityKey> ModelVersions { get; } = [];

    /// <summary>Every deployment revision written so far: downstream of one there is nothing, which times a walk's fixed cost.</summary>
    public List<EntityKey> Deployments { get; } = [];

    public long EntityCount => _created;

    public long EdgeCount => _edgesByRelation.Sum();

    public IReadOnlyList<long> EntitiesByKind => _entitiesByKind;

    public IReadOnlyList<long> EdgesByRelation => _edgesByRelation;

    /// <summary>
    /// Batches of exactly <paramref name="batchSize"/> entities (the last may be smaller), each
    /// with every edge whose two ends are in it or in an earlier batch.
    /// </summary>
    public IEnumerable<WriteBatch> Batches(int batchSize = 1_000)
    {
        long emitted = 0;
        while (true)
        {
            while (_pendingEntities.Count < batchSize && _created < _targetEntities)
            {
                _timeline.MoveNext();
            }

            if (_pendingEntities.Count == 0)
            {
                yield break;
            }

            var entities = new List<EntityInput>(batchSize);
            while (entities.Count < batchSize && _pendingEntities.TryDequeue(out var entity))
            {
                entities.Add(entity);
            }

            emitted += entities.Count;
            var edges = new List<EdgeInput>(batchSize * 4);
            while (_pendingEdges.TryPeek(out var pending) && pending.ReadyAt <= emitted)
            {
                edges.Add(_pendingEdges.Dequeue().Edge);
            }

            yield return new WriteBatch { Entities = entities, Edges = edges };
        }
    }

    private static Job NewJob(string @namespace, string name, string repository, string path) =>
        new(EntityKey.Create(EntityKind.Job, @namespace, name), repository, path);

    /// <summary>
    /// Day after day: raw partitions land, the ETL jobs run in dependency order, some feature
    /// pipelines materialise, some models retrain and are evaluated and deployed. It yields after
    /// each event, so generation stops within a few entities of the target.
    /// </summary>
    private IEnumerable<bool> Timeline()
    {
        for (_day = 0; ; _day++)
        {
            _minute = 0;
            foreach (var table in _rawTables)
            {
                if (table.Current is null || _random.NextDouble() < RawArrivalChance)
                {
                    NewRawVersion(table);
                    yield return true;
                }
            }

            // Jobs only read earlier jobs' outputs, so index order is a topological order.
            foreach (var job in _etlJobs)
            {
                if (_random.NextDouble() < EtlRunChance)
                {
                    EtlRun(job);
                    yield return true;
                }
            }

            foreach (var view in _featureViews)
            {
                if (_random.NextDouble() < FeatureRunChance)
                {
                    FeatureRun(view);
                    yield return true;
                }
            }

            foreach (var model in _models)
            {
                if (_random.NextDouble() < TrainingChance)
                {
                    TrainingRun(model);
                    yield return true;
                    if (_random.NextDouble() < EvaluationChance)
                    {
                        EvaluationRun(model);
                        yield return true;
                    }
                }

                if (_random.NextDouble() < StagingDeployChance)
                {
                    Deploy(model, production: false);
                    yield return true;
                }

                if (_random.NextDouble() < ProductionDeployChance)
                {
                    Deploy(model, production: true);
                    yield return true;
                }
            }
        }
    }

    // Events of a day are a minute apart, so times are distinct and ordered like the events.
    private DateTimeOffset NextTime() => Epoch.AddDays(_day).AddMinutes(_minute++);

    private void NewRawVersion(Table table)
    {
        // Daily partitions, named by their date.
        var version = Epoch.AddDays(_day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var key = AddVersion(table, version, rowCount: 50_000 + _random.Next(5_000_000));
        RawDatasetVersions.Add(key);
    }

    private EntityKey AddVersion(Table table, string version, long rowCount)
    {
        var key = EntityKey.Create(EntityKind.Dataset, table.Namespace, table.Name, version);
        table.Schema ??= [.. Enumerable.Range(0, 4 + _random.Next(6)).Select(c => new SchemaField($"col_{c}", ColumnTypes[_random.Next(ColumnTypes.Length)]))];
        AddEntity(new EntityInput
        {
            Key = key,
            Owners = ["data-platform@acme.io"],
            Properties = ParquetProperties,
            Fields = new DatasetFields
            {
                Schema = table.Schema,
                RowCount = rowCount,
                Uri = $"{table.Namespace}/{table.Name}/{version}",
            },
        });
        if (table.Current is { } previous)
        {
            AddEdge(new EdgeInput(previous, key, RelationKind.NextVersion));
        }

        table.Current = key;
        table.Versions++;
        return key;
    }

    private void EtlRun(EtlJob job)
    {
        var inputs = job.Raw.Concat(job.Curated).Select(t => t.Current).OfType<EntityKey>().ToList();
        if (inputs.Count == 0)
        {
            return;
        }

        var run = StartRun(job.Job, RunType.Etl, metrics: null);
        foreach (var input in inputs)
        {
            AddEdge(new EdgeInput(input, run, RelationKind.InputTo));
        }

        var snapshot = ((ulong)_random.NextInt64() % 9_000_000_000_000_000_000UL + 1_000_000_000_000_000_000UL).ToString(CultureInfo.InvariantCulture);
        var output = AddVersion(job.Output, snapshot, rowCount: 1_000 + _random.Next(1_000_000));
        AddEdge(new EdgeInput(run, output, RelationKind.Produced));
    }

    private void FeatureRun(FeatureView view)
    {
        var inputs = view.Inputs.Select(t => t.Current).OfType<EntityKey>().ToList();
        if (inputs.Count == 0)
        {
            return;
        }

        var run = StartRun(view.Job, RunType.FeaturePipeline, metrics: null);
        foreach (var input in inputs)
        {
            AddEdge(new EdgeInput(input, run, RelationKind.InputTo));
        }

        foreach (var feature in view.Features)
        {
            if (feature.Current is null || _random.NextDouble() < FeatureBumpChance)
            {
                var key = EntityKey.Create(EntityKind.Feature, feature.Namespace, feature.Name, $"v{feature.Versions + 1}");
                AddEntity(new EntityInput
                {
                    Key = key,
                    Fields = new FeatureFields { DataType = feature.DataType, Transformation = $"views/{feature.Namespace[(feature.Namespace.LastIndexOf('/') + 1)..]}.py#{feature.Name}" },
                });
                if (feature.Current is { } previous)
                {
                    AddEdge(new EdgeInput(previous, key, RelationKind.NextVersion));
                }

                feature.Current = key;
                feature.Versions++;
            }

            AddEdge(new EdgeInput(run, feature.Current, RelationKind.Produced));
        }
    }

    private void TrainingRun(ModelLine model)
    {
        var features = model.Features.Select(f => f.Current).OfType<EntityKey>().ToList();
        if (features.Count == 0)
        {
            return;
        }

        var run = StartRun(model.TrainingJob, RunType.Training, metrics: null);
        AddEdge(new EdgeInput(HyperparameterSet(model), run, RelationKind.Configured));
        foreach (var feature in features)
        {
            AddEdge(new EdgeInput(feature, run, RelationKind.InputTo) { Role = "training" });
        }

        if (model.Validation?.Current is { } validation)
        {
            AddEdge(new EdgeInput(validation, run, RelationKind.InputTo) { Role = "validation" });
        }

        if (model.BaseModel is { } baseIndex && _models[baseIndex].Current is { } baseModel)
        {
            AddEdge(new EdgeInput(baseModel, run, RelationKind.InputTo));
        }

        var key = EntityKey.Create(EntityKind.Model, "mlflow://registry", model.Name, (model.Versions + 1).ToString(CultureInfo.InvariantCulture));
        AddEntity(new EntityInput
        {
            Key = key,
            Fields = new ModelFields
            {
                Framework = model.Framework,
                Stage = "staging",
                Metrics = new Dictionary<string, double> { ["train_loss"] = Math.Round(_random.NextDouble(), 4) },
                ArtifactUri = $"s3://models/{model.Name}/{model.Versions + 1}/model.bin",
            },
        });
        if (model.Current is { } previous)
        {
            AddEdge(new EdgeInput(previous, key, RelationKind.NextVersion));
        }

        AddEdge(new EdgeInput(run, key, RelationKind.Produced));
        model.Current = key;
        model.Versions++;
        ModelVersions.Add(key);
    }

    private void EvaluationRun(ModelLine model)
    {
        if (model.Current is not { } version)
        {
            return;
        }

        var metrics = new Dictionary<string, double> { ["auc"] = Math.Round(0.6 + (0.39 * _random.NextDouble()), 4) };
        var run = StartRun(model.EvaluationJob, RunType.Evaluation, metrics);
        AddEdge(new EdgeInput(version, run, RelationKind.InputTo));
        if (model.TestSet.Current is { } testSet)
        {
            AddEdge(new EdgeInput(testSet, run, RelationKind.InputTo) { Role = "test" });
        }
    }

    private void Deploy(ModelLine model, bool production)
    {
        if (model.Current is not { } version)
        {
            return;
        }

        var environment = production ? "prod" : "staging";
        var revision = production ? ++model.ProductionRevisions : ++model.StagingRevisions;
        var key = EntityKey.Create(EntityKind.Deployment, environment, $"{model.Name.Replace('_', '-')}-endpoint", $"rev-{revision}");
        AddEntity(new EntityInput
        {
            Key = key,
            Fields = new DeploymentFields { Status = "ACTIVE", DeployedAt = NextTime() },
        });
        Deployments.Add(key);
        var previous = production ? model.Production : model.Staging;
        if (previous is not null)
        {
            AddEdge(new EdgeInput(previous, key, RelationKind.NextVersion));
        }

        AddEdge(new EdgeInput(version, key, RelationKind.DeployedAs));
        if (production)
        {
            model.Production = key;
        }
        else
        {
            model.Staging = key;
        }
    }

    /// <summary>A run of a job: the run, its job (first time), its code version, and the structural edges.</summary>
    private EntityKey StartRun(Job job, RunType type, IReadOnlyDictionary<string, double>? metrics)
    {
        if (!job.Written)
        {
            AddEntity(new EntityInput { Key = job.Key, Description = $"Scheduled job {job.Key.Name}." });
            job.Written = true;
        }

        if (job.Code is null || _random.NextDouble() < CodeBumpChance)
        {
            Span<byte> sha = stackalloc byte[20];
            _random.NextBytes(sha);
            job.Code = EntityKey.Create(EntityKind.CodeVersion, job.Repository, job.Path, Convert.ToHexStringLower(sha));
            AddEntity(new EntityInput { Key = job.Code, Fields = new CodeVersionFields { Branch = "main", Dirty = false } });
        }

        var started = NextTime();
        var run = EntityKey.Create(EntityKind.Run, job.Key.Namespace, job.Key.Name, RunId().ToString("D"));
        AddEntity(new EntityInput
        {
            Key = run,
            Fields = new RunFields
            {
                RunType = type,
                Status = "COMPLETE",
                StartedAt = started,
                EndedAt = started.AddMinutes(3 + _random.Next(120)),
                Metrics = metrics,
            },
        });
        AddEdge(new EdgeInput(run, job.Key, RelationKind.InstanceOf));
        AddEdge(new EdgeInput(job.Code, run, RelationKind.ExecutedIn));
        return run;
    }

    /// <summary>A sweep draws from a small grid, so identical sets recur and are one node.</summary>
    private EntityKey HyperparameterSet(ModelLine model)
    {
        var values = new Dictionary<string, JsonElement>
        {
            ["algorithm"] = JsonSerializer.SerializeToElement(model.Framework),
            ["learning_rate"] = JsonSerializer.SerializeToElement(LearningRates[_random.Next(LearningRates.Length)]),
            ["batch_size"] = JsonSerializer.SerializeToElement(BatchSizes[_random.Next(BatchSizes.Length)]),
            ["max_depth"] = JsonSerializer.SerializeToElement(MaxDepths[_random.Next(MaxDepths.Length)]),
            ["epochs"] = JsonSerializer.SerializeToElement(EpochCounts[_random.Next(EpochCounts.Length)]),
        };
        var canonical = LineageJson.Canonical(values);
        if (!_hyperparameterSets.TryGetValue(canonical, out var key))
        {
            var input = HyperparameterSets.InputFor(values);
            AddEntity(input);
            key = input.Key;
            _hyperparameterSets[canonical] = key;
        }

        return key;
    }

    /// <summary>A version 4 UUID drawn from the seeded generator, so runs are reproducible.</summary>
    private Guid RunId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private void AddEntity(EntityInput entity)
    {
        _pendingEntities.Enqueue(entity);
        _entitiesByKind[(int)entity.Key.Kind]++;
        _created++;
    }

    private void AddEdge(EdgeInput edge)
    {
        // Both ends exist once every entity created so far has been written.
        _pendingEdges.Enqueue((edge, _created));
        _edgesByRelation[(int)edge.Relation]++;
    }

    private sealed class Table(string @namespace, string name)
    {
        public string Namespace { get; } = @namespace;

        public string Name { get; } = name;

        public EntityKey? Current { get; set; }

        public int Versions { get; set; }

        public SchemaField[]? Schema { get; set; }
    }

    private sealed class Job(EntityKey key, string repository, string path)
    {
        public EntityKey Key { get; } = key;

        public string Repository { get; } = repository;

        public string Path { get; } = path;

        public bool Written { get; set; }

        public EntityKey? Code { get; set; }
    }

    private sealed record EtlJob(Job Job, Table[] Raw, Table[] Curated, Table Output);

    private sealed record FeatureView(Job Job, Table[] Inputs, Feature[] Features);

    private sealed class Feature(string @namespace, string name, string dataType)
    {
        public string Namespace { get; } = @namespace;

        public string Name { get; } = name;

        public string DataType { get; } = dataType;

        public EntityKey? Current { get; set; }

        public int Versions { get; set; }
    }

    private sealed class ModelLine(
        string name, string framework, Job trainingJob, Job evaluationJob, Feature[] features, Table? validation, Table testSet, int? baseModel)
    {
        public string Name { get; } = name;

        public string Framework { get; } = framework;

        public Job TrainingJob { get; } = trainingJob;

        public Job EvaluationJob { get; } = evaluationJob;

        public Feature[] Features { get; } = features;

        public Table? Validation { get; } = validation;

        public Table TestSet { get; } = testSet;

        public int? BaseModel { get; } = baseModel;

        public EntityKey? Current { get; set; }

        public int Versions { get; set; }

        public EntityKey? Production { get; set; }

        public EntityKey? Staging { get; set; }

        public int ProductionRevisions { get; set; }

        public int StagingRevisions { get; set; }
    }
}
