using System.Globalization;
using System.Text.Json.Nodes;

namespace ModelAlloy.Samples.Generator;

/// <summary>
/// Short service contracts for extraction: the reference holds the parties, effective date, term in months, annual
/// value, currency, governing law and whether it renews automatically; the label is "standard" when the terms are
/// within the playbook (term 12-36 months, no auto-renewal longer than 12 months, liability cap at least the annual
/// value) and "review" otherwise.
/// </summary>
internal static class Contracts
{
    public const int Count = 30;

    private static readonly string[] Customers = ["Northwind Traders Ltd", "Contoso Retail GmbH", "Fabrikam Health BV", "Tailspin Toys Inc.", "Litware Media SA"];

    private static readonly string[] Suppliers = ["Cobalt Cloud Hosting Ltd", "Granite IT Services Inc.", "Brightline Logistics AB", "Foxglove Consulting LLP"];

    private static readonly string[] Laws = ["England and Wales", "the State of New York", "the Netherlands", "Germany", "Sweden"];

    public static IReadOnlyList<JsonObject> Generate()
    {
        var random = new SampleRandom("documents/contracts");
        var items = new List<JsonObject>(Count);
        for (int i = 1; i <= Count; i++)
        {
            string customer = random.Pick(Customers);
            string supplier = random.Pick(Suppliers);
            var effective = new DateOnly(2026, random.Between(1, 12), 1);
            int term = random.Pick(new[] { 6, 12, 24, 36, 48 });
            int value = random.Between(12, 240) * 1000;
            string currency = random.Pick(Phrases.Currencies);
            string law = random.Pick(Laws);
            bool autoRenew = random.Chance(50);
            int renewalMonths = autoRenew ? random.Pick(new[] { 12, 24 }) : 0;
            int capPercent = random.Pick(new[] { 50, 100, 100, 150, 200 });
            bool standard = term is >= 12 and <= 36 && renewalMonths <= 12 && capPercent >= 100;
            string renewal = autoRenew
                ? $"This Agreement renews automatically for successive periods of {renewalMonths} months unless either party gives 90 days' written notice."
                : "This Agreement ends at the end of the Initial Term unless the parties agree otherwise in writing.";
            string text =
                $"SERVICES AGREEMENT\n\nThis agreement is made on {effective.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} between {customer} (the \"Customer\") and {supplier} (the \"Supplier\").\n\n" +
                $"1. Term. The Initial Term is {term} months from the Effective Date. {renewal}\n" +
                $"2. Fees. The Customer pays the Supplier {currency} {value.ToString("N0", CultureInfo.InvariantCulture)} per year, invoiced quarterly in advance.\n" +
                $"3. Liability. Each party's total liability is capped at {capPercent}% of the annual fees.\n" +
                $"4. Governing law. This Agreement is governed by the laws of {law}.";
            var reference = new JsonObject
            {
                ["customer"] = customer,
                ["supplier"] = supplier,
                ["effectiveDate"] = effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["termMonths"] = term,
                ["annualValue"] = value,
                ["currency"] = currency,
                ["autoRenews"] = autoRenew,
                ["liabilityCapPercent"] = capPercent,
                ["governingLaw"] = law,
            };

            items.Add(JsonlFile.Item(
                string.Create(CultureInfo.InvariantCulture, $"CON-{i:D3}"),
                text,
                reference,
                [standard ? "standard" : "review"],
                [("taskType", "extract-contract")]));
        }

        return items;
    }
}
