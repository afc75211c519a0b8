namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;

/// <summary>
/// The events of a nightly upsert sent by a script through the OpenLineage Python client: a Postgres
/// <c>MERGE</c> that reads the table it writes, so <c>dim_customers</c> (with no version facet) is
/// both input and output of the same run. START and COMPLETE, in emission order.
/// </summary>
/// <remarks>
/// Written as sloppy scripts write them: times without a zone (Python's <c>isoformat()</c> of a
/// naive datetime), and the COMPLETE with neither <c>producer</c> nor <c>schemaURL</c>.
/// </remarks>
internal static class SelfIoEvents
{
    public const string Json = """
        [
          {
            "eventType": "START",
            "eventTime": "2026-06-02T01:00:00",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/client/python",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "3c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f",
              "facets": {"nominalTime": {"nominalStartTime": "2026-06-02T01:00:00Z"}}
            },
            "job": {
              "namespace": "etl-cron",
              "name": "customers.merge_dim_customers",
              "facets": {
                "sql": {
                  "query": "MERGE INTO public.dim_customers d USING staging.customer_updates u ON d.customer_id = u.customer_id WHEN MATCHED THEN UPDATE SET email = u.email, segment = u.segment, valid_from = u.updated_at WHEN NOT MATCHED THEN INSERT VALUES (u.customer_id, u.email, u.segment, u.updated_at)"
                },
                "jobType": {"processingType": "BATCH", "integration": "PYTHON", "jobType": "QUERY"}
              }
            },
            "inputs": [
              {
                "namespace": "postgres://warehouse.internal:5432",
                "name": "warehouse.staging.customer_updates",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "bigint"},
                      {"name": "email", "type": "text"},
                      {"name": "segment", "type": "text"},
                      {"name": "updated_at", "type": "timestamp"}
                    ]
                  }
                }
              },
              {
                "namespace": "postgres://warehouse.internal:5432",
                "name": "warehouse.public.dim_customers",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "bigint"},
                      {"name": "email", "type": "text"},
                      {"name": "segment", "type": "text"},
                      {"name": "valid_from", "type": "timestamp"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "postgres://warehouse.internal:5432",
                "name": "warehouse.public.dim_customers",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "bigint"},
                      {"name": "email", "type": "text"},
                      {"name": "segment", "type": "text"},
                      {"name": "valid_from", "type": "timestamp"}
                    ]
                  }
                }
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-02T01:03:30.5",
            "run": {
              "runId": "3c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f",
              "facets": {"nominalTime": {"nominalStartTime": "2026-06-02T01:00:00Z"}}
            },
            "job": {
              "namespace": "etl-cron",
              "name": "customers.merge_dim_customers",
              "facets": {
                "sql": {
                  "query": "MERGE INTO public.dim_customers d USING staging.customer_updates u ON d.customer_id = u.customer_id WHEN MATCHED THEN UPDATE SET email = u.email, segment = u.segment, valid_from = u.updated_at WHEN NOT MATCHED THEN INSERT VALUES (u.customer_id, u.email, u.segment, u.updated_at)"
                },
                "jobType": {"processingType": "BATCH", "integration": "PYTHON", "jobType": "QUERY"}
              }
            },
            "inputs": [
              {
                "namespace": "postgres://warehouse.internal:5432",
                "name": "warehouse.staging.customer_updates",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "bigint"},
                      {"name": "email", "type": "text"},
                      {"name": "segment", "type": "text"},
                      {"name": "updated_at", "type": "timestamp"}
                    ]
                  }
                }
              },
              {
                "namespace": "postgres://warehouse.internal:5432",
                "name": "warehouse.public.dim_customers",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "bigint"},
                      {"name": "email", "type": "text"},
                      {"name": "segment", "type": "text"},
                      {"name": "valid_from", "type": "timestamp"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "postgres://warehouse.internal:5432",
                "name": "warehouse.public.dim_customers",
                "facets": {
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "bigint"},
                      {"name": "email", "type": "text"},
                      {"name": "segment", "type": "text"},
                      {"name": "valid_from", "type": "timestamp"}
                    ]
                  }
                },
                "outputFacets": {"outputStatistics": {"rowCount": 120450}}
              }
            ]
          }
        ]
        """;
}
