namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;

/// <summary>
/// The events the Airflow OpenLineage provider emits for one run of DAG <c>gcs_to_bq_daily</c>, in
/// emission order: the DAG run's START, START and COMPLETE of each of three tasks (landing files on
/// GCS loaded into BigQuery, cleaned, aggregated into a mart), and the DAG run's COMPLETE.
/// </summary>
/// <remarks>
/// As the provider writes them: job names <c>dag_id.task_id</c>, the <c>airflow</c> run facet and a
/// <c>parent</c> facet pointing at the DAG run, <c>nominalTime</c> and <c>processing_engine</c>,
/// times with a <c>+00:00</c> offset and microseconds, a task instance's <c>duration</c> null
/// on START and set on COMPLETE, BigQuery tables as <c>project.dataset.table</c>.
/// </remarks>
internal static class AirflowEvents
{
    public const string Json = """
        [
          {
            "eventType": "START",
            "eventTime": "2026-06-01T02:00:05.123456+00:00",
            "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01",
              "facets": {
                "airflowDagRun": {
                  "_producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
                  "_schemaURL": "https://raw.githubusercontent.com/apache/airflow/providers-openlineage/1.14.0/airflow/providers/openlineage/facets/AirflowDagRunFacet.json#/$defs/AirflowDagRunFacet",
                  "dag": {"dag_id": "gcs_to_bq_daily", "schedule_interval": "0 2 * * *", "owner": "data-eng"},
                  "dagRun": {
                    "dag_id": "gcs_to_bq_daily",
                    "run_id": "scheduled__2026-06-01T02:00:00+00:00",
                    "run_type": "scheduled",
                    "external_trigger": false
                  }
                },
                "nominalTime": {"nominalStartTime": "2026-06-01T02:00:00+00:00", "nominalEndTime": "2026-06-02T02:00:00+00:00"},
                "processing_engine": {"version": "2.9.3", "name": "Airflow", "openlineageAdapterVersion": "1.14.0"}
              }
            },
            "job": {
              "namespace": "composer-prod",
              "name": "gcs_to_bq_daily",
              "facets": {"jobType": {"processingType": "BATCH", "integration": "AIRFLOW", "jobType": "DAG"}}
            },
            "inputs": [],
            "outputs": []
          },
          {
            "eventType": "START",
            "eventTime": "2026-06-01T02:00:09.500000+00:00",
            "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "01923f6e-6b2c-7d3e-9f40-5b6c7d8e9f02",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01"},
                  "job": {"namespace": "composer-prod", "name": "gcs_to_bq_daily"}
                },
                "airflow": {
                  "dag": {"dag_id": "gcs_to_bq_daily", "schedule_interval": "0 2 * * *", "owner": "data-eng"},
                  "dagRun": {
                    "dag_id": "gcs_to_bq_daily",
                    "run_id": "scheduled__2026-06-01T02:00:00+00:00",
                    "run_type": "scheduled"
                  },
                  "task": {"task_id": "load_raw_orders", "operator_class": "GCSToBigQueryOperator", "retries": 2},
                  "taskInstance": {
                    "try_number": 1,
                    "pool": "default_pool",
                    "queued_dttm": "2026-06-01T02:00:07.000000+00:00",
                    "duration": null
                  },
                  "taskUuid": "01923f6e-6b2c-7d3e-9f40-5b6c7d8e9f02"
                },
                "nominalTime": {"nominalStartTime": "2026-06-01T02:00:00+00:00", "nominalEndTime": "2026-06-02T02:00:00+00:00"},
                "processing_engine": {"version": "2.9.3", "name": "Airflow", "openlineageAdapterVersion": "1.14.0"}
              }
            },
            "job": {
              "namespace": "composer-prod",
              "name": "gcs_to_bq_daily.load_raw_orders",
              "facets": {"jobType": {"processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK"}}
            },
            "inputs": [{"namespace": "gs://acme-landing", "name": "orders/2026-06-01"}],
            "outputs": [
              {
                "namespace": "bigquery",
                "name": "acme-analytics.raw.orders",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "INTEGER"},
                      {"name": "customer_id", "type": "INTEGER"},
                      {"name": "amount", "type": "NUMERIC"},
                      {"name": "currency", "type": "STRING"},
                      {"name": "ordered_at", "type": "TIMESTAMP"}
                    ]
                  }
                }
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-01T02:03:41.250000+00:00",
            "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "01923f6e-6b2c-7d3e-9f40-5b6c7d8e9f02",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01"},
                  "job": {"namespace": "composer-prod", "name": "gcs_to_bq_daily"}
                },
                "airflow": {
                  "dag": {"dag_id": "gcs_to_bq_daily", "schedule_interval": "0 2 * * *", "owner": "data-eng"},
                  "dagRun": {
                    "dag_id": "gcs_to_bq_daily",
                    "run_id": "scheduled__2026-06-01T02:00:00+00:00",
                    "run_type": "scheduled"
                  },
                  "task": {"task_id": "load_raw_orders", "operator_class": "GCSToBigQueryOperator", "retries": 2},
                  "taskInstance": {
                    "try_number": 1,
                    "pool": "default_pool",
                    "queued_dttm": "2026-06-01T02:00:07.000000+00:00",
                    "duration": 211.75
                  },
                  "taskUuid": "01923f6e-6b2c-7d3e-9f40-5b6c7d8e9f02"
                },
                "nominalTime": {"nominalStartTime": "2026-06-01T02:00:00+00:00", "nominalEndTime": "2026-06-02T02:00:00+00:00"},
                "processing_engine": {"version": "2.9.3", "name": "Airflow", "openlineageAdapterVersion": "1.14.0"}
              }
            },
            "job": {
              "namespace": "composer-prod",
              "name": "gcs_to_bq_daily.load_raw_orders",
              "facets": {"jobType": {"processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK"}}
            },
            "inputs": [{"namespace": "gs://acme-landing", "name": "orders/2026-06-01"}],
            "outputs": [
              {
                "namespace": "bigquery",
                "name": "acme-analytics.raw.orders",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "INTEGER"},
                      {"name": "customer_id", "type": "INTEGER"},
                      {"name": "amount", "type": "NUMERIC"},
                      {"name": "currency", "type": "STRING"},
                      {"name": "ordered_at", "type": "TIMESTAMP"}
                    ]
                  }
                },
                "outputFacets": {"outputStatistics": {"rowCount": 48211, "size": 5123456}}
              }
            ]
          },
          {
            "eventType": "START",
            "eventTime": "2026-06-01T02:03:45.000000+00:00",
            "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "01923f6e-7c3d-7e4f-a051-6c7d8e9fa003",
              "facets": {
                "parent": {
                  "run": {"runId": "01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01"},
                  "job": {"namespace": "composer-prod", "name": "gcs_to_bq_daily"}
                },
                "airflow": {
                  "dag": {"dag_id": "gcs_to_bq_daily", "schedule_interval": "0 2 * * *", "owner": "data-eng"},
                  "dagRun": {
                    "dag_id": "gcs_to_bq_daily",
                    "run_id": "scheduled__2026-06-01T02:00:00+00:00",
                    "run_type": "scheduled"
                  },
                  "task": {"task_id": "transform_orders", "operator_class": "BigQueryInsertJobOperator", "retries": 2},
                  "taskInstance": {
                    "try_number": 1,
                    "pool": "default_pool",
                    "queued_dttm": "2026-06-01T02:03:43.000000+00:00",
                    "duration": null
                  },
                  "taskUuid": "01923f6e-7c3d-7e4f-a051-6c7d8e9fa003"
                },
                "nominalTime": {"nominalStartTime": "2026-06-01T02:00:00+00:00", "nominalEndTime": "2026-06-02T02:00:00+00:00"},
                "processing_engine": {"version": "2.9.3", "name": "Airflow", "openlineageAdapterVersion": "1.14.0"}
              }
            },
            "job": {
              "namespace": "composer-prod",
              "name": "gcs_to_bq_daily.transform_orders",
              "facets": {
                "jobType": {"processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK"},
                "sql": {
                  "query": "SELECT order_id, customer_id, amount * fx.rate AS amount_usd, DATE(ordered_at) AS order_date FROM raw.orders JOIN reference.fx USING (currency)"
                }
              }
            },
            "inputs": [
              {
                "namespace": "bigquery",
                "name": "acme-analytics.raw.orders",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "INTEGER"},
                      {"name": "customer_id", "type": "INTEGER"},
                      {"name": "amount", "type": "NUMERIC"},
                      {"name": "currency", "type": "STRING"},
                      {"name": "ordered_at", "type": "TIMESTAMP"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "bigquery",
                "name": "acme-analytics.staging.orders_clean",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "INTEGER"},
                      {"name": "customer_id", "type": "INTEGER"},
                      {"name": "amount_usd", "type": "NUMERIC"},
                      {"name": "order_date", "type": "DATE"}
                    ]
                  }
                }
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-01T02:07:12.000000+00:00",
            "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "01923f6e-7c3d-7e4f-a051-6c7d8e9fa003",
              "facets": {
                "parent": {
                  "run": {"runId": "01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01"},
                  "job": {"namespace": "composer-prod", "name": "gcs_to_bq_daily"}
                },
                "airflow": {
                  "dag": {"dag_id": "gcs_to_bq_daily", "schedule_interval": "0 2 * * *", "owner": "data-eng"},
                  "dagRun": {
                    "dag_id": "gcs_to_bq_daily",
                    "run_id": "scheduled__2026-06-01T02:00:00+00:00",
                    "run_type": "scheduled"
                  },
                  "task": {"task_id": "transform_orders", "operator_class": "BigQueryInsertJobOperator", "retries": 2},
                  "taskInstance": {
                    "try_number": 1,
                    "pool": "default_pool",
                    "queued_dttm": "2026-06-01T02:03:43.000000+00:00",
                    "duration": 207.0
                  },
                  "taskUuid": "01923f6e-7c3d-7e4f-a051-6c7d8e9fa003"
                },
                "nominalTime": {"nominalStartTime": "2026-06-01T02:00:00+00:00", "nominalEndTime": "2026-06-02T02:00:00+00:00"},
                "processing_engine": {"version": "2.9.3", "name": "Airflow", "openlineageAdapterVersion": "1.14.0"},
                "externalQuery": {"externalQueryId": "bquxjob_5f3c2a1b_18f9e0d7c6b", "source": "bigquery"}
              }
            },
            "job": {
              "namespace": "composer-prod",
              "name": "gcs_to_bq_daily.transform_orders",
              "facets": {
                "jobType": {"processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK"},
                "sql": {
                  "query": "SELECT order_id, customer_id, amount * fx.rate AS amount_usd, DATE(ordered_at) AS order_date FROM raw.orders JOIN reference.fx USING (currency)"
                }
              }
            },
            "inputs": [
              {
                "namespace": "bigquery",
                "name": "acme-analytics.raw.orders",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "INTEGER"},
                      {"name": "customer_id", "type": "INTEGER"},
                      {"name": "amount", "type": "NUMERIC"},
                      {"name": "currency", "type": "STRING"},
                      {"name": "ordered_at", "type": "TIMESTAMP"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "bigquery",
                "name": "acme-analytics.staging.orders_clean",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "INTEGER"},
                      {"name": "customer_id", "type": "INTEGER"},
                      {"name": "amount_usd", "type": "NUMERIC"},
                      {"name": "order_date", "type": "DATE"}
                    ]
                  }
                },
                "outputFacets": {"outputStatistics": {"rowCount": 48187, "size": 3870144}}
              }
            ]
          },
          {
            "eventType": "START",
            "eventTime": "2026-06-01T02:07:15.000000+00:00",
            "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "01923f6e-8d4e-7f50-b162-7d8e9fab0104",
              "facets": {
                "parent": {
                  "run": {"runId": "01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01"},
                  "job": {"namespace": "composer-prod", "name": "gcs_to_bq_daily"}
                },
                "airflow": {
                  "dag": {"dag_id": "gcs_to_bq_daily", "schedule_interval": "0 2 * * *", "owner": "data-eng"},
                  "dagRun": {
                    "dag_id": "gcs_to_bq_daily",
                    "run_id": "scheduled__2026-06-01T02:00:00+00:00",
                    "run_type": "scheduled"
                  },
                  "task": {"task_id": "build_daily_revenue", "operator_class": "BigQueryInsertJobOperator", "retries": 2},
                  "taskInstance": {
                    "try_number": 1,
                    "pool": "default_pool",
                    "queued_dttm": "2026-06-01T02:07:13.000000+00:00",
                    "duration": null
                  },
                  "taskUuid": "01923f6e-8d4e-7f50-b162-7d8e9fab0104"
                },
                "nominalTime": {"nominalStartTime": "2026-06-01T02:00:00+00:00", "nominalEndTime": "2026-06-02T02:00:00+00:00"},
                "processing_engine": {"version": "2.9.3", "name": "Airflow", "openlineageAdapterVersion": "1.14.0"}
              }
            },
            "job": {
              "namespace": "composer-prod",
              "name": "gcs_to_bq_daily.build_daily_revenue",
              "facets": {"jobType": {"processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK"}}
            },
            "inputs": [
              {"namespace": "bigquery", "name": "acme-analytics.staging.orders_clean"},
              {"namespace": "bigquery", "name": "acme-analytics.reference.currencies"}
            ],
            "outputs": [
              {
                "namespace": "bigquery",
                "name": "acme-analytics.marts.daily_revenue",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "order_date", "type": "DATE"},
                      {"name": "revenue_usd", "type": "NUMERIC"},
                      {"name": "orders", "type": "INTEGER"}
                    ]
                  }
                }
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-01T02:14:38.000000+00:00",
            "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "01923f6e-8d4e-7f50-b162-7d8e9fab0104",
              "facets": {
                "parent": {
                  "run": {"runId": "01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01"},
                  "job": {"namespace": "composer-prod", "name": "gcs_to_bq_daily"}
                },
                "airflow": {
                  "dag": {"dag_id": "gcs_to_bq_daily", "schedule_interval": "0 2 * * *", "owner": "data-eng"},
                  "dagRun": {
                    "dag_id": "gcs_to_bq_daily",
                    "run_id": "scheduled__2026-06-01T02:00:00+00:00",
                    "run_type": "scheduled"
                  },
                  "task": {"task_id": "build_daily_revenue", "operator_class": "BigQueryInsertJobOperator", "retries": 2},
                  "taskInstance": {
                    "try_number": 1,
                    "pool": "default_pool",
                    "queued_dttm": "2026-06-01T02:07:13.000000+00:00",
                    "duration": 443.0
                  },
                  "taskUuid": "01923f6e-8d4e-7f50-b162-7d8e9fab0104"
                },
                "nominalTime": {"nominalStartTime": "2026-06-01T02:00:00+00:00", "nominalEndTime": "2026-06-02T02:00:00+00:00"},
                "processing_engine": {"version": "2.9.3", "name": "Airflow", "openlineageAdapterVersion": "1.14.0"}
              }
            },
            "job": {
              "namespace": "composer-prod",
              "name": "gcs_to_bq_daily.build_daily_revenue",
              "facets": {"jobType": {"processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK"}}
            },
            "inputs": [
              {"namespace": "bigquery", "name": "acme-analytics.staging.orders_clean"},
              {"namespace": "bigquery", "name": "acme-analytics.reference.currencies"}
            ],
            "outputs": [
              {
                "namespace": "bigquery",
                "name": "acme-analytics.marts.daily_revenue",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "order_date", "type": "DATE"},
                      {"name": "revenue_usd", "type": "NUMERIC"},
                      {"name": "orders", "type": "INTEGER"}
                    ]
                  }
                },
                "outputFacets": {"outputStatistics": {"rowCount": 1, "size": 64}}
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-01T02:14:40.500000+00:00",
            "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "01923f6e-5a1b-7c2d-8e3f-4a5b6c7d8e01",
              "facets": {
                "airflowDagRun": {
                  "_producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
                  "_schemaURL": "https://raw.githubusercontent.com/apache/airflow/providers-openlineage/1.14.0/airflow/providers/openlineage/facets/AirflowDagRunFacet.json#/$defs/AirflowDagRunFacet",
                  "dag": {"dag_id": "gcs_to_bq_daily", "schedule_interval": "0 2 * * *", "owner": "data-eng"},
                  "dagRun": {
                    "dag_id": "gcs_to_bq_daily",
                    "run_id": "scheduled__2026-06-01T02:00:00+00:00",
                    "run_type": "scheduled",
                    "external_trigger": false
                  }
                },
                "nominalTime": {"nominalStartTime": "2026-06-01T02:00:00+00:00", "nominalEndTime": "2026-06-02T02:00:00+00:00"},
                "processing_engine": {"version": "2.9.3", "name": "Airflow", "openlineageAdapterVersion": "1.14.0"}
              }
            },
            "job": {
              "namespace": "composer-prod",
              "name": "gcs_to_bq_daily",
              "facets": {"jobType": {"processingType": "BATCH", "integration": "AIRFLOW", "jobType": "DAG"}}
            },
            "inputs": [],
            "outputs": []
          }
        ]
        """;
}
