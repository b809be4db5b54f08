using System.CommandLine;
using ModelAlloy.Cli.Commands.Batch;

namespace ModelAlloy.Cli.Commands;

/// <summary>
/// <c>alloy batch &lt;pipeline&gt; &lt;file.jsonl&gt;</c>: every item of a JSONL file through a pipeline on the self-hosted
/// worker, N in flight, with live progress (done / failed / cost so far / ETA), results written line by line and a
/// summary table; or, with <c>--queue</c>, the same batch submitted to the Functions app's <c>alloy-batch</c> queue.
/// Each item runs as an instance named by (batch id, item id), so a rerun with the same <c>--batch-id</c> on the same
/// <c>--storage</c> reads back what finished and runs only the rest. Ctrl+C starts nothing new, waits a second for the
/// runs in flight and prints the summary; runs still going finish in the store and a rerun picks them up.
/// Exit codes: 0 every item completed, 1 some failed or did not finish, 2 bad input, 130 stopped by Ctrl+C.
/// </summary>
internal static class BatchCommand
{
    /// <summary>Creates <c>alloy batch</c>.</summary>
    public static Command Create()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline every item runs (see pipelines/)." };
        var file = new Argument<string>("file") { Description = "A JSONL file: one {\"id\": \"...\", \"input\": \"...\"} per line." };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "How many runs are in flight at most.", DefaultValueFactory = _ => 8 };
        var output = new Option<string?>("--out", "-o") { Description = "The results file (one JSON line per item; default <batch id>.results.jsonl)." };
        var batchId = new Option<string?>("--batch-id") { Description = "The batch id; the same id resumes the batch (default: the file's name and a hash of its content and the pipeline)." };
        var storage = new Option<string?>("--storage") { Description = "Durable store: 'azurite' or a connection string (default: in memory, nothing to resume)." };
        var pipelines = new Option<string>("--pipelines") { Description = "The pipelines folder.", DefaultValueFactory = _ => "pipelines" };
        var catalog = new Option<string?>("--catalog") { Description = "The model catalog file (default <pipelines>/catalogs/simulated.json)." };
        var queue = new Option<string?>("--queue") { Description = "Submit to the alloy-batch queue instead: 'azurite' or a connection string." };
        var asBlob = new Option<bool>("--as-blob") { Description = "With --queue: upload the items as one JSONL blob and send one message naming it." };
        var command = new Command("batch", "Run every item of a JSONL file through a pipeline (resumable with --storage), or submit it to the alloy-batch queue.")
        {
            pipeline, file, concurrency, output, batchId, storage, pipelines, catalog, queue, asBlob,
        };
        command.SetAction((parse, ct) => BatchRun.RunAsync(
            new BatchRequest
            {
                Pipeline = parse.GetValue(pipeline)!,
                File = parse.GetValue(file)!,
                Concurrency = parse.GetValue(concurrency),
                Out = parse.GetValue(output),
                BatchId = parse.GetValue(batchId),
                Storage = parse.GetValue(storage),
                PipelinesFolder = parse.GetValue(pipelines)!,
                CatalogFile = parse.GetValue(catalog),
                Queue = parse.GetValue(queue),
                AsBlob = parse.GetValue(asBlob),
            },
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ct));
        return command;
    }
}
