namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;

/// <summary>
/// The events <c>dbt-ol run</c> emits for a jaffle_shop project on Postgres, in emission order: the
/// invocation's START, START and COMPLETE of two staging models and one mart model, each a child of
/// the invocation run, and the invocation's COMPLETE.
/// </summary>
/// <remarks>
/// As the dbt integration writes them: tables named <c>database.schema.model</c> in namespace
/// <c>postgres://host:5432</c>, <c>dataSource</c> and <c>schema</c> facets on every dataset, a
/// <c>columnLineage</c> facet on each model's output, the <c>sql</c> job facet, the test results of
/// a source as <c>dataQualityAssertions</c> on the input of the COMPLETE event, and
/// <c>outputStatistics</c> on each COMPLETE's output.
/// </remarks>
internal static class DbtEvents
{
    public const string Json = """
        [
          {
            "eventType": "START",
            "eventTime": "2026-06-01T04:00:00.000000Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50",
              "facets": {
                "dbt_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json",
                  "version": "1.8.2"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "1.8.2",
                  "name": "dbt",
                  "openlineageAdapterVersion": "1.18.0"
                }
              }
            },
            "job": {
              "namespace": "dbt",
              "name": "dbt-run-jaffle_shop",
              "facets": {"jobType": {"processingType": "BATCH", "integration": "DBT", "jobType": "JOB"}}
            },
            "inputs": [],
            "outputs": []
          },
          {
            "eventType": "START",
            "eventTime": "2026-06-01T04:00:02.104211Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a51",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50"},
                  "job": {"namespace": "dbt", "name": "dbt-run-jaffle_shop"}
                },
                "dbt_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json",
                  "version": "1.8.2"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "1.8.2",
                  "name": "dbt",
                  "openlineageAdapterVersion": "1.18.0"
                }
              }
            },
            "job": {
              "namespace": "dbt",
              "name": "analytics.staging.stg_customers",
              "facets": {
                "sql": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
                  "query": "select id as customer_id, first_name, last_name from \"analytics\".\"raw\".\"customers\"",
                  "dialect": "postgres"
                },
                "jobType": {"processingType": "BATCH", "integration": "DBT", "jobType": "MODEL"}
              }
            },
            "inputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.raw.customers",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "id", "type": "integer"},
                      {"name": "first_name", "type": "text"},
                      {"name": "last_name", "type": "text"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.staging.stg_customers",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "integer"},
                      {"name": "first_name", "type": "text"},
                      {"name": "last_name", "type": "text"}
                    ]
                  },
                  "columnLineage": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
                    "fields": {
                      "customer_id": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.customers",
                            "field": "id",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "first_name": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.customers",
                            "field": "first_name",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "last_name": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.customers",
                            "field": "last_name",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      }
                    }
                  }
                }
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-01T04:00:03.912007Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a51",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50"},
                  "job": {"namespace": "dbt", "name": "dbt-run-jaffle_shop"}
                },
                "dbt_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json",
                  "version": "1.8.2"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "1.8.2",
                  "name": "dbt",
                  "openlineageAdapterVersion": "1.18.0"
                }
              }
            },
            "job": {
              "namespace": "dbt",
              "name": "analytics.staging.stg_customers",
              "facets": {
                "sql": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
                  "query": "select id as customer_id, first_name, last_name from \"analytics\".\"raw\".\"customers\"",
                  "dialect": "postgres"
                },
                "jobType": {"processingType": "BATCH", "integration": "DBT", "jobType": "MODEL"}
              }
            },
            "inputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.raw.customers",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "id", "type": "integer"},
                      {"name": "first_name", "type": "text"},
                      {"name": "last_name", "type": "text"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.staging.stg_customers",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "integer"},
                      {"name": "first_name", "type": "text"},
                      {"name": "last_name", "type": "text"}
                    ]
                  },
                  "columnLineage": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
                    "fields": {
                      "customer_id": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.customers",
                            "field": "id",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "first_name": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.customers",
                            "field": "first_name",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "last_name": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.customers",
                            "field": "last_name",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      }
                    }
                  }
                },
                "outputFacets": {"outputStatistics": {"rowCount": 100}}
              }
            ]
          },
          {
            "eventType": "START",
            "eventTime": "2026-06-01T04:00:02.108950Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a52",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50"},
                  "job": {"namespace": "dbt", "name": "dbt-run-jaffle_shop"}
                },
                "dbt_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json",
                  "version": "1.8.2"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "1.8.2",
                  "name": "dbt",
                  "openlineageAdapterVersion": "1.18.0"
                }
              }
            },
            "job": {
              "namespace": "dbt",
              "name": "analytics.staging.stg_orders",
              "facets": {
                "sql": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
                  "query": "select id as order_id, user_id as customer_id, order_date, amount_cents / 100.0 as amount, status from \"analytics\".\"raw\".\"orders\"",
                  "dialect": "postgres"
                },
                "jobType": {"processingType": "BATCH", "integration": "DBT", "jobType": "MODEL"}
              }
            },
            "inputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.raw.orders",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "id", "type": "integer"},
                      {"name": "user_id", "type": "integer"},
                      {"name": "order_date", "type": "date"},
                      {"name": "amount_cents", "type": "integer"},
                      {"name": "status", "type": "text"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.staging.stg_orders",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "integer"},
                      {"name": "customer_id", "type": "integer"},
                      {"name": "order_date", "type": "date"},
                      {"name": "amount", "type": "numeric"},
                      {"name": "status", "type": "text"}
                    ]
                  },
                  "columnLineage": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
                    "fields": {
                      "order_id": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "id",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "customer_id": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "user_id",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "order_date": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "order_date",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "amount": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "amount_cents",
                            "transformations": [{"type": "DIRECT", "subtype": "TRANSFORMATION"}]
                          }
                        ]
                      },
                      "status": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "status",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      }
                    }
                  }
                }
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-01T04:00:04.377420Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a52",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50"},
                  "job": {"namespace": "dbt", "name": "dbt-run-jaffle_shop"}
                },
                "dbt_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json",
                  "version": "1.8.2"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "1.8.2",
                  "name": "dbt",
                  "openlineageAdapterVersion": "1.18.0"
                }
              }
            },
            "job": {
              "namespace": "dbt",
              "name": "analytics.staging.stg_orders",
              "facets": {
                "sql": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
                  "query": "select id as order_id, user_id as customer_id, order_date, amount_cents / 100.0 as amount, status from \"analytics\".\"raw\".\"orders\"",
                  "dialect": "postgres"
                },
                "jobType": {"processingType": "BATCH", "integration": "DBT", "jobType": "MODEL"}
              }
            },
            "inputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.raw.orders",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "id", "type": "integer"},
                      {"name": "user_id", "type": "integer"},
                      {"name": "order_date", "type": "date"},
                      {"name": "amount_cents", "type": "integer"},
                      {"name": "status", "type": "text"}
                    ]
                  }
                },
                "inputFacets": {
                  "dataQualityAssertions": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet",
                    "assertions": [
                      {"assertion": "not_null", "success": true, "column": "id"},
                      {"assertion": "unique", "success": true, "column": "id"},
                      {"assertion": "accepted_values", "success": true, "column": "status"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.staging.stg_orders",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "integer"},
                      {"name": "customer_id", "type": "integer"},
                      {"name": "order_date", "type": "date"},
                      {"name": "amount", "type": "numeric"},
                      {"name": "status", "type": "text"}
                    ]
                  },
                  "columnLineage": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
                    "fields": {
                      "order_id": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "id",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "customer_id": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "user_id",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "order_date": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "order_date",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "amount": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "amount_cents",
                            "transformations": [{"type": "DIRECT", "subtype": "TRANSFORMATION"}]
                          }
                        ]
                      },
                      "status": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.raw.orders",
                            "field": "status",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      }
                    }
                  }
                },
                "outputFacets": {"outputStatistics": {"rowCount": 99}}
              }
            ]
          },
          {
            "eventType": "START",
            "eventTime": "2026-06-01T04:00:05.020331Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a53",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50"},
                  "job": {"namespace": "dbt", "name": "dbt-run-jaffle_shop"}
                },
                "dbt_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json",
                  "version": "1.8.2"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "1.8.2",
                  "name": "dbt",
                  "openlineageAdapterVersion": "1.18.0"
                }
              }
            },
            "job": {
              "namespace": "dbt",
              "name": "analytics.marts.customer_orders",
              "facets": {
                "sql": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
                  "query": "select c.customer_id, min(o.order_date) as first_order_date, count(o.order_id) as number_of_orders, sum(o.amount) as total_amount from \"analytics\".\"staging\".\"stg_customers\" c left join \"analytics\".\"staging\".\"stg_orders\" o using (customer_id) group by 1",
                  "dialect": "postgres"
                },
                "jobType": {"processingType": "BATCH", "integration": "DBT", "jobType": "MODEL"}
              }
            },
            "inputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.staging.stg_customers",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "integer"},
                      {"name": "first_name", "type": "text"},
                      {"name": "last_name", "type": "text"}
                    ]
                  }
                }
              },
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.staging.stg_orders",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "integer"},
                      {"name": "customer_id", "type": "integer"},
                      {"name": "order_date", "type": "date"},
                      {"name": "amount", "type": "numeric"},
                      {"name": "status", "type": "text"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.marts.customer_orders",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "integer"},
                      {"name": "first_order_date", "type": "date"},
                      {"name": "number_of_orders", "type": "bigint"},
                      {"name": "total_amount", "type": "numeric"}
                    ]
                  },
                  "columnLineage": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
                    "fields": {
                      "customer_id": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.staging.stg_customers",
                            "field": "customer_id",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "first_order_date": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.staging.stg_orders",
                            "field": "order_date",
                            "transformations": [{"type": "DIRECT", "subtype": "AGGREGATION"}]
                          }
                        ]
                      },
                      "number_of_orders": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.staging.stg_orders",
                            "field": "order_id",
                            "transformations": [{"type": "DIRECT", "subtype": "AGGREGATION"}]
                          }
                        ]
                      },
                      "total_amount": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.staging.stg_orders",
                            "field": "amount",
                            "transformations": [{"type": "DIRECT", "subtype": "AGGREGATION"}]
                          }
                        ]
                      }
                    }
                  },
                  "documentation": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet",
                    "description": "One row per customer with their first order and lifetime value."
                  }
                }
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-01T04:00:06.851118Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a53",
              "facets": {
                "parent": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet",
                  "run": {"runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50"},
                  "job": {"namespace": "dbt", "name": "dbt-run-jaffle_shop"}
                },
                "dbt_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json",
                  "version": "1.8.2"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "1.8.2",
                  "name": "dbt",
                  "openlineageAdapterVersion": "1.18.0"
                }
              }
            },
            "job": {
              "namespace": "dbt",
              "name": "analytics.marts.customer_orders",
              "facets": {
                "sql": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
                  "query": "select c.customer_id, min(o.order_date) as first_order_date, count(o.order_id) as number_of_orders, sum(o.amount) as total_amount from \"analytics\".\"staging\".\"stg_customers\" c left join \"analytics\".\"staging\".\"stg_orders\" o using (customer_id) group by 1",
                  "dialect": "postgres"
                },
                "jobType": {"processingType": "BATCH", "integration": "DBT", "jobType": "MODEL"}
              }
            },
            "inputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.staging.stg_customers",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "integer"},
                      {"name": "first_name", "type": "text"},
                      {"name": "last_name", "type": "text"}
                    ]
                  }
                }
              },
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.staging.stg_orders",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "order_id", "type": "integer"},
                      {"name": "customer_id", "type": "integer"},
                      {"name": "order_date", "type": "date"},
                      {"name": "amount", "type": "numeric"},
                      {"name": "status", "type": "text"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "postgres://analytics-db.internal:5432",
                "name": "analytics.marts.customer_orders",
                "facets": {
                  "dataSource": {"name": "postgres://analytics-db.internal:5432", "uri": "postgres://analytics-db.internal:5432"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "integer"},
                      {"name": "first_order_date", "type": "date"},
                      {"name": "number_of_orders", "type": "bigint"},
                      {"name": "total_amount", "type": "numeric"}
                    ]
                  },
                  "columnLineage": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-2/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
                    "fields": {
                      "customer_id": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.staging.stg_customers",
                            "field": "customer_id",
                            "transformations": [{"type": "DIRECT", "subtype": "IDENTITY"}]
                          }
                        ]
                      },
                      "first_order_date": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.staging.stg_orders",
                            "field": "order_date",
                            "transformations": [{"type": "DIRECT", "subtype": "AGGREGATION"}]
                          }
                        ]
                      },
                      "number_of_orders": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.staging.stg_orders",
                            "field": "order_id",
                            "transformations": [{"type": "DIRECT", "subtype": "AGGREGATION"}]
                          }
                        ]
                      },
                      "total_amount": {
                        "inputFields": [
                          {
                            "namespace": "postgres://analytics-db.internal:5432",
                            "name": "analytics.staging.stg_orders",
                            "field": "amount",
                            "transformations": [{"type": "DIRECT", "subtype": "AGGREGATION"}]
                          }
                        ]
                      }
                    }
                  },
                  "documentation": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet",
                    "description": "One row per customer with their first order and lifetime value."
                  }
                },
                "outputFacets": {"outputStatistics": {"rowCount": 62}}
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-01T04:00:07.002540Z",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "5e0f3a1c-2b4d-4e6f-8a9b-0c1d2e3f4a50",
              "facets": {
                "dbt_version": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json",
                  "version": "1.8.2"
                },
                "processing_engine": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/integration/dbt",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet",
                  "version": "1.8.2",
                  "name": "dbt",
                  "openlineageAdapterVersion": "1.18.0"
                }
              }
            },
            "job": {
              "namespace": "dbt",
              "name": "dbt-run-jaffle_shop",
              "facets": {"jobType": {"processingType": "BATCH", "integration": "DBT", "jobType": "JOB"}}
            },
            "inputs": [],
            "outputs": []
          }
        ]
        """;
}
