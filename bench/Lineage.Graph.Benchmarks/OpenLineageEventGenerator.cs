using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Lineage.Graph.Benchmarks;

/// <summary>
/// Seeded OpenLineage RunEvents (spec 2-0-2) shaped like those of real producers: Airflow tasks
/// (<c>dag.task</c> in <c>airflow://prod</c>, each run the child of its DAG run), Spark jobs, dbt
/// models (each run the child of its <c>dbt run</c>) and training tasks, reading Zipf-popular
/// datasets in <c>postgres://db.example.com:5432</c>, <c>s3://lake</c> and <c>bigquery</c> and
/// writing datasets that later jobs read. Every run sends START, then COMPLETE or (for some) FAIL.
/// The same seed gives the same events, byte for byte.
/// </summary>
/// <remarks>
/// START carries the inputs with their schemas and the outputs by name; COMPLETE and FAIL the inputs
/// by name and the outputs with their schemas, statistics and, for some jobs, column lineage (each
/// with its version, where there is one). Every facet has its <c>_producer</c> and
/// <c>_schemaURL</c>, which are a good part of a real event's size: about 2 KB on average.
/// </remarks>
internal sealed class OpenLineageEventGenerator
{
    private const string SpecUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private const string FacetsUrl = "https://openlineage.io/spec/facets/";
    private const string RepoUrl = "git@github.com:example/data-platform.git";
    private const int Jobs = 80;
    private const int SourceDatasets = 30;
    private const int MaxRunsInFlight = 4;
    private const double FailureRate = 0.04;

