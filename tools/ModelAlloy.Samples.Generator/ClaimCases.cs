using System.Globalization;
using System.Text.Json.Nodes;

namespace ModelAlloy.Samples.Generator;

/// <summary>
/// Insurance claims for high-stakes-ensemble, labelled approve, deny or investigate by a written rule over the case's
/// facts (kept in the metadata): a covered peril with a documented loss under the limit is approved; an excluded peril
/// or a lapsed policy is denied; anything with a red flag (a claim within 30 days of the policy starting, a loss above
/// the limit, missing documents, a prior claim for the same item) is investigated. Cases with a red flag on an
/// otherwise clear case are marked ambiguous: the ones where models are expected to disagree and a person reviews.
/// </summary>
internal static class ClaimCases
{
    public const int Count = 60;

    private static readonly (string Peril, bool Covered)[] Perils =
    [
        ("burst pipe flooded the kitchen", true), ("storm blew in two windows", true), ("laptop stolen from a locked car", true),
        ("kitchen fire from a pan", true), ("gradual damp in the basement over years", false), ("wear and tear on the roof", false),
        ("phone dropped while abroad, no travel cover", false), ("burglary through a forced back door", true),
    ];

    public static IReadOnlyList<JsonObject> Generate()
    {
        var random = new SampleRandom("ensemble/cases");
        var items = new List<JsonObject>(Count);
        for (int i = 1; i <= Count; i++)
        {
            (string peril, bool covered) = random.Pick(Perils);
            int limit = random.Pick(new[] { 5000, 10000, 25000 });
            int loss = random.Between(300, 30000) / 50 * 50;
            bool lapsed = random.Chance(8);
            int daysSinceStart = random.Chance(12) ? random.Between(3, 29) : random.Between(60, 1500);
            bool documents = random.Chance(85);
            bool priorClaim = random.Chance(8);
            var flags = new List<string>();
            if (daysSinceStart < 30)
            {
                flags.Add("claim within 30 days of the policy start");
            }

            if (loss > limit)
            {
                flags.Add("loss above the limit");
            }

            if (!documents)
            {
                flags.Add("no receipts or photos");
            }

            if (priorClaim)
            {
                flags.Add("prior claim for the same item");
            }

            string label = !covered || lapsed ? "deny" : flags.Count > 0 ? "investigate" : "approve";
            bool ambiguous = covered && !lapsed && flags.Count == 1;
            string text =
                $"Claim {i:D3}. Policyholder reports: {peril}. Claimed loss: {loss.ToString("N0", CultureInfo.InvariantCulture)} EUR; policy limit {limit.ToString("N0", CultureInfo.InvariantCulture)} EUR. " +
                $"Policy {(lapsed ? "lapsed last month for non-payment" : "is in force")}, started {daysSinceStart} days before the loss. " +
                $"{(documents ? "Receipts and photos attached." : "No receipts or photos yet.")}" +
                $"{(priorClaim ? " A claim for the same item was paid two years ago." : string.Empty)}";
            string rule = !covered ? "excluded peril" : lapsed ? "policy lapsed" : flags.Count > 0 ? string.Join("; ", flags) : "covered, documented, within limit";

            items.Add(JsonlFile.Item(
                string.Create(CultureInfo.InvariantCulture, $"CLAIM-{i:D3}"),
                text,
                label,
                [label],
                [("taskType", "claim-label"), ("rule", rule), ("ambiguous", ambiguous ? "true" : "false")]));
        }

        return items;
    }
}
