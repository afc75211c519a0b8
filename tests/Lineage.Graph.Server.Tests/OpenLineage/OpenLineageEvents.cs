using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Lineage.Graph.Server.Tests.OpenLineage;

/// <summary>Small OpenLineage events and ways to send them, for the endpoint's protocol tests.</summary>
internal static class OpenLineageEvents
{
    public const string RunId = "0e9f5b3a-7c1d-4b8e-9a2f-3d4c5b6a7e8f";

    public const string RunKey = "run:airflow://prod:orders_dag.load@" + RunId;

    /// <summary>A RunEvent of job <c>airflow://prod</c> <c>orders_dag.load</c> reading Postgres orders and writing a BigQuery table.</summary>
    public static string Run(string eventType = "START", string runId = RunId, string output = "proj.sales.orders_clean") => $$"""
        {
          "eventType": "{{eventType}}",
          "eventTime": "2026-06-01T02:00:00.000Z",
          "producer": "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
          "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
          "run": { "runId": "{{runId}}" },
          "job": { "namespace": "airflow://prod", "name": "orders_dag.load" },
          "inputs": [ { "namespace": "postgres://db.example.com:5432", "name": "shop.public.orders" } ],
          "outputs": [ { "namespace": "bigquery", "name": "{{output}}" } ]
        }
        """;

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>The body gzip-compressed, with <c>Content-Encoding: gzip</c> or (as some clients do) without it.</summary>
    public static ByteArrayContent Gzip(string body, bool announce) => Gzip(Encoding.UTF8.GetBytes(body), announce);

    public static ByteArrayContent Gzip(byte[] body, bool announce)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(body);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (announce)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }
}
