using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using ModelAlloy.Batches.Items;
using ModelAlloy.Batches.Queue;
using ModelAlloy.Batches.Results;
using ModelAlloy.Batches.Runs;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Hosting.SelfHosted;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Cli.Commands.Batch;

/// <summary>What <c>alloy batch</c> does: read the items, then run them locally or submit them to the queue.</summary>
internal static class BatchRun
{
    /// <summary>How long Ctrl+C waits for the runs in flight (System.CommandLine ends the process 2 s after the signal).</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(BatchRequest request, TextWriter output, TextWriter error, CancellationToken stop)
    {
        try
        {
            if (request.Concurrency is < 1 or > 1000)
            {
                error.WriteLine($"alloy batch: --concurrency must be 1–1000 (got {request.Concurrency})");
                return 2;
            }

            IReadOnlyList<BatchItem> items = await BatchItemReader.ReadFileAsync(request.File, CancellationToken.None);
            string batchId = request.BatchId ?? DefaultBatchId(request);
            if (request.BatchId is { Length: > BatchMessageReader.MaxBatchIdLength })
            {
                error.WriteLine($"alloy batch: --batch-id is longer than {BatchMessageReader.MaxBatchIdLength} characters");
                return 2;
            }

            return request.Queue is { } queue
                ? await SubmitAsync(request, queue, batchId, items, output)
                : await RunLocallyAsync(request, batchId, items, output, error, stop);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DatasetFormatException or PipelineDefinitionException or FormatException)
        {
            error.WriteLine($"alloy batch: {ex.Message}");
            return 2;
        }
        catch (RequestFailedException ex)
        {
            error.WriteLine($"alloy batch: storage refused the request ({ex.Status} {ex.ErrorCode}); check --storage/--queue and that the account (or Azurite) is running");
            return 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error.WriteLine($"alloy batch: {ex.Message.Split('\n')[0].Trim()}");
            return 1;
        }
    }

    private static async Task<int> RunLocallyAsync(BatchRequest request, string batchId, IReadOnlyList<BatchItem> items, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var options = new LocalAlloyOptions { PipelinesFolder = request.PipelinesFolder, CatalogFile = request.CatalogFile, Storage = request.Storage };
        await using LocalAlloyHost host = await LocalAlloyHost.StartAsync(options, cancellationToken: CancellationToken.None);
        PipelineSnapshot definition = await host.Pipelines.GetSnapshotAsync(request.Pipeline, CancellationToken.None);
        string resultsFile = request.Out ?? $"{batchId}.results.jsonl";
        BatchConsole console = BatchConsole.For(output);
        console.Line($"batch {batchId}: {items.Count} items through '{request.Pipeline}', {request.Concurrency} in flight, {(options.ResolvedStorage is null ? "in memory" : "on Azure Storage")}, results to {resultsFile}");
        if (options.ResolvedStorage is null)
        {
            console.Line("in memory: nothing survives this process, so a rerun starts over; pass --storage azurite (or a connection string) to make the batch resumable");
        }

        var runner = new BatchRunner(
            new DurableBatchItemExecutor(host.Client, definition),
            new BatchRunOptions { BatchId = batchId, Pipeline = request.Pipeline, Concurrency = request.Concurrency, DrainTimeout = DrainTimeout });
        BatchSummary summary;
        await using (var writer = new JsonlResultWriter(resultsFile))
        {
            summary = await console.RunWithProgressAsync(items.Count, progress => runner.RunAsync(items, writer, progress, stop), request.PlainProgressSeconds);
        }

        BatchSummaryView.Write(console.Console, summary, resultsFile);
        if (summary.Stopped)
        {
            error.WriteLine(options.ResolvedStorage is null
                ? $"alloy batch: stopped; {summary.Unfinished} items did not finish and, in memory, cannot be resumed"
                : $"alloy batch: stopped; {summary.Unfinished} items did not finish; rerun with --batch-id {batchId} --storage ... to resume (finished items are not run again)");
            return 130;
        }

        return summary.Done == summary.Total ? 0 : 1;
    }

    private static async Task<int> SubmitAsync(BatchRequest request, string queue, string batchId, IReadOnlyList<BatchItem> items, TextWriter output)
    {
        string connection = new LocalAlloyOptions { Storage = queue }.ResolvedStorage
            ?? throw new FormatException("--queue needs 'azurite' or a storage connection string");
        var queues = new QueueServiceClient(connection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var submitter = new BatchSubmitter(queues, new BatchBlobStore(new BlobServiceClient(connection)));
        int sent = await submitter.SubmitAsync(batchId, request.Pipeline, items, request.AsBlob, CancellationToken.None);
        output.WriteLine($"batch {batchId}: {items.Count} items of '{request.Pipeline}' submitted to queue '{BatchQueueNames.Queue}' in {sent} messages{(request.AsBlob ? $" (items in blob {BatchQueueNames.Container}/{batchId}/items.jsonl)" : "")}");
        output.WriteLine($"results and summary: blob container '{BatchQueueNames.Container}', {batchId}/results.jsonl and {batchId}/summary.json (written when every run has ended)");
        return 0;
    }

    /// <summary>The file's name and a hash of its content and the pipeline: rerunning the same file resumes by default.</summary>
    private static string DefaultBatchId(BatchRequest request)
    {
        string stem = Path.GetFileNameWithoutExtension(request.File);
        byte[] hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(request.Pipeline + "\n"), .. File.ReadAllBytes(request.File)]);
        string name = stem.Length > 40 ? stem[..40] : stem;
        return $"{name}-{Convert.ToHexStringLower(hash)[..8]}";
    }
}
