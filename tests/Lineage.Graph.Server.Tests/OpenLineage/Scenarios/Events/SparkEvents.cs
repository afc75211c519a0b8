namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;

/// <summary>
/// The events the OpenLineage Spark listener emits for one failed SQL action of application
/// <c>sessionize_clicks</c>, started by an Airflow task: START, RUNNING and FAIL, in emission order.
/// </summary>
/// <remarks>
/// As the Spark integration writes them: the job named after the application and the plan node,
/// a <c>parent</c> facet naming the Airflow task run that submitted it, <c>spark_version</c>,
/// <c>processing_engine</c> and <c>spark_properties</c>, inputs on <c>hdfs://</c> and <c>s3a://</c>
/// (one schema nested), and on FAIL an <c>errorMessage</c> facet with the Java stack trace.
/// </remarks>
internal static class SparkEvents
{
    public const string Json = """
        [
          {
            "eventType": "START",
            "eventTime": "2026-06-01T05:10:00.000Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "7a1e2b3c-4d5e-4f60-8172-93a4b5c6d7e8",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "7a1e2b3c-0000-4000-8000-0000000000aa"},
                  "job": {"namespace": "airflow-emr", "name": "clickstream_daily.sessionize"}
                },
                "spark_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet",
                  "spark-version": "3.5.1",
                  "openlineage-spark-version": "1.18.0"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "3.5.1",
                  "name": "spark",
                  "openlineageAdapterVersion": "1.18.0"
                },
                "spark_properties": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet",
                  "properties": {"spark.master": "yarn", "spark.app.name": "sessionize_clicks"}
                }
              }
            },
            "job": {
              "namespace": "emr-prod",
              "name": "sessionize_clicks.execute_insert_into_hadoop_fs_relation_command",
              "facets": {
                "jobType": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
                  "processingType": "BATCH",
                  "integration": "SPARK",
                  "jobType": "SQL_JOB"
                }
              }
            },
            "inputs": [
              {
                "namespace": "hdfs://namenode.emr.internal:8020",
                "name": "/data/raw/clicks/dt=2026-06-01",
                "facets": {
                  "dataSource": {"name": "hdfs://namenode.emr.internal:8020", "uri": "hdfs://namenode.emr.internal:8020"},
                  "schema": {
                    "fields": [
                      {"name": "user_id", "type": "string"},
                      {"name": "url", "type": "string"},
                      {"name": "ts", "type": "timestamp"},
                      {"name": "user_agent", "type": "string"}
                    ]
                  }
                }
              },
              {
                "namespace": "s3a://acme-reference",
                "name": "lookup/user_agents",
                "facets": {
                  "dataSource": {"name": "s3a://acme-reference", "uri": "s3a://acme-reference"},
                  "schema": {
                    "fields": [
                      {"name": "user_agent", "type": "string"},
                      {
                        "name": "device",
                        "type": "struct",
                        "fields": [{"name": "family", "type": "string"}, {"name": "is_mobile", "type": "boolean"}]
                      }
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "s3a://acme-lake",
                "name": "sessions/dt=2026-06-01",
                "facets": {
                  "dataSource": {"name": "s3a://acme-lake", "uri": "s3a://acme-lake"},
                  "schema": {
                    "fields": [
                      {"name": "session_id", "type": "string"},
                      {"name": "user_id", "type": "string"},
                      {"name": "started_at", "type": "timestamp"},
                      {"name": "pages", "type": "integer"},
                      {"name": "device_family", "type": "string"}
                    ]
                  },
                  "lifecycleStateChange": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/LifecycleStateChangeDatasetFacet.json#/$defs/LifecycleStateChangeDatasetFacet",
                    "lifecycleStateChange": "OVERWRITE"
                  }
                }
              }
            ]
          },
          {
            "eventType": "RUNNING",
            "eventTime": "2026-06-01T05:12:30.512Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "7a1e2b3c-4d5e-4f60-8172-93a4b5c6d7e8",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "7a1e2b3c-0000-4000-8000-0000000000aa"},
                  "job": {"namespace": "airflow-emr", "name": "clickstream_daily.sessionize"}
                },
                "spark_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet",
                  "spark-version": "3.5.1",
                  "openlineage-spark-version": "1.18.0"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "3.5.1",
                  "name": "spark",
                  "openlineageAdapterVersion": "1.18.0"
                },
                "spark_properties": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet",
                  "properties": {"spark.master": "yarn", "spark.app.name": "sessionize_clicks"}
                }
              }
            },
            "job": {
              "namespace": "emr-prod",
              "name": "sessionize_clicks.execute_insert_into_hadoop_fs_relation_command",
              "facets": {
                "jobType": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
                  "processingType": "BATCH",
                  "integration": "SPARK",
                  "jobType": "SQL_JOB"
                }
              }
            },
            "inputs": [
              {
                "namespace": "hdfs://namenode.emr.internal:8020",
                "name": "/data/raw/clicks/dt=2026-06-01",
                "facets": {
                  "dataSource": {"name": "hdfs://namenode.emr.internal:8020", "uri": "hdfs://namenode.emr.internal:8020"},
                  "schema": {
                    "fields": [
                      {"name": "user_id", "type": "string"},
                      {"name": "url", "type": "string"},
                      {"name": "ts", "type": "timestamp"},
                      {"name": "user_agent", "type": "string"}
                    ]
                  }
                }
              },
              {
                "namespace": "s3a://acme-reference",
                "name": "lookup/user_agents",
                "facets": {
                  "dataSource": {"name": "s3a://acme-reference", "uri": "s3a://acme-reference"},
                  "schema": {
                    "fields": [
                      {"name": "user_agent", "type": "string"},
                      {
                        "name": "device",
                        "type": "struct",
                        "fields": [{"name": "family", "type": "string"}, {"name": "is_mobile", "type": "boolean"}]
                      }
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "s3a://acme-lake",
                "name": "sessions/dt=2026-06-01",
                "facets": {
                  "dataSource": {"name": "s3a://acme-lake", "uri": "s3a://acme-lake"},
                  "schema": {
                    "fields": [
                      {"name": "session_id", "type": "string"},
                      {"name": "user_id", "type": "string"},
                      {"name": "started_at", "type": "timestamp"},
                      {"name": "pages", "type": "integer"},
                      {"name": "device_family", "type": "string"}
                    ]
                  },
                  "lifecycleStateChange": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/LifecycleStateChangeDatasetFacet.json#/$defs/LifecycleStateChangeDatasetFacet",
                    "lifecycleStateChange": "OVERWRITE"
                  }
                }
              }
            ]
          },
          {
            "eventType": "FAIL",
            "eventTime": "2026-06-01T05:13:07.250Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "7a1e2b3c-4d5e-4f60-8172-93a4b5c6d7e8",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "7a1e2b3c-0000-4000-8000-0000000000aa"},
                  "job": {"namespace": "airflow-emr", "name": "clickstream_daily.sessionize"}
                },
                "spark_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet",
                  "spark-version": "3.5.1",
                  "openlineage-spark-version": "1.18.0"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "3.5.1",
                  "name": "spark",
                  "openlineageAdapterVersion": "1.18.0"
                },
                "spark_properties": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunFacet",
                  "properties": {"spark.master": "yarn", "spark.app.name": "sessionize_clicks"}
                },
                "errorMessage": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
                  "message": "Job aborted due to stage failure: Task 17 in stage 4.0 failed 4 times, most recent failure: Lost task 17.3 in stage 4.0 (TID 212) (ip-10-0-3-41.ec2.internal executor 6): java.lang.OutOfMemoryError: Java heap space",
                  "programmingLanguage": "JAVA",
                  "stackTrace": "org.apache.spark.SparkException: Job aborted due to stage failure: Task 17 in stage 4.0 failed 4 times\n\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2898)\n\tat org.apache.spark.scheduler.DAGScheduler.$anonfun$abortStage$2(DAGScheduler.scala:2834)\nCaused by: java.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n"
                }
              }
            },
            "job": {
              "namespace": "emr-prod",
              "name": "sessionize_clicks.execute_insert_into_hadoop_fs_relation_command",
              "facets": {
                "jobType": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                  "_schemaURL": "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
                  "processingType": "BATCH",
                  "integration": "SPARK",
                  "jobType": "SQL_JOB"
                }
              }
            },
            "inputs": [
              {
                "namespace": "hdfs://namenode.emr.internal:8020",
                "name": "/data/raw/clicks/dt=2026-06-01",
                "facets": {
                  "dataSource": {"name": "hdfs://namenode.emr.internal:8020", "uri": "hdfs://namenode.emr.internal:8020"},
                  "schema": {
                    "fields": [
                      {"name": "user_id", "type": "string"},
                      {"name": "url", "type": "string"},
                      {"name": "ts", "type": "timestamp"},
                      {"name": "user_agent", "type": "string"}
                    ]
                  }
                }
              },
              {
                "namespace": "s3a://acme-reference",
                "name": "lookup/user_agents",
                "facets": {
                  "dataSource": {"name": "s3a://acme-reference", "uri": "s3a://acme-reference"},
                  "schema": {
                    "fields": [
                      {"name": "user_agent", "type": "string"},
                      {
                        "name": "device",
                        "type": "struct",
                        "fields": [{"name": "family", "type": "string"}, {"name": "is_mobile", "type": "boolean"}]
                      }
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "s3a://acme-lake",
                "name": "sessions/dt=2026-06-01",
                "facets": {
                  "dataSource": {"name": "s3a://acme-lake", "uri": "s3a://acme-lake"},
                  "schema": {
                    "fields": [
                      {"name": "session_id", "type": "string"},
                      {"name": "user_id", "type": "string"},
                      {"name": "started_at", "type": "timestamp"},
                      {"name": "pages", "type": "integer"},
                      {"name": "device_family", "type": "string"}
                    ]
                  },
                  "lifecycleStateChange": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/spark",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/LifecycleStateChangeDatasetFacet.json#/$defs/LifecycleStateChangeDatasetFacet",
                    "lifecycleStateChange": "OVERWRITE"
                  }
                }
              }
            ]
          }
        ]
        """;
}
