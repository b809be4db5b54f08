using ModelAlloy.Evaluation.Datasets;

namespace ModelAlloy.Evaluation.Tests.SideBySide;

/// <summary>A few support tickets in the samples' shape, labelled with the route support-triage's rules give them.</summary>
internal static class TriageTickets
{
    public const string Jsonl = """
        {"id":"T-1","input":{"subject":"Locked out","body":"I am locked out after three tries","customer":{"tier":"free"}},"labels":["account"],"metadata":{"taskType":"triage"}}
        {"id":"T-2","input":{"subject":"Double charge","body":"I was charged twice, please refund","customer":{"tier":"pro"}},"labels":["billing"],"metadata":{"taskType":"triage"}}
        {"id":"T-3","input":{"subject":"Export","body":"The export fails with an error 500","customer":{"tier":"free"}},"labels":["technical"],"metadata":{"taskType":"triage"}}
        {"id":"T-4","input":{"subject":"SSO","body":"We need help planning our SSO migration","customer":{"tier":"enterprise"}},"labels":["expert"],"metadata":{"taskType":"triage"}}
        {"id":"T-5","input":{"subject":"Idea","body":"Dark mode would be lovely","customer":{"tier":"free"}},"labels":["general"],"metadata":{"taskType":"triage"}}
        {"id":"T-6","input":{"subject":"2FA","body":"My 2fa codes stopped working","customer":{"tier":"pro"}},"labels":["account"],"metadata":{"taskType":"triage"}}
        """;

    public static async Task<EvalDataset> LoadAsync() =>
        new("tickets.jsonl", await JsonlDatasetReader.ReadAsync(new StringReader(Jsonl), "tickets.jsonl"));

    public static string WriteTo(string folder)
    {
        string path = Path.Combine(folder, "tickets.jsonl");
        File.WriteAllText(path, Jsonl);
        return path;
    }
}
