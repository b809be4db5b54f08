using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ModelAlloy.Testing.Azurite;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>Counts the storage requests a table client sends for the entities of one table (table creation aside).</summary>
/// <param name="table">The table whose entity requests are counted.</param>
public sealed class RequestCounter(string table) : HttpPipelinePolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public TableServiceClient Tables(AzuriteFixture azurite)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new TableServiceClient(azurite.ConnectionString, options);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        CountIfEntityRequest(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        CountIfEntityRequest(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void CountIfEntityRequest(HttpMessage message)
    {
        if (message.Request.Uri.Path.Contains("/" + table, StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
