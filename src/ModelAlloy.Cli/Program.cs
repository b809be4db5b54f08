using ModelAlloy.Cli.Commands;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var command = args.Length > 0 ? args[0] : "help";
return command switch
{
    "demo" => await DemoCommand.RunAsync(Console.Out, cancel.Token),
    "costs" => await CostsCommand.RunAsync(args[1..], Console.Out, Console.Error, cancel.Token),
    "eval" => await EvalCommand.RunAsync(args[1..], Console.Out, Console.Error, cancel.Token),
    "help" or "--help" or "-h" => Help(0),
    _ => Help(2, $"Unknown command '{command}'."),
};

static int Help(int code, string? error = null)
{
    var writer = code == 0 ? Console.Out : Console.Error;
    if (error is not null)
    {
        writer.WriteLine(error);
    }

    writer.WriteLine("""
        alloy — ModelAlloy command line

        Commands:
          demo      Run the sample orchestration end to end (self-hosted worker, in memory) and print its result and history.
          costs     Model cost report: 'costs demo [--week-start yyyy-MM-dd]' (a simulated week through the real
                    gateway and ledger) or 'costs ledger [--from d] [--to d]' (the Table Storage ledger in
                    MODELALLOY_STORAGE_CONNECTION). '--html <file>' also writes the cost dashboard page
                    ('costs ledger --html <file> --catalog models.json' adds tiers and the baseline).
          eval      Routing evaluation on recorded outcomes: 'eval replay [--data DIR] [--seeds N] [--out DIR]' (RouteLLM's
                    APGR/CPT table for random, oracle, rules and the learned router, plus the curve plot) or
                    'eval train-router [--out FILE]' (train, validate and save the learned router).
          help      Show this help.
        """);
    return code;
}
