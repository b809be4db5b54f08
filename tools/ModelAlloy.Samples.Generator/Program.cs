using ModelAlloy.Samples.Generator;

// Writes every dataset under the folder given (default: samples/). Deterministic: one fixed seed, no clock, no
// environment; running it twice gives the same bytes.
string root = args.Length > 0 ? args[0] : "samples";
if (args is ["--help" or "-h", ..])
{
    Console.WriteLine("usage: dotnet run --project tools/ModelAlloy.Samples.Generator -- [folder]   (default: samples)");
    return 0;
}

IReadOnlyList<System.Text.Json.Nodes.JsonObject> tickets = SupportTickets.Generate();
var files = new (string Path, IEnumerable<System.Text.Json.Nodes.JsonObject> Items)[]
{
    ("support-triage/tickets.jsonl", tickets),
    ("support-triage/tickets-small.jsonl", tickets.Take(12).Select(t => (System.Text.Json.Nodes.JsonObject)t.DeepClone())),
    ("documents/invoices.jsonl", Invoices.Generate()),
    ("documents/contracts.jsonl", Contracts.Generate()),
    ("content/briefs.jsonl", Briefs.Generate()),
    ("ensemble/cases.jsonl", ClaimCases.Generate()),
    ("fallback/requests.jsonl", FallbackRequests.Generate()),
};

foreach ((string path, IEnumerable<System.Text.Json.Nodes.JsonObject> items) in files)
{
    string full = Path.Combine(root, path);
    var list = items.ToList();
    JsonlFile.Write(full, list);
    Console.WriteLine($"{full}: {list.Count} items");
}

return 0;
