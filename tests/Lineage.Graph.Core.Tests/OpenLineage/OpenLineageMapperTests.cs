using System.Text.Json;
using Lineage.Graph.Core.OpenLineage;

namespace Lineage.Graph.Core.Tests.OpenLineage;

public sealed class OpenLineageMapperTests
{
    [Fact]
    public void An_airflow_task_reading_gcs_and_writing_bigquery_maps_to_run_job_and_datasets()
    {
        var batch = Map("""
            {
              "eventType": "START",
              "eventTime": "2024-06-01T02:00:00.123Z",
              "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.8.0",
              "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
              "run": {
                "runId": "0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11",
                "facets": {
                  "airflow": { "_producer": "p", "_schemaURL": "s", "dag": { "dag_id": "daily_events" } },
                  "nominalTime": { "nominalStartTime": "2024-06-01T00:00:00Z" }
                }
              },
              "job": {
                "namespace": "airflow-prod",
                "name": "daily_events.load_to_bq",
                "facets": { "jobType": { "processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK" } }
              },
              "inputs": [
                { "namespace": "gs://raw-events", "name": "events/2024-06-01",
                  "facets": { "schema": { "fields": [ { "name": "user_id", "type": "STRING" }, { "name": "ts", "type": "TIMESTAMP" } ] } } }
              ],
              "outputs": [
                { "namespace": "bigquery", "name": "analytics.events.daily",
                  "facets": { "version": { "datasetVersion": "1717200000" } },
                  "outputFacets": { "outputStatistics": { "rowCount": 1200, "size": 40960 } } }
              ]
            }
            """);

        Assert.Equal(
            [
                "run:airflow-prod:daily_events.load_to_bq@0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11",
                "job:airflow-prod:daily_events.load_to_bq",
                "dataset:gs://raw-events:events/2024-06-01",
                "dataset:bigquery:analytics.events.daily@1717200000",
            ],
            Keys(batch));
        Assert.Equal(
            [
                "run:airflow-prod:daily_events.load_to_bq@0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11 INSTANCE_OF job:airflow-prod:daily_events.load_to_bq",
                "dataset:gs://raw-events:events/2024-06-01 INPUT_TO run:airflow-prod:daily_events.load_to_bq@0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11",
                "run:airflow-prod:daily_events.load_to_bq@0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11 PRODUCED dataset:bigquery:analytics.events.daily@1717200000",
            ],
            Edges(batch));

        var run = Assert.IsType<RunFields>(batch.Entities[0].Fields);
        Assert.Equal("START", run.Status);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 2, 0, 0, 123, TimeSpan.Zero), run.StartedAt);
        Assert.Null(run.EndedAt);
        Assert.Equal(["facets.airflow", "facets.nominalTime"], Names(batch.Entities[0].Properties));
        Assert.Equal("daily_events", batch.Entities[0].Properties!["facets.airflow"].GetProperty("dag").GetProperty("dag_id").GetString());
        Assert.Equal(["facets.jobType"], Names(batch.Entities[1].Properties));
        Assert.Equal(
            [new SchemaField("user_id", "STRING"), new SchemaField("ts", "TIMESTAMP")],
            Assert.IsType<DatasetFields>(batch.Entities[2].Fields).Schema);
        // What the event describes carries its time; an input it only names (none here) would not.
        Assert.Equal(["observedAt"], batch.Entities[2].Properties!.Keys);
        Assert.Equal("2024-06-01T02:00:00.123Z", batch.Entities[2].Properties![EntityMerge.ObservedAtProperty].GetString());
        Assert.Equal(1200, Assert.IsType<DatasetFields>(batch.Entities[3].Fields).RowCount);
        Assert.Equal(["outputFacets.outputStatistics"], Names(batch.Entities[3].Properties));
    }

    [Fact]
    public void A_dbt_model_keeps_its_column_lineage_on_the_output_dataset()
    {
        var batch = Map("""
            {
              "eventType": "COMPLETE",
              "eventTime": "2024-06-01T03:10:00+02:00",
              "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.20.0/integration/dbt",
              "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
              "run": { "runId": "5B5A1F6E-2C9D-4E8B-A1F3-9C0D7E6B5A41" },
              "job": { "namespace": "dbt", "name": "analytics.marts.fct_orders",
                       "facets": { "sql": { "query": "select o.id, c.name from orders o join customers c using (customer_id)" },
                                   "documentation": { "description": "Orders fact table." } } },
              "inputs": [
                { "namespace": "postgres://warehouse:5432", "name": "analytics.staging.orders" },
                { "namespace": "postgres://warehouse:5432", "name": "analytics.staging.customers" }
              ],
              "outputs": [
                { "namespace": "postgres://warehouse:5432", "name": "analytics.marts.fct_orders",
                  "facets": {
                    "documentation": { "description": "One row per order." },
                    "schema": { "fields": [ { "name": "id", "type": "integer", "description": "order id" }, { "name": "name", "type": "text" } ] },
                    "columnLineage": { "fields": {
                      "id": { "inputFields": [ { "namespace": "postgres://warehouse:5432", "name": "analytics.staging.orders", "field": "id" } ] },
                      "name": { "inputFields": [ { "namespace": "postgres://warehouse:5432", "name": "analytics.staging.customers", "field": "name" } ] } } } } }
              ]
            }
            """);

        const string Run = "run:dbt:analytics.marts.fct_orders@5b5a1f6e-2c9d-4e8b-a1f3-9c0d7e6b5a41";
        Assert.Equal(
            [
                Run,
                "job:dbt:analytics.marts.fct_orders",
                "dataset:postgres://warehouse:5432:analytics.staging.orders",
                "dataset:postgres://warehouse:5432:analytics.staging.customers",
                "dataset:postgres://warehouse:5432:analytics.marts.fct_orders",
            ],
            Keys(batch));
        Assert.Equal(
            [
                $"{Run} INSTANCE_OF job:dbt:analytics.marts.fct_orders",
                $"dataset:postgres://warehouse:5432:analytics.staging.orders INPUT_TO {Run}",
                $"dataset:postgres://warehouse:5432:analytics.staging.customers INPUT_TO {Run}",
                $"{Run} PRODUCED dataset:postgres://warehouse:5432:analytics.marts.fct_orders",
            ],
            Edges(batch));

        var run = Assert.IsType<RunFields>(batch.Entities[0].Fields);
        Assert.Equal("COMPLETE", run.Status);
        Assert.Null(run.StartedAt);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 1, 10, 0, TimeSpan.Zero), run.EndedAt);
        Assert.Equal("Orders fact table.", batch.Entities[1].Description);
        Assert.Equal(["facets.sql"], Names(batch.Entities[1].Properties));

        var output = batch.Entities[4];
        Assert.Equal("One row per order.", output.Description);
        Assert.Equal(["facets.columnLineage"], Names(output.Properties));
        Assert.Equal(
            "name",
            output.Properties!["facets.columnLineage"].GetProperty("fields").GetProperty("name").GetProperty("inputFields")[0].GetProperty("field").GetString());
        Assert.Equal(
            [new SchemaField("id", "integer", "order id"), new SchemaField("name", "text")],
            Assert.IsType<DatasetFields>(output.Fields).Schema);
    }

    [Fact]
    public void A_failed_spark_job_joins_its_parent_run_and_keeps_the_error_message()
    {
        var batch = Map("""
            {
              "eventType": "FAIL",
              "eventTime": "2024-06-01T04:00:00Z",
              "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.20.0/integration/spark",
              "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
              "run": {
                "runId": "7e1d6a9c-3b2f-4d8e-9f0a-1c2b3d4e5f60",
                "facets": {
                  "parent": { "run": { "runId": "0f0e0d0c-0b0a-4998-8776-655443322110" },
                              "job": { "namespace": "airflow-prod", "name": "nightly.spark_submit" },
                              "root": { "run": { "runId": "0195aaaa-0000-7000-8000-00000000beef" }, "job": { "namespace": "airflow-prod", "name": "nightly" } } },
                  "errorMessage": { "message": "Job aborted due to stage failure", "programmingLanguage": "JAVA", "stackTrace": "org.apache.spark.SparkException: ..." },
                  "spark_version": { "spark-version": "3.5.1" }
                }
              },
              "job": { "namespace": "spark-cluster", "name": "nightly.execute_insert_into_hadoop_fs_relation_command" },
              "inputs": [ { "namespace": "s3://lake", "name": "raw/clicks" } ],
              "outputs": [ { "namespace": "s3://lake", "name": "curated/clicks" } ]
            }
            """);

        const string Run = "run:spark-cluster:nightly.execute_insert_into_hadoop_fs_relation_command@7e1d6a9c-3b2f-4d8e-9f0a-1c2b3d4e5f60";
        const string Parent = "run:airflow-prod:nightly.spark_submit@0f0e0d0c-0b0a-4998-8776-655443322110";
        Assert.Equal(
            [
                Run,
                "job:spark-cluster:nightly.execute_insert_into_hadoop_fs_relation_command",
                Parent,
                "job:airflow-prod:nightly.spark_submit",
                "dataset:s3://lake:raw/clicks",
                "dataset:s3://lake:curated/clicks",
            ],
            Keys(batch));
        Assert.Equal(
            [
                $"{Run} INSTANCE_OF job:spark-cluster:nightly.execute_insert_into_hadoop_fs_relation_command",
                $"{Run} CHILD_OF {Parent}",
                $"{Parent} INSTANCE_OF job:airflow-prod:nightly.spark_submit",
                $"dataset:s3://lake:raw/clicks INPUT_TO {Run}",
                $"{Run} PRODUCED dataset:s3://lake:curated/clicks",
            ],
            Edges(batch));

        var run = batch.Entities[0];
        Assert.Equal("FAIL", Assert.IsType<RunFields>(run.Fields).Status);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 4, 0, 0, TimeSpan.Zero), ((RunFields)run.Fields!).EndedAt);
        Assert.Equal(["facets.errorMessage", "facets.parent", "facets.spark_version"], Names(run.Properties));
        Assert.Equal("0195aaaa-0000-7000-8000-00000000beef", run.Properties!["facets.parent"].GetProperty("root").GetProperty("run").GetProperty("runId").GetString());
        Assert.Equal("Job aborted due to stage failure", run.Properties!["facets.errorMessage"].GetProperty("message").GetString());
        Assert.Null(batch.Entities[2].Fields);
    }

    [Fact]
    public void A_job_that_rewrites_its_input_has_one_dataset_read_and_produced()
    {
        var batch = Map("""
            {
              "eventType": "COMPLETE",
              "eventTime": "2024-06-01T05:00:00Z",
              "run": { "runId": "11111111-2222-4333-8444-555555555555" },
              "job": { "namespace": "maintenance", "name": "compact_events" },
              "inputs": [ { "namespace": "s3://lake", "name": "events",
                            "facets": { "schema": { "fields": [ { "name": "id", "type": "long" } ] } },
                            "inputFacets": { "dataQualityMetrics": { "rowCount": 10 } } } ],
              "outputs": [ { "namespace": "s3://lake", "name": "events",
                             "facets": { "storage": { "storageLayer": "iceberg" } },
                             "outputFacets": { "outputStatistics": { "rowCount": 10 } } } ]
            }
            """);

        const string Run = "run:maintenance:compact_events@11111111-2222-4333-8444-555555555555";
        Assert.Equal([Run, "job:maintenance:compact_events", "dataset:s3://lake:events"], Keys(batch));
        Assert.Equal(
            [
                $"{Run} INSTANCE_OF job:maintenance:compact_events",
                $"dataset:s3://lake:events INPUT_TO {Run}",
                $"{Run} PRODUCED dataset:s3://lake:events",
            ],
            Edges(batch));

        var dataset = batch.Entities[2];
        Assert.Equal(["facets.storage", "inputFacets.dataQualityMetrics", "outputFacets.outputStatistics"], Names(dataset.Properties));
        var fields = Assert.IsType<DatasetFields>(dataset.Fields);
        Assert.Equal([new SchemaField("id", "long")], fields.Schema);
        Assert.Equal(10, fields.RowCount);
    }

    [Fact]
    public void A_training_run_records_its_code_hyperparameters_and_model()
    {
        var batch = Map("""
            {
              "eventType": "COMPLETE",
              "eventTime": "2024-06-02T10:00:00Z",
              "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
              "run": {
                "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
                "facets": {
                  "executionParameters": { "parameters": [
                    { "key": "learning_rate", "value": 0.001 },
                    { "name": "epochs", "value": 20 },
                    { "key": "optimizer", "value": "adam" } ] }
                }
              },
              "job": {
                "namespace": "ml-platform",
                "name": "churn.train",
                "facets": {
                  "sourceCodeLocation": { "type": "git", "url": "https://github.com/acme/churn/blob/4f9c2e1/train.py",
                                          "repoUrl": "https://github.com/acme/churn", "path": "train.py",
                                          "version": "4f9c2e1d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e", "branch": "main", "tag": "v1.3.0" }
                }
              },
              "inputs": [ { "namespace": "s3://features", "name": "churn/training", "facets": { "version": { "datasetVersion": "2024-06-01" } } } ],
              "outputs": [ { "namespace": "mlflow://registry", "name": "churn-classifier",
                             "facets": { "datasetType": { "datasetType": "MODEL" }, "version": { "datasetVersion": "7" },
                                         "schema": { "fields": [ { "name": "score", "type": "float" } ] } } } ]
            }
            """);

        const string Run = "run:ml-platform:churn.train@a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
        const string Code = "codeversion:https://github.com/acme/churn:train.py@4f9c2e1d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e";
        var values = new Dictionary<string, JsonElement>
        {
            ["learning_rate"] = JsonSerializer.SerializeToElement(0.001),
            ["epochs"] = JsonSerializer.SerializeToElement(20),
            ["optimizer"] = JsonSerializer.SerializeToElement("adam"),
        };
        var set = HyperparameterSets.KeyFor(values).ToString();
        Assert.Equal(
            [Run, "job:ml-platform:churn.train", Code, set, "dataset:s3://features:churn/training@2024-06-01", "model:mlflow://registry:churn-classifier@7"],
            Keys(batch));
        Assert.Equal(
            [
                $"{Run} INSTANCE_OF job:ml-platform:churn.train",
                $"{Code} EXECUTED_IN {Run}",
                $"{set} CONFIGURED {Run}",
                $"dataset:s3://features:churn/training@2024-06-01 INPUT_TO {Run}",
                $"{Run} PRODUCED model:mlflow://registry:churn-classifier@7",
            ],
            Edges(batch));

        // The job keeps the facet whole besides the code version: its url and type have no place there.
        Assert.Equal("https://github.com/acme/churn/blob/4f9c2e1/train.py", batch.Entities[1].Properties!["facets.sourceCodeLocation"].GetProperty("url").GetString());
        Assert.Equal(new CodeVersionFields { Branch = "main", Tag = "v1.3.0" }, batch.Entities[2].Fields);
        Assert.Equal(["epochs", "learning_rate", "optimizer"], Assert.IsType<HyperparameterSetFields>(batch.Entities[3].Fields).Values.Keys.Order());
        var model = batch.Entities[5];
        Assert.Null(model.Fields);
        Assert.Equal(["facets.schema"], Names(model.Properties));
    }

    [Theory]
    [InlineData("""{ "parameters": { "lr": 0.1, "depth": 6 } }""")]
    [InlineData("""{ "_producer": "p", "lr": 0.1, "depth": 6 }""")]
    [InlineData("""{ "parameters": [ { "key": "depth", "value": 6 }, { "key": "lr", "value": 0.1 } ] }""")]
    [InlineData("""{ "parameters": [ { "key": "depth", "value": 6 }, { "key": "lr", "value": 0.1 }, { "key": "depth", "value": 6.0 } ] }""")]
    public void Execution_parameters_in_every_accepted_shape_name_the_same_set(string facet)
    {
        var batch = Map($$"""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "facets": { "executionParameters": {{facet}} } },
              "job": { "namespace": "ml", "name": "train" } }
            """);

        var expected = HyperparameterSets.KeyFor(new Dictionary<string, JsonElement>
        {
            ["lr"] = JsonSerializer.SerializeToElement(0.1),
            ["depth"] = JsonSerializer.SerializeToElement(6),
        });
        Assert.Contains(batch.Entities, e => e.Key.Equals(expected));
        Assert.Contains(batch.Edges, e => e.From.Equals(expected) && e.Relation == RelationKind.Configured);
    }

    [Theory]
    [InlineData("""[ { "key": "", "value": 1 }, { "key": "lr", "value": 0.1 } ]""")]
    [InlineData("""{ "lr": 0.1, "max\ndepth": 6 }""")]
    public void Execution_parameters_no_hyperparameter_set_can_hold_stay_a_facet_of_the_run(string parameters)
    {
        var batch = Map($$"""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "facets": { "executionParameters": { "parameters": {{parameters}} } } },
              "job": { "namespace": "ml", "name": "train" }, "outputs": [ { "namespace": "s3://m", "name": "model" } ] }
            """);

        // Map validates the batch as a store would: the event's lineage goes in, and the facet with it, whole.
        Assert.DoesNotContain(batch.Entities, e => e.Key.Kind == EntityKind.HyperparameterSet);
        var run = Assert.Single(batch.Entities, e => e.Key.Kind == EntityKind.Run);
        using var facet = JsonDocument.Parse($$"""{ "parameters": {{parameters}} }""");
        Assert.Equal(LineageJson.Canonical(facet.RootElement), LineageJson.Canonical(run.Properties!["facets.executionParameters"]));
        Assert.Contains(batch.Edges, e => e.Relation == RelationKind.Produced);
    }

    [Fact]
    public void Execution_parameters_with_a_value_nested_past_a_hyperparameters_depth_stay_a_facet_of_the_run()
    {
        // A hyperparameter's value nests at most as deep as a property; the event was refused whole.
        var deep = new string('[', 40) + "1" + new string(']', 40);
        var batch = Map($$"""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
                "facets": { "executionParameters": { "parameters": [ { "key": "lr", "value": 0.1 }, { "key": "grid", "value": {{deep}} } ] } } },
              "job": { "namespace": "ml", "name": "train" }, "outputs": [ { "namespace": "s3://m", "name": "model" } ] }
            """);

        Assert.DoesNotContain(batch.Entities, e => e.Key.Kind == EntityKind.HyperparameterSet);
        var run = Assert.Single(batch.Entities, e => e.Key.Kind == EntityKind.Run);
        Assert.Contains(deep, run.Properties!["facets.executionParameters"].ToString(), StringComparison.Ordinal);
        Assert.Contains(batch.Edges, e => e.Relation == RelationKind.Produced);
    }

    [Theory]
    [InlineData("\"oops\"")]
    [InlineData("5")]
    public void Execution_parameters_of_another_shape_are_refused_naming_them(string parameters)
    {
        var error = Assert.Throws<InvalidInputException>(() => Map($$"""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "facets": { "executionParameters": { "parameters": {{parameters}} } } },
              "job": { "namespace": "ml", "name": "train" } }
            """));

        Assert.Equal("run.facets.executionParameters.parameters", error.Item);
    }

    [Theory]
    [InlineData("""{ "namespace": "wi", "name": "d", "outputFacets": { "bad\u0000name": {} } }""", "outputs[1]")]
    [InlineData("""{ "namespace": "wi", "name": "d", "facets": { "documentation": { "description": "LONG" } } }""", "outputs[1]")]
    public void A_fault_in_the_second_mention_of_a_dataset_names_that_mention(string second, string member)
    {
        second = second.Replace("LONG", new string('x', 70_000), StringComparison.Ordinal);

        // The two mentions are one entity; the merged one was refused by the store, which named the first, inputs[0].
        var error = Assert.Throws<InvalidInputException>(() => Map($$"""
            { "eventType": "COMPLETE", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "train" },
              "inputs": [{ "namespace": "wi", "name": "d" }],
              "outputs": [{ "namespace": "wi", "name": "other" }, {{second}}] }
            """));

        Assert.Equal(member, error.Item);
    }

    [Fact]
    public void The_first_fault_in_event_order_is_the_one_named()
    {
        // The second mention of d was checked as it came, before the store checked e, which comes earlier.
        var error = Assert.Throws<InvalidInputException>(() => Map("""
            { "eventType": "COMPLETE", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "train" },
              "inputs": [{ "namespace": "wi", "name": "d" }, { "namespace": "wi", "name": "e", "facets": { "bad\u0000one": {} } }],
              "outputs": [{ "namespace": "wi", "name": "d", "outputFacets": { "bad\u0000two": {} } }] }
            """));

        Assert.Equal("inputs[1]", error.Item);
    }

    [Fact]
    public void A_parent_facet_naming_the_run_itself_adds_no_parent_and_the_event_goes_in()
    {
        var batch = Map("""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
                "facets": { "parent": { "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "train" } } } },
              "job": { "namespace": "ml", "name": "train" } }
            """);

        Assert.DoesNotContain(batch.Edges, e => e.Relation == RelationKind.ChildOf);
        Assert.Single(batch.Entities, e => e.Key.Kind == EntityKind.Run);
    }

    [Theory]
    [InlineData("1e2", 100L)]
    [InlineData("7", 7L)]
    [InlineData("-5", null)]
    [InlineData("2.5", null)]
    [InlineData("1e400", null)]
    public void An_output_row_count_is_kept_when_it_is_a_count(string rowCount, long? expected)
    {
        var batch = Map($$"""
            { "eventType": "COMPLETE", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "train" },
              "outputs": [{ "namespace": "wi", "name": "d", "outputFacets": { "outputStatistics": { "rowCount": {{rowCount}} } } }] }
            """);

        var dataset = batch.Entities.Single(e => e.Key.Kind == EntityKind.Dataset);
        Assert.Equal(expected, (dataset.Fields as DatasetFields)?.RowCount);
        Assert.Contains("outputFacets.outputStatistics", Names(dataset.Properties));
    }

    [Theory]
    [InlineData("""{ "schema": { "fields": { "a": { "type": "int" } } }, "version": "v1" }""")]
    [InlineData("""{ "schema": "x", "version": { "datasetVersion": "" } }""")]
    [InlineData("""{ "schema": "x", "version": { "datasetVersion": " \u3000" } }""")]
    [InlineData("""{ "schema": { "fields": 1 }, "version": { "datasetVersion": ["v1"] } }""")]
    public void A_schema_or_version_facet_of_a_shape_the_mapping_cannot_read_is_kept_whole(string facets)
    {
        var batch = Map($$"""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "train" },
              "outputs": [{ "namespace": "odd", "name": "d", "facets": {{facets}} }] }
            """);

        var dataset = batch.Entities.Single(e => e.Key.Kind == EntityKind.Dataset);
        Assert.Null(dataset.Key.Version);
        Assert.Null(dataset.Fields);
        Assert.Equal(["facets.schema", "facets.version"], Names(dataset.Properties));
        using var sent = JsonDocument.Parse(facets);
        Assert.Equal(LineageJson.Canonical(sent.RootElement.GetProperty("schema")), LineageJson.Canonical(dataset.Properties!["facets.schema"]));
    }

    [Theory]
    [InlineData("7", "7")]
    [InlineData("1e2", "1e2")]
    [InlineData("true", "true")]
    public void A_dataset_version_given_as_a_number_or_boolean_is_taken_as_written(string given, string version)
    {
        var batch = Map($$"""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "train" },
              "outputs": [{ "namespace": "odd", "name": "d", "facets": { "version": { "datasetVersion": {{given}} } } }] }
            """);

        var dataset = batch.Entities.Single(e => e.Key.Kind == EntityKind.Dataset);
        Assert.Equal(version, dataset.Key.Version);
        Assert.DoesNotContain("facets.version", Names(dataset.Properties));
    }

    [Fact]
    public void An_event_that_maps_to_more_than_one_write_may_hold_is_told_to_send_its_datasets_in_several_events()
    {
        // Each input is an entity and an edge: 50,000 of them and the run, its job and their edge pass 100,000.
        var inputs = string.Join(",", Enumerable.Range(0, 50_000).Select(i => $$"""{ "namespace": "many", "name": "t{{i}}" }"""));
        using var document = JsonDocument.Parse($$"""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "wide" }, "inputs": [{{inputs}}] }
            """);

        var error = Assert.Throws<LimitExceededException>(() => OpenLineageMapper.Map(document.RootElement));

        Assert.StartsWith("This event maps to 100,003 entities and edges, more than the 100,000 one write may hold. Send its inputs and outputs in several events", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "fields": "unreadable" }""", """{ "fields": [ { "name": "id" } ] }""", true)]
    [InlineData("""{ "fields": [ { "name": "id" } ] }""", """{ "fields": "unreadable" }""", false)]
    public void A_dataset_read_and_written_by_one_event_keeps_the_later_mention_s_schema_alone(string read, string written, bool typed)
    {
        var batch = Map($$"""
            { "eventType": "COMPLETE", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "rewrite" },
              "inputs": [{ "namespace": "odd", "name": "t", "facets": { "schema": {{read}} } }],
              "outputs": [{ "namespace": "odd", "name": "t", "facets": { "schema": {{written}} } }] }
            """);

        var dataset = Assert.Single(batch.Entities, e => e.Key.Kind == EntityKind.Dataset);
        Assert.Equal(typed ? ["id"] : null, (dataset.Fields as DatasetFields)?.Schema?.Select(f => f.Name));
        Assert.Equal(typed, dataset.Fields is not null);
        Assert.Equal(!typed, Names(dataset.Properties).Contains("facets.schema"));
    }

    [Fact]
    public void A_schema_field_named_with_a_control_character_is_left_out_with_what_it_nests()
    {
        var batch = Map("""
            { "eventType": "COMPLETE", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "train" },
              "outputs": [{ "namespace": "wi", "name": "d", "facets": { "schema": { "fields": [
                { "name": "id", "type": "int" }, { "name": "bad\u0000", "fields": [{ "name": "inner" }] }, { "name": "amount" } ] } } }] }
            """);

        var schema = ((DatasetFields)batch.Entities.Single(e => e.Key.Kind == EntityKind.Dataset).Fields!).Schema!;
        Assert.Equal(["id", "amount"], schema.Select(f => f.Name));
    }

    [Theory]
    [InlineData("""{ "type": "git", "url": "", "version": "abc" }""")]
    [InlineData("""{ "type": "git", "url": "  ", "repoUrl": "" }""")]
    public void A_source_code_location_without_a_repository_stays_a_property(string facet)
    {
        var batch = Map($$"""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" },
              "job": { "namespace": "ml", "name": "train", "facets": { "sourceCodeLocation": {{facet}} } } }
            """);

        Assert.DoesNotContain(batch.Entities, e => e.Key.Kind == EntityKind.CodeVersion);
        Assert.Contains("facets.sourceCodeLocation", Names(batch.Entities.Single(e => e.Key.Kind == EntityKind.Job).Properties));
    }

    [Fact]
    public void An_empty_code_version_is_left_out_of_the_key()
    {
        var batch = Map("""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" },
              "job": { "namespace": "ml", "name": "train", "facets": { "sourceCodeLocation": { "type": "git", "url": "https://git.example.com/ml", "path": "train.py", "version": "" } } } }
            """);

        Assert.Contains(batch.Entities, e => e.Key.ToString() == "codeversion:https://git.example.com/ml:train.py");
    }

    [Fact]
    public void A_blank_code_path_is_the_repository_root_and_the_event_goes_in()
    {
        // A key part may not be white space alone: the path " " refused the whole event once blank parts were.
        var batch = Map("""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" },
              "job": { "namespace": "ml", "name": "train", "facets": { "sourceCodeLocation": { "type": "git", "url": "https://git.example.com/ml", "path": "  ", "version": "abc" } } } }
            """);

        Assert.Contains(batch.Entities, e => e.Key.ToString() == "codeversion:https://git.example.com/ml:@abc");
        Assert.Equal(batch.Entities.Count, batch.Validate().Entities.Count);
    }

    [Fact]
    public void Each_item_of_the_batch_names_the_member_of_the_event_it_came_from()
    {
        using var document = JsonDocument.Parse("""
            { "eventType": "START", "run": { "runId": "a3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "facets": {
                  "parent": { "run": { "runId": "b3c1e2f4-5b6d-4e7f-8a9b-0c1d2e3f4a5b" }, "job": { "namespace": "ml", "name": "dag" } },
                  "executionParameters": { "parameters": { "lr": 0.1 } } } },
              "job": { "namespace": "ml", "name": "train", "facets": { "sourceCodeLocation": { "type": "git", "url": "https://git.example.com/ml" } } },
              "inputs": [ { "namespace": "s3://lake", "name": "a" }, { "namespace": "s3://lake", "name": "b" } ],
              "outputs": [ { "namespace": "s3://lake", "name": "a" }, { "namespace": "mlflow", "name": "model", "facets": { "datasetType": { "datasetType": "MODEL" } } } ] }
            """);

        var mapped = OpenLineageMapper.Map(document.RootElement);

        var entities = mapped.Batch.Entities.Select((e, i) => (e.Key.Kind, mapped.DescribeItem($"entities[{i}]"))).ToList();
        Assert.Equal(
            [
                (EntityKind.Run, "run"), (EntityKind.Job, "job"), (EntityKind.Run, "run.facets.parent.run"), (EntityKind.Job, "run.facets.parent.job"),
                (EntityKind.CodeVersion, "job.facets.sourceCodeLocation"), (EntityKind.HyperparameterSet, "run.facets.executionParameters"),
                (EntityKind.Dataset, "inputs[0]"), (EntityKind.Dataset, "inputs[1]"), (EntityKind.Model, "outputs[1]"),
            ],
            entities);
        var produced = mapped.Batch.Edges.Select((e, i) => (e, i)).Where(p => p.e.Relation == RelationKind.Produced).Select(p => mapped.DescribeItem($"edges[{p.i}].to"));
        Assert.Equal(["outputs[0]", "outputs[1]"], produced);
        Assert.Null(mapped.DescribeItem($"entities[{mapped.Batch.Entities.Count}]"));
        Assert.Null(mapped.DescribeItem("run"));
    }

    [Fact]
    public void A_job_event_records_the_job_its_code_and_derives_between_its_datasets()
    {
        var batch = Map("""
            {
              "eventTime": "2024-06-01T00:00:00Z",
              "producer": "https://example.com/scanner",
              "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
              "job": { "namespace": "warehouse", "name": "views.active_users",
                       "facets": { "sourceCodeLocation": { "type": "git", "url": "https://git.example.com/views", "path": "" },
                                   "sql": { "query": "create view active_users as select * from users where active" } } },
              "inputs": [ { "namespace": "postgres://db:5432", "name": "app.public.users" } ],
              "outputs": [ { "namespace": "postgres://db:5432", "name": "app.public.active_users" },
                           { "namespace": "postgres://db:5432", "name": "app.public.users" } ]
            }
            """);

        Assert.Equal(
            [
                "job:warehouse:views.active_users",
                "codeversion:https://git.example.com/views:",
                "dataset:postgres://db:5432:app.public.users",
                "dataset:postgres://db:5432:app.public.active_users",
            ],
            Keys(batch));
        Assert.Equal(
            ["dataset:postgres://db:5432:app.public.users DERIVES dataset:postgres://db:5432:app.public.active_users"],
            Edges(batch));
        // With no run to link the code to, the job keeps saying where its code is.
        Assert.Equal(["facets.sourceCodeLocation", "facets.sql"], Names(batch.Entities[0].Properties));
    }

    [Fact]
    public void A_dataset_event_records_the_dataset_alone()
    {
        var batch = Map("""
            {
              "eventTime": "2024-06-01T00:00:00Z",
              "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
              "dataset": { "namespace": "s3://lake", "name": "events",
                           "facets": { "version": { "datasetVersion": "snap-42" },
                                       "ownership": { "owners": [ { "name": "team:data", "type": "TEAM" } ] },
                                       "schema": { "fields": [ { "name": "payload", "type": "struct",
                                                                 "fields": [ { "name": "kind", "type": "string" } ] } ] } } }
            }
            """);

        var entity = Assert.Single(batch.Entities);
        Assert.Equal("dataset:s3://lake:events@snap-42", entity.Key.ToString());
        Assert.Empty(batch.Edges);
        Assert.Equal(["facets.ownership"], Names(entity.Properties));
        Assert.Equal(
            [new SchemaField("payload", "struct"), new SchemaField("payload.kind", "string")],
            Assert.IsType<DatasetFields>(entity.Fields).Schema);
    }

    [Theory]
    [InlineData("START", "StartedAt")]
    [InlineData("RUNNING", "")]
    [InlineData("COMPLETE", "EndedAt")]
    [InlineData("ABORT", "EndedAt")]
    [InlineData("FAIL", "EndedAt")]
    public void Each_event_type_sets_only_the_run_fields_it_knows(string eventType, string time)
    {
        var batch = Map($$"""
            { "eventType": "{{eventType}}", "eventTime": "2024-06-01T00:00:00Z",
              "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "n", "name": "j" } }
            """);

        var fields = Assert.IsType<RunFields>(batch.Entities[0].Fields);
        Assert.Equal(eventType, fields.Status);
        Assert.Equal(time == "StartedAt" ? DateTimeOffset.Parse("2024-06-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) : null, fields.StartedAt);
        Assert.Equal(time == "EndedAt" ? DateTimeOffset.Parse("2024-06-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) : null, fields.EndedAt);
        Assert.Null(fields.RunType);
    }

    [Fact]
    public void Run_and_deployment_times_are_kept_in_utc_whatever_offset_they_were_written_with()
    {
        // Stored times compare as text (a script sorting runs by startedAt): one instant, one spelling.
        var start = Map("""
            { "eventType": "START", "eventTime": "2026-06-01T04:00:00+02:00",
              "run": { "runId": "11111111-2222-4333-8444-555555555555" }, "job": { "namespace": "n", "name": "j" } }
            """);
        var read = (RunFields)JsonSerializer.Deserialize("""{"kind":"Run","endedAt":"2026-06-01T01:30:00-03:00"}""", LineageJson.FieldsType(EntityKind.Run)!, LineageJson.Options)!;
        var deployment = new DeploymentFields { DeployedAt = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(9)) };

        var started = Assert.IsType<RunFields>(start.Entities[0].Fields).StartedAt!.Value;
        Assert.Equal((new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero), TimeSpan.Zero), (started, started.Offset));
        Assert.Equal((new DateTimeOffset(2026, 6, 1, 4, 30, 0, TimeSpan.Zero), TimeSpan.Zero), (read.EndedAt!.Value, read.EndedAt.Value.Offset));
        Assert.Equal(TimeSpan.Zero, deployment.DeployedAt!.Value.Offset);
        Assert.Contains("\"startedAt\":\"2026-06-01T02:00:00+00:00\"", LineageJson.SerializeFields(start.Entities[0].Fields), StringComparison.Ordinal);
    }

    [Fact]
    public void An_other_event_leaves_the_run_status_alone()
    {
        var batch = Map("""
            { "eventType": "OTHER", "eventTime": "2024-06-01T00:00:00Z",
              "run": { "runId": "11111111-2222-4333-8444-555555555555", "facets": { "custom": { "x": 1 } } }, "job": { "namespace": "n", "name": "j" } }
            """);

        Assert.Null(batch.Entities[0].Fields);
        Assert.Equal(["facets.custom"], Names(batch.Entities[0].Properties));
    }

    [Fact]
    public void A_run_s_events_applied_in_either_order_give_the_same_graph()
    {
        const string Start = """
            { "eventType": "START", "eventTime": "2024-06-01T00:00:00Z", "run": { "runId": "11111111-2222-4333-8444-555555555555",
              "facets": { "nominalTime": { "nominalStartTime": "2024-06-01T00:00:00Z" } } },
              "job": { "namespace": "n", "name": "j" }, "inputs": [ { "namespace": "s3://a", "name": "in" } ] }
            """;
        const string Complete = """
            { "eventType": "COMPLETE", "eventTime": "2024-06-01T01:00:00Z", "run": { "runId": "11111111-2222-4333-8444-555555555555",
              "facets": { "processing_engine": { "version": "3.5" } } },
              "job": { "namespace": "n", "name": "j" }, "inputs": [ { "namespace": "s3://a", "name": "in" } ],
              "outputs": [ { "namespace": "s3://a", "name": "out", "outputFacets": { "outputStatistics": { "rowCount": 5 } } } ] }
            """;

        var (forwardEntities, forwardEdges) = Apply(Start, Complete, Start);
        var (backwardEntities, backwardEdges) = Apply(Complete, Start, Complete);

        Assert.Equal(forwardEdges, backwardEdges);
        Assert.Equal(forwardEntities.Keys.Order(), backwardEntities.Keys.Order());
        foreach (var (key, entity) in forwardEntities)
        {
            var other = backwardEntities[key];
            Assert.Equal(LineageJson.Canonical(entity.Properties), LineageJson.Canonical(other.Properties));
            Assert.Equal(LineageJson.SerializeFields(entity.Fields), LineageJson.SerializeFields(other.Fields));
            if (entity.Fields is RunFields run)
            {
                // A START that arrives after COMPLETE does not reopen the run (RunStatuses).
                Assert.Equal("COMPLETE", run.Status);
                Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), run.StartedAt);
                Assert.Equal(new DateTimeOffset(2024, 6, 1, 1, 0, 0, TimeSpan.Zero), run.EndedAt);
            }
        }

        Assert.Equal(3, forwardEdges.Count);
    }

    [Fact]
    public void Mapping_the_same_event_twice_gives_the_same_batch()
    {
        const string Event = """
            { "eventType": "START", "eventTime": "2024-06-01T00:00:00", "run": { "runId": "11111111-2222-4333-8444-555555555555",
              "facets": { "executionParameters": { "parameters": { "b": 1, "a": [1, 2] } } } },
              "job": { "namespace": "n", "name": "j" }, "inputs": [ { "namespace": "s3://a", "name": "in" } ] }
            """;

        var first = Map(Event);
        var second = Map(Event);

        Assert.Equal(Keys(first), Keys(second));
        Assert.Equal(Edges(first), Edges(second));
    }

    [Fact]
    public void A_facet_marked_deleted_removes_what_was_stored_of_it()
    {
        const string Start = """
            { "eventType": "START", "eventTime": "2024-06-01T02:00:00Z",
              "run": { "runId": "0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11", "facets": { "nominalTime": { "nominalStartTime": "2024-06-01T00:00:00Z" } } },
              "job": { "namespace": "n", "name": "j", "facets": { "sql": { "query": "select 1" }, "ownership": { "owners": [] } } },
              "inputs": [ { "namespace": "s3://a", "name": "in", "facets": { "custom": { "x": 1 } }, "inputFacets": { "dataQualityMetrics": { "rowCount": 5 } } } ],
              "outputs": [ { "namespace": "s3://a", "name": "out", "facets": { "custom": { "x": 2 } } } ] }
            """;
        const string Complete = """
            { "eventType": "COMPLETE", "eventTime": "2024-06-01T03:00:00Z",
              "run": { "runId": "0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11", "facets": { "nominalTime": { "_deleted": true } } },
              "job": { "namespace": "n", "name": "j", "facets": { "sql": { "_deleted": true } } },
              "inputs": [ { "namespace": "s3://a", "name": "in", "facets": { "custom": { "_deleted": true } }, "inputFacets": { "dataQualityMetrics": { "_deleted": true } } } ],
              "outputs": [ { "namespace": "s3://a", "name": "out", "facets": { "custom": { "_deleted": true, "_producer": "p" } } } ] }
            """;

        // In order, in reverse, and with the START replayed last: the older event fills no gap that the newer one made.
        foreach (var events in new[] { new[] { Start, Complete }, [Complete, Start], [Start, Complete, Start] })
        {
            var (entities, _) = Apply(events);
            Assert.Empty(Names(entities["run:n:j@0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11"].Properties));
            Assert.Equal(["facets.ownership"], Names(entities["job:n:j"].Properties));
            Assert.Empty(Names(entities["dataset:s3://a:in"].Properties));
            Assert.Empty(Names(entities["dataset:s3://a:out"].Properties));
            Assert.Equal("""{"facets.ownership":"2024-06-01T02:00:00Z","facets.sql":"2024-06-01T03:00:00Z"}""", entities["job:n:j"].Properties[EntityMerge.PropertyObservedAtProperty].GetRawText());
        }

        // A newer event that gives the facet again brings it back.
        var (again, _) = Apply(Start, Complete, Start.Replace("02:00:00Z", "04:00:00Z", StringComparison.Ordinal));
        Assert.Equal(["facets.ownership", "facets.sql"], Names(again["job:n:j"].Properties));

        var removed = Map(Complete).Entities.ToDictionary(e => e.Key.ToString(), e => e.RemoveProperties);
        Assert.Equal(["facets.nominalTime"], removed["run:n:j@0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11"]);
        Assert.Equal(["facets.custom", "inputFacets.dataQualityMetrics"], removed["dataset:s3://a:in"]);
    }

    [Fact]
    public void Events_that_set_and_delete_a_facet_give_one_job_in_every_order()
    {
        static string JobEvent(string time, string facets) => $$"""
            { "eventTime": "{{time}}", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
              "job": { "namespace": "n", "name": "j", "facets": { {{facets}} } } }
            """;
        string[] events =
        [
            JobEvent("2024-06-01T01:00:00Z", "\"q\": { \"v\": 1 }"),
            JobEvent("2024-06-01T02:00:00Z", "\"q\": { \"_deleted\": true }"),
            JobEvent("2024-06-01T03:00:00Z", "\"ownership\": { \"owners\": [] }"),
        ];
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

        var jobs = orders.Select(order => LineageJson.Canonical(Apply([.. order.Select(i => events[i])]).Entities["job:n:j"].Properties)).Distinct().ToList();

        Assert.Equal(
            ["""{"facets.ownership":{"owners":[]},"observedAt":"2024-06-01T03:00:00Z","propertyObservedAt":{"facets.q":"2024-06-01T02:00:00Z"}}"""],
            jobs);
    }

    [Fact]
    public void A_dataset_named_twice_in_one_event_keeps_a_facet_one_mention_gives_and_the_other_deletes()
    {
        var batch = Map("""
            { "eventType": "COMPLETE", "eventTime": "2024-06-01T03:00:00Z",
              "run": { "runId": "0190c9d6-6f2a-7c3e-9a3e-2b8f4e1a7c11" }, "job": { "namespace": "n", "name": "j" },
              "inputs": [ { "namespace": "s3://a", "name": "t", "facets": { "custom": { "x": 1 }, "old": { "_deleted": true } } } ],
              "outputs": [ { "namespace": "s3://a", "name": "t", "facets": { "custom": { "_deleted": true } } } ] }
            """);

        var dataset = batch.Entities.Single(e => e.Key.ToString() == "dataset:s3://a:t");
        Assert.Equal(["facets.custom"], Names(dataset.Properties));
        Assert.Equal(["facets.old"], dataset.RemoveProperties);
    }

    private static WriteBatch Map(string json)
    {
        using var document = JsonDocument.Parse(json);
        var batch = OpenLineageMapper.ToBatch(document.RootElement);
        return batch.Validate();
    }

    /// <summary>Applies events as a store would: entities upserted by <see cref="EntityMerge"/>, edges written once.</summary>
    private static (Dictionary<string, Entity> Entities, SortedSet<string> Edges) Apply(params string[] events)
    {
        var entities = new Dictionary<string, Entity>();
        var edges = new SortedSet<string>(StringComparer.Ordinal);
        var now = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var json in events)
        {
            var batch = Map(json);
            foreach (var input in batch.Entities)
            {
                entities[input.Key.ToString()] = EntityMerge.Apply(entities.GetValueOrDefault(input.Key.ToString()), input, now).Entity;
            }

            edges.UnionWith(Edges(batch));
        }

        return (entities, edges);
    }

    private static List<string> Keys(WriteBatch batch) => [.. batch.Entities.Select(e => e.Key.ToString())];

    private static List<string> Edges(WriteBatch batch) =>
        [.. batch.Edges.Select(e => $"{e.From} {Relations.Name(e.Relation)} {e.To}")];

    /// <summary>The facet properties, without the event time every described entity carries and the records of times (asserted on their own).</summary>
    private static List<string> Names(IReadOnlyDictionary<string, JsonElement>? properties) =>
        properties is null ? [] : [.. properties.Keys.Where(k => !EntityMerge.IsBookkeeping(k)).Order(StringComparer.Ordinal)];
}