    // Every job runs daily, so the events span years: the 1,000,000 the suite takes at most span about
    // seventeen (measured with seed 42: 2008-01-01 to 2025-02). They start far enough back to end in the
    // past, since the server refuses an event time more than a day ahead of its clock.
    private static readonly DateTimeOffset FirstDay = new(2008, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Words =
    [
        "orders", "customers", "payments", "products", "sessions", "clicks", "impressions", "refunds", "invoices", "shipments",
        "inventory", "campaigns", "devices", "subscriptions", "reviews", "carts", "searches", "signups", "churn", "revenue",
    ];

    private static readonly string[] Columns =
    [
        "id", "customer_id", "order_id", "product_id", "session_id", "amount", "currency", "quantity", "price", "discount",
        "status", "country", "city", "channel", "device", "email_hash", "event_type", "created_at", "updated_at", "score",
        "label", "revenue", "cost", "margin", "is_active", "tier", "region", "campaign_id", "referrer", "latency_ms",
    ];

    private readonly Random _random;
    private readonly string _scope;
    private readonly List<Dataset> _datasets = [];
    private readonly List<Job> _jobs = [];
    private readonly Dictionary<string, (int Day, Guid RunId)> _parentRuns = [];
    private DateTimeOffset _clock = FirstDay;

    /// <summary>
    /// Builds the catalogue. <paramref name="scope"/> prefixes every job, dataset and code path name, so that
    /// warm-up events (another scope) share no entity with the measured ones.
    /// </summary>
    public OpenLineageEventGenerator(int seed, string scope = "")
    {
        _random = new Random(seed);
        _scope = scope;
        for (var i = 0; i < SourceDatasets; i++)
        {
            var word = Words[i % Words.Length];
            _datasets.Add(i % 2 == 0
                ? NewDataset("postgres://db.example.com:5432", $"shop.public.{word}_{i}", Engine.Postgres, versioned: false)
                : NewDataset("s3://lake", $"raw/{word}/{i}", Engine.Spark, versioned: false));
        }

        for (var i = 0; i < Jobs; i++)
        {
            _jobs.Add(NewJob(i));
        }
    }

    public int Runs { get; private set; }

    public int FailedRuns { get; private set; }

    /// <summary>The next <paramref name="count"/> events, each as the UTF-8 JSON a producer would send.</summary>
    public List<byte[]> Events(int count)
    {
        var events = new List<byte[]>(count);
        var inFlight = new List<PendingRun>();
        var next = 0;
        // A new run starts only while its two events still fit, so that every run started also ends.
        while (events.Count < count)
        {
            var canStart = events.Count + inFlight.Count + 2 <= count && inFlight.Count < MaxRunsInFlight;
            if (canStart && (inFlight.Count == 0 || _random.NextDouble() < 0.5))
            {
                var run = StartRun(_jobs[next % _jobs.Count], next / _jobs.Count);
                next++;
                inFlight.Add(run);
                events.Add(Write(run, "START"));
            }
            else if (inFlight.Count > 0)
            {
                var index = _random.Next(inFlight.Count);
                var run = inFlight[index];
                inFlight.RemoveAt(index);
                var failed = _random.NextDouble() < FailureRate;
                FailedRuns += failed ? 1 : 0;
                events.Add(Write(run, failed ? "FAIL" : "COMPLETE"));
            }
            else
            {
                // An odd count leaves one slot that no whole run fits: a lone START, as from a run still going.
                events.Add(Write(StartRun(_jobs[next % _jobs.Count], next / _jobs.Count), "START"));
                next++;
            }
        }

        return events;
    }

    private PendingRun StartRun(Job job, int day)
    {
        Runs++;
        // Scheduled daily in catalogue order, which is the order of their dependencies, like a day of DAG runs.
        var nominal = FirstDay.AddDays(day).AddHours(2);
        _clock = Max(_clock, nominal).AddSeconds(_random.Next(1, 40));
        Guid? parent = null;
        if (job.ParentJob is { } parentJob)
        {
            if (!_parentRuns.TryGetValue(parentJob, out var parentRun) || parentRun.Day != day)
            {
                parentRun = (day, NewRunId());
                _parentRuns[parentJob] = parentRun;
            }

            parent = parentRun.RunId;
        }

        // Each run of a versioned dataset's writer makes its next version; readers read the newest.
        var outputVersions = job.Outputs.Select(o => o.Versioned ? ++o.Version : 0).ToArray();
        var inputVersions = job.Inputs.Select(i => i.Version).ToArray();
        if (job.Engine == Engine.Airflow && day % 30 == 0)
        {
            job.Commit = NewCommit();
        }

        return new PendingRun(job, NewRunId(), nominal, parent, inputVersions, outputVersions, _random.Next(1, 100) * 10_000L);
    }

    private byte[] Write(PendingRun run, string eventType)
    {
        _clock = _clock.AddSeconds(eventType == "START" ? _random.Next(1, 20) : _random.Next(30, 900));
        var job = run.Job;
        var complete = eventType != "START";
        var buffer = new ArrayBufferWriter<byte>(4_096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventTime", _clock.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("eventType", eventType);
            json.WriteString("producer", job.Producer);
            json.WriteString("schemaURL", SpecUrl);

            json.WriteStartObject("run");
            json.WriteString("runId", run.RunId.ToString("D"));
            json.WriteStartObject("facets");
            // What does not change during a run is sent once, with START, as the Airflow integration does.
            if (!complete)
            {
                Facet(json, job, "nominalTime", "1-0-1/NominalTimeRunFacet");
                json.WriteString("nominalStartTime", run.Nominal.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                json.WriteEndObject();
                Facet(json, job, "processing_engine", "1-1-1/ProcessingEngineRunFacet");
                json.WriteString("version", job.EngineVersion);
                json.WriteString("name", job.Engine.ToString());
                json.WriteString("openlineageAdapterVersion", "1.16.0");
                json.WriteEndObject();
            }

            if (run.Parent is { } parent)
            {
                Facet(json, job, "parent", "1-0-1/ParentRunFacet");
                json.WriteStartObject("run");
                json.WriteString("runId", parent.ToString("D"));
                json.WriteEndObject();
                json.WriteStartObject("job");
                json.WriteString("namespace", job.Namespace);
                json.WriteString("name", job.ParentJob);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            if (job.Engine == Engine.Training && !complete)
            {
                Parameters(json, job);
            }

            if (eventType == "FAIL")
            {
                Facet(json, job, "errorMessage", "1-0-1/ErrorMessageRunFacet");
                json.WriteString("message", $"Task failed: {job.Inputs[0].Name} has no partition for {run.Nominal:yyyy-MM-dd}");
                json.WriteString("programmingLanguage", job.Engine == Engine.Spark ? "JAVA" : "PYTHON");
                json.WriteString("stackTrace", $"Traceback (most recent call last):\n  File \"{job.Path}\", line {_random.Next(20, 400)}, in execute\nRuntimeError: no data");
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("job");
            json.WriteString("namespace", job.Namespace);
            json.WriteString("name", job.Name);
            json.WriteStartObject("facets");
            if (!complete)
            {
                Facet(json, job, "jobType", "2-0-2/JobTypeJobFacet");
                json.WriteString("processingType", "BATCH");
                json.WriteString("integration", job.Engine.ToString().ToUpperInvariant());
                json.WriteString("jobType", job.Engine == Engine.Dbt ? "MODEL" : job.Engine == Engine.Spark ? "JOB" : "TASK");
                json.WriteEndObject();
            }

            if (job.HasSourceCode)
            {
                Facet(json, job, "sourceCodeLocation", "1-0-1/SourceCodeLocationJobFacet");
                json.WriteString("type", "git");
                json.WriteString("url", $"https://github.com/example/data-platform/blob/{job.Commit}/{job.Path}");
                json.WriteString("repoUrl", RepoUrl);
                json.WriteString("path", job.Path);
                json.WriteString("version", job.Commit);
                json.WriteString("branch", "main");
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("inputs");
            for (var i = 0; i < job.Inputs.Count; i++)
            {
                WriteDataset(json, job, job.Inputs[i], run.InputVersions[i], withSchema: !complete, output: false, run.RowCount);
            }

            json.WriteEndArray();
            json.WriteStartArray("outputs");
            for (var i = 0; i < job.Outputs.Count; i++)
            {
                WriteDataset(json, job, job.Outputs[i], run.OutputVersions[i], withSchema: complete, output: true, run.RowCount);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void WriteDataset(Utf8JsonWriter json, Job job, Dataset dataset, int version, bool withSchema, bool output, long rowCount)
    {
        json.WriteStartObject();
        json.WriteString("namespace", dataset.Namespace);
        json.WriteString("name", dataset.Name);
        json.WriteStartObject("facets");
        if (dataset.Versioned)
        {
            Facet(json, job, "version", "1-0-1/DatasetVersionDatasetFacet");
            json.WriteString("datasetVersion", version.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        if (dataset.IsModel)
        {
            Facet(json, job, "datasetType", "1-0-0/DatasetTypeDatasetFacet");
            json.WriteString("datasetType", "MODEL");
            json.WriteEndObject();
        }

        // A model's files have no table schema; its version and type say what it is.
        if (withSchema && !dataset.IsModel)
        {
            Facet(json, job, "schema", "1-1-1/SchemaDatasetFacet");
            json.WriteStartArray("fields");
            foreach (var field in dataset.Fields)
            {
                json.WriteStartObject();
                json.WriteString("name", field.Name);
                json.WriteString("type", field.Type);
                if (field.Description is not null)
                {
                    json.WriteString("description", field.Description);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            if (output && dataset.ColumnLineage is { } lineage)
            {
                Facet(json, job, "columnLineage", "1-2-0/ColumnLineageDatasetFacet");
                json.WriteStartObject("fields");
                foreach (var (field, from) in lineage)
                {
                    json.WriteStartObject(field);
                    json.WriteStartArray("inputFields");
                    foreach (var (source, column) in from)
                    {
                        json.WriteStartObject();
                        json.WriteString("namespace", source.Namespace);
                        json.WriteString("name", source.Name);
                        json.WriteString("field", column);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
        if (withSchema && output)
        {
            json.WriteStartObject("outputFacets");
            Facet(json, job, "outputStatistics", "1-0-2/OutputStatisticsOutputDatasetFacet");
            json.WriteNumber("rowCount", rowCount + _random.Next(0, 10_000));
            json.WriteNumber("size", (rowCount * 180) + _random.Next(0, 1_000_000));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private void Parameters(Utf8JsonWriter json, Job job)
    {
        // Few distinct values, so that identical sets recur (the store keys a set by its content); the
        // experiment is the job, so sets are never shared across jobs (or with another scope).
        Facet(json, job, "executionParameters", "1-0-0/ExecutionParametersRunFacet");
        json.WriteStartArray("parameters");
        Parameter(json, "experiment", job.Name);
        Parameter(json, "learning_rate", Pick("0.1", "0.05", "0.01", "0.001"));
        Parameter(json, "max_depth", Pick("4", "6", "8"));
        Parameter(json, "n_estimators", Pick("100", "200", "500"));
        Parameter(json, "subsample", Pick("0.8", "1.0"));
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Parameter(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    /// <summary>Opens a facet object with the two members every facet of every producer carries.</summary>
    private static void Facet(Utf8JsonWriter json, Job job, string name, string schema)
    {
        json.WriteStartObject(name);
        json.WriteString("_producer", job.Producer);
        json.WriteString("_schemaURL", $"{FacetsUrl}{schema}.json#/$defs/{schema[(schema.IndexOf('/', StringComparison.Ordinal) + 1)..]}");
    }

    private Job NewJob(int index)
    {
        var word = Words[_random.Next(Words.Length)];
        var engine = (index % 10) switch
        {
            < 4 => Engine.Airflow,
            < 7 => Engine.Spark,
            < 9 => Engine.Dbt,
            _ => Engine.Training,
        };
        var (ns, name, parent) = engine switch
        {
            Engine.Airflow => ("airflow://prod", $"{_scope}etl_{word}_{index}.load_{word}", $"{_scope}etl_{word}_{index}"),
            Engine.Spark => ("spark://prod-cluster", $"{_scope}spark_{word}_aggregate_{index}", null),
            Engine.Dbt => ("dbt://analytics", $"{_scope}analytics.marts.{word}_{index}", $"{_scope}dbt-run-analytics"),
            _ => ("airflow://prod", $"{_scope}ml_{word}_{index}.train_model", $"{_scope}ml_{word}_{index}"),
        };

        // Popular datasets are read most: rank by age, so the sources and early outputs feed many jobs.
        var candidates = _datasets.Where(d => !d.IsModel).ToList();
        var popularity = new ZipfSampler(candidates.Count, 1.1);
        var inputs = popularity.NextDistinct(_random, _random.Next(0, 20) switch { < 14 => 1, < 19 => 2, _ => 3 }).Select(i => candidates[i]).ToList();
        var outputs = new List<Dataset>();
        var outputCount = engine == Engine.Spark && _random.NextDouble() < 0.3 ? 2 : 1;
        for (var o = 0; o < outputCount; o++)
        {
            var output = engine switch
            {
                Engine.Spark => NewDataset("s3://lake", $"curated/{word}_{index}_{o}", engine, versioned: _random.NextDouble() < 0.4),
                Engine.Dbt => NewDataset("bigquery", $"example-prod.analytics.{word}_{index}", engine, versioned: false),
                Engine.Training => NewDataset("s3://lake", $"models/{word}_{index}", engine, versioned: true, isModel: true),
                _ => _random.NextDouble() < 0.5
                    ? NewDataset("postgres://db.example.com:5432", $"warehouse.public.{word}_{index}", Engine.Postgres, versioned: false)
                    : NewDataset("bigquery", $"example-prod.staging.{word}_{index}", Engine.Dbt, versioned: false),
            };
            if (!output.IsModel && engine is Engine.Spark or Engine.Dbt && _random.NextDouble() < 0.5)
            {
                output.ColumnLineage = ColumnLineage(output, inputs);
            }

            outputs.Add(output);
        }

        var producer = engine switch
        {
            Engine.Spark => "https://github.com/OpenLineage/OpenLineage/tree/1.16.0/integration/spark",
            Engine.Dbt => "https://github.com/OpenLineage/OpenLineage/tree/1.16.0/integration/dbt",
            _ => "https://github.com/apache/airflow/tree/providers-openlineage/1.8.0",
        };
        var engineVersion = engine switch
        {
            Engine.Spark => "3.5.1",
            Engine.Dbt => "1.8.2",
            _ => "2.9.2",
        };
        var path = $"{_scope}{(engine == Engine.Dbt ? "dbt/models" : "dags")}/{word}_{index}.{(engine == Engine.Dbt ? "sql" : "py")}";
        var hasSourceCode = engine is Engine.Airflow or Engine.Training || _random.NextDouble() < 0.3;
        return new Job(ns, name, parent, engine, producer, engineVersion, path, hasSourceCode, inputs, outputs) { Commit = NewCommit() };
    }

    private Dataset NewDataset(string ns, string name, Engine engine, bool versioned, bool isModel = false)
    {
        // 5 to 20 fields, narrow tables more often than wide ones (10 on average).
        var width = 5 + (int)(16 * Math.Pow(_random.NextDouble(), 2));
        var columns = Columns.OrderBy(_ => _random.Next()).Take(width);
        var fields = columns.Select(c => new Field(c, TypeOf(c, engine), _random.NextDouble() < 0.15 ? $"The {c.Replace('_', ' ')} of the row." : null)).ToList();
        var dataset = new Dataset(ns, _scope + name, fields, versioned, isModel);
        _datasets.Add(dataset);
        return dataset;
    }

    private List<(string Field, List<(Dataset Source, string Column)> From)> ColumnLineage(Dataset output, List<Dataset> inputs) =>
        [.. output.Fields.Take(_random.Next(2, 6)).Select(f =>
        {
            var from = new List<(Dataset, string)>();
            for (var n = _random.Next(1, 3); n > 0; n--)
            {
                var source = inputs[_random.Next(inputs.Count)];
                from.Add((source, source.Fields[_random.Next(source.Fields.Count)].Name));
            }

            return (f.Name, from);
        })];

    private static string TypeOf(string column, Engine engine)
    {
        var kind = column switch
        {
            _ when column.EndsWith("_at", StringComparison.Ordinal) => 0,
            _ when column.EndsWith("_id", StringComparison.Ordinal) || column is "id" or "quantity" or "latency_ms" => 1,
            "amount" or "price" or "discount" or "score" or "revenue" or "cost" or "margin" => 2,
            "is_active" => 3,
            _ => 4,
        };
        string[] names = engine switch
        {
            Engine.Postgres => ["timestamp", "bigint", "numeric", "boolean", "varchar"],
            Engine.Dbt => ["TIMESTAMP", "INT64", "NUMERIC", "BOOL", "STRING"],
            _ => ["timestamp", "long", "double", "boolean", "string"],
        };
        return names[kind];
    }

    private string Pick(params string[] values) => values[_random.Next(values.Length)];

    private Guid NewRunId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        // Version 4, RFC 4122 variant, as uuid4() would give.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private string NewCommit()
    {
        Span<byte> bytes = stackalloc byte[20];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private enum Engine
    {
        Airflow,
        Spark,
        Dbt,
        Training,
        Postgres,
    }

    private sealed record Field(string Name, string Type, string? Description);

    private sealed record Dataset(string Namespace, string Name, List<Field> Fields, bool Versioned, bool IsModel)
    {
        /// <summary>The newest version written (versioned datasets only): the one readers read.</summary>
        public int Version { get; set; }

        public List<(string Field, List<(Dataset Source, string Column)> From)>? ColumnLineage { get; set; }
    }

    private sealed record Job(
        string Namespace, string Name, string? ParentJob, Engine Engine, string Producer, string EngineVersion, string Path, bool HasSourceCode,
        List<Dataset> Inputs, List<Dataset> Outputs)
    {
        /// <summary>The commit the job's code is at; Airflow DAGs are redeployed now and then.</summary>
        public required string Commit { get; set; }
    }

    private sealed record PendingRun(Job Job, Guid RunId, DateTimeOffset Nominal, Guid? Parent, int[] InputVersions, int[] OutputVersions, long RowCount);
}
