namespace Lineage.Graph.Server.Tests.OpenLineage.Scenarios.Events;

/// <summary>
/// The events of a training script instrumented with the OpenLineage Python client: START and
/// COMPLETE of one run that reads two versioned feature snapshots and writes version 7 of a model.
/// </summary>
/// <remarks>
/// The run carries its hyperparameters as an <c>executionParameters</c> facet (a list of key and
/// value), the job a git <c>sourceCodeLocation</c> whose <c>repoUrl</c> is an SSH address (an
/// <c>@</c> and a <c>:</c> in the code version's namespace), and the output a <c>datasetType</c> of
/// <c>MODEL</c> and a <c>version</c> facet. Times carry a +02:00 offset.
/// </remarks>
internal static class TrainingEvents
{
    public const string Json = """
        [
          {
            "eventType": "START",
            "eventTime": "2026-06-03T09:00:00+02:00",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/client/python",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
              "facets": {
                "executionParameters": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/client/python",
                  "_schemaURL": "https://acme.internal/openlineage/ExecutionParametersRunFacet.json",
                  "parameters": [
                    {"key": "learning_rate", "value": 0.05},
                    {"key": "max_depth", "value": 6},
                    {"key": "n_estimators", "value": 400},
                    {"key": "objective", "value": "binary:logistic"}
                  ]
                },
                "processing_engine": {"version": "2.0.3", "name": "xgboost", "openlineageAdapterVersion": "1.18.0"}
              }
            },
            "job": {
              "namespace": "ml-platform",
              "name": "churn.train_xgboost",
              "facets": {
                "sourceCodeLocation": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/client/python",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet",
                  "type": "git",
                  "url": "https://github.com/acme/churn-model/blob/3f2c9a1e8b7d6c5f4a3b2c1d0e9f8a7b6c5d4e3f/train/train_xgboost.py",
                  "repoUrl": "git@github.com:acme/churn-model.git",
                  "path": "train/train_xgboost.py",
                  "version": "3f2c9a1e8b7d6c5f4a3b2c1d0e9f8a7b6c5d4e3f",
                  "branch": "main"
                },
                "documentation": {"description": "Trains the churn classifier on the weekly feature snapshot."},
                "jobType": {"processingType": "BATCH", "integration": "PYTHON", "jobType": "TRAINING"}
              }
            },
            "inputs": [
              {
                "namespace": "s3://acme-features",
                "name": "churn/training_set",
                "facets": {
                  "version": {"datasetVersion": "2026-06-01"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "int64"},
                      {"name": "days_since_last_order", "type": "int32"},
                      {"name": "orders_90d", "type": "int32"},
                      {"name": "churned", "type": "bool"}
                    ]
                  }
                }
              },
              {
                "namespace": "s3://acme-features",
                "name": "churn/validation_set",
                "facets": {
                  "version": {"datasetVersion": "2026-06-01"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "int64"},
                      {"name": "days_since_last_order", "type": "int32"},
                      {"name": "orders_90d", "type": "int32"},
                      {"name": "churned", "type": "bool"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "mlflow://mlflow.acme.internal",
                "name": "churn-classifier",
                "facets": {
                  "datasetType": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/client/python",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-0/DatasetTypeDatasetFacet.json#/$defs/DatasetTypeDatasetFacet",
                    "datasetType": "MODEL"
                  },
                  "version": {"datasetVersion": "7"},
                  "documentation": {"description": "XGBoost classifier predicting 90-day customer churn."},
                  "storage": {"storageLayer": "mlflow", "fileFormat": "xgboost"}
                }
              }
            ]
          },
          {
            "eventType": "COMPLETE",
            "eventTime": "2026-06-03T09:42:10.750+02:00",
            "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/client/python",
            "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
            "run": {
              "runId": "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
              "facets": {
                "executionParameters": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/client/python",
                  "_schemaURL": "https://acme.internal/openlineage/ExecutionParametersRunFacet.json",
                  "parameters": [
                    {"key": "learning_rate", "value": 0.05},
                    {"key": "max_depth", "value": 6},
                    {"key": "n_estimators", "value": 400},
                    {"key": "objective", "value": "binary:logistic"}
                  ]
                },
                "processing_engine": {"version": "2.0.3", "name": "xgboost", "openlineageAdapterVersion": "1.18.0"}
              }
            },
            "job": {
              "namespace": "ml-platform",
              "name": "churn.train_xgboost",
              "facets": {
                "sourceCodeLocation": {
                  "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/client/python",
                  "_schemaURL": "https://openlineage.io/spec/facets/1-0-1/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet",
                  "type": "git",
                  "url": "https://github.com/acme/churn-model/blob/3f2c9a1e8b7d6c5f4a3b2c1d0e9f8a7b6c5d4e3f/train/train_xgboost.py",
                  "repoUrl": "git@github.com:acme/churn-model.git",
                  "path": "train/train_xgboost.py",
                  "version": "3f2c9a1e8b7d6c5f4a3b2c1d0e9f8a7b6c5d4e3f",
                  "branch": "main"
                },
                "documentation": {"description": "Trains the churn classifier on the weekly feature snapshot."},
                "jobType": {"processingType": "BATCH", "integration": "PYTHON", "jobType": "TRAINING"}
              }
            },
            "inputs": [
              {
                "namespace": "s3://acme-features",
                "name": "churn/training_set",
                "facets": {
                  "version": {"datasetVersion": "2026-06-01"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "int64"},
                      {"name": "days_since_last_order", "type": "int32"},
                      {"name": "orders_90d", "type": "int32"},
                      {"name": "churned", "type": "bool"}
                    ]
                  }
                }
              },
              {
                "namespace": "s3://acme-features",
                "name": "churn/validation_set",
                "facets": {
                  "version": {"datasetVersion": "2026-06-01"},
                  "schema": {
                    "fields": [
                      {"name": "customer_id", "type": "int64"},
                      {"name": "days_since_last_order", "type": "int32"},
                      {"name": "orders_90d", "type": "int32"},
                      {"name": "churned", "type": "bool"}
                    ]
                  }
                }
              }
            ],
            "outputs": [
              {
                "namespace": "mlflow://mlflow.acme.internal",
                "name": "churn-classifier",
                "facets": {
                  "datasetType": {
                    "_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.18.0/client/python",
                    "_schemaURL": "https://openlineage.io/spec/facets/1-0-0/DatasetTypeDatasetFacet.json#/$defs/DatasetTypeDatasetFacet",
                    "datasetType": "MODEL"
                  },
                  "version": {"datasetVersion": "7"},
                  "documentation": {"description": "XGBoost classifier predicting 90-day customer churn."},
                  "storage": {"storageLayer": "mlflow", "fileFormat": "xgboost"}
                },
                "outputFacets": {"outputStatistics": {"size": 1843200}}
              }
            ]
          }
        ]
        """;
}
