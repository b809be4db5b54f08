using System.Globalization;
using System.Text.Json.Nodes;

namespace ModelAlloy.Samples.Generator;

/// <summary>
/// Invoices for document-extract: the text as a vendor would send it (four layouts), the reference being the fields the
/// extractor must return (vendor, total, currency, dueDate; the pipeline's JSON Schema), and the label the decision
/// accounts payable should reach: "approve" when a PO number is quoted and the total is within the PO's amount,
/// "hold" otherwise (no PO, or over the PO). The rule is in the metadata so a reader can check every label.
/// </summary>
internal static class Invoices
{
    public const int Count = 60;

    private static readonly string[] Vendors = ["Acme Office Supply", "Brightline Logistics", "Cobalt Cloud Hosting", "Delta Print Works", "Evergreen Facilities", "Foxglove Consulting", "Granite IT Services", "Harbor Catering"];

    private static readonly (string Item, int Min, int Max)[] Lines = [("Printer paper, 20 boxes", 80, 160), ("Courier services", 40, 400), ("Server hosting (monthly)", 300, 2400), ("Brochure printing", 200, 1500), ("Office cleaning", 400, 1200), ("Consulting hours", 900, 6000), ("Laptop repair", 90, 600), ("Team lunch catering", 150, 900)];

    public static IReadOnlyList<JsonObject> Generate()
    {
        var random = new SampleRandom("documents/invoices");
        var items = new List<JsonObject>(Count);
        for (int i = 1; i <= Count; i++)
        {
            string vendor = random.Pick(Vendors);
            string currency = random.Pick(Phrases.Currencies);
            int lineCount = random.Between(1, 3);
            var lines = new List<(string Item, decimal Amount)>();
            for (int l = 0; l < lineCount; l++)
            {
                (string item, int min, int max) = random.Pick(Lines);
                lines.Add((item, random.Between(min, max) + (random.Between(0, 3) * 0.25m)));
            }

            decimal subtotal = lines.Sum(l => l.Amount);
            decimal tax = Math.Round(subtotal * 0.2m, 2);
            decimal total = subtotal + tax;
            string number = string.Create(CultureInfo.InvariantCulture, $"INV-{random.Between(1000, 9999)}");
            var issued = new DateOnly(2026, random.Between(1, 10), random.Between(1, 28));
            DateOnly due = issued.AddDays(random.Pick(new[] { 14, 30, 45 }));
            bool hasPo = random.Chance(75);
            string? po = hasPo ? string.Create(CultureInfo.InvariantCulture, $"PO-{random.Between(20000, 29999)}") : null;
            decimal poAmount = hasPo ? (random.Chance(80) ? Math.Ceiling(total / 100m) * 100m : Math.Floor(total * 0.8m / 100m) * 100m) : 0m;
            string decision = hasPo && total <= poAmount ? "approve" : "hold";
            string reason = !hasPo ? "no PO number" : total <= poAmount ? "within the PO amount" : "total exceeds the PO amount";

            string text = Layout(random.Next(4), vendor, number, issued, due, currency, lines, subtotal, tax, total, po, poAmount);
            var reference = new JsonObject
            {
                ["vendor"] = vendor,
                ["total"] = total,
                ["currency"] = currency,
                ["dueDate"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };

            items.Add(JsonlFile.Item(
                string.Create(CultureInfo.InvariantCulture, $"INV-{i:D3}"),
                text,
                reference,
                [decision],
                [("taskType", "extract-invoice"), ("decisionRule", reason), ("lines", lineCount.ToString(CultureInfo.InvariantCulture))]));
        }

        return items;
    }

    private static string Layout(int layout, string vendor, string number, DateOnly issued, DateOnly due, string currency,
        List<(string Item, decimal Amount)> lines, decimal subtotal, decimal tax, decimal total, string? po, decimal poAmount)
    {
        static string M(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
        string D(DateOnly d, string format) => d.ToString(format, CultureInfo.InvariantCulture);
        string poLine = po is null ? string.Empty : $"\nYour reference: {po} (approved amount {currency} {M(poAmount)})";
        string lineText = string.Join("\n", lines.Select(l => $"  {l.Item,-28} {M(l.Amount),10}"));
        return layout switch
        {
            0 => $"INVOICE {number}\nFrom: {vendor}\nDate: {D(issued, "yyyy-MM-dd")}\nDue: {D(due, "yyyy-MM-dd")}{poLine}\n\n{lineText}\n\nSubtotal {M(subtotal)}\nVAT 20% {M(tax)}\nTotal due: {currency} {M(total)}",
            1 => $"{vendor.ToUpperInvariant()}\nInvoice no. {number}, issued {D(issued, "d MMMM yyyy")}{poLine}\n\n{lineText}\n\nNet {M(subtotal)} + tax {M(tax)} = {M(total)} {currency}\nPlease pay by {D(due, "d MMMM yyyy")}.",
            2 => $"Dear customer,\n\nplease find below our invoice {number} for services rendered.{poLine}\n\n{lineText}\n\nAmount payable: {M(total)} {currency} (incl. {M(tax)} tax), due on {D(due, "MMMM d, yyyy")}.\n\nKind regards,\n{vendor}",
            _ => $"{vendor} | {number} | issued {D(issued, "dd/MM/yyyy")} | payment terms: due {D(due, "dd/MM/yyyy")}{poLine}\n{lineText}\nTOTAL {currency} {M(total)} (tax {M(tax)})",
        };
    }
}
