using System.Globalization;
using System.Text.Json.Nodes;

namespace ModelAlloy.Samples.Generator;

/// <summary>
/// Product briefs for content-draft: a product, its audience, three facts and a tone. The reference lists what a good
/// 100-word description must contain (every fact, the product name) and must avoid (claims the brief does not make);
/// the label is the tone asked for.
/// </summary>
internal static class Briefs
{
    public const int Count = 40;

    private static readonly (string Product, string Category, string[] Facts)[] Products =
    [
        ("Trailhead 30L", "hiking backpack", ["weighs 1.1 kg", "has a rain cover in the lid", "fits a 15-inch laptop"]),
        ("Lumen Desk Lamp", "LED desk lamp", ["has five colour temperatures", "charges a phone over USB-C", "uses 8 W"]),
        ("BrewMate Pro", "pour-over coffee kettle", ["holds 1 litre", "keeps a set temperature for 30 minutes", "has a gooseneck spout"]),
        ("Quietstep", "running shoe", ["has a recycled-foam midsole", "weighs 240 g", "comes in wide fit"]),
        ("Ledgerly", "bookkeeping app for freelancers", ["reads receipts from photos", "files quarterly VAT returns", "costs 9 a month"]),
        ("Nimbus Pillow", "memory-foam pillow", ["has a washable cover", "comes in two heights", "has a 100-night trial"]),
        ("Sproutbox", "indoor herb garden", ["grows six plants at once", "waters itself for three weeks", "has a grow light on a timer"]),
        ("Atlas Notebook", "reusable smart notebook", ["scans pages to the cloud", "wipes clean with a damp cloth", "has 36 pages"]),
    ];

    private static readonly string[] Audiences = ["busy parents", "students", "small-business owners", "weekend hikers", "remote workers", "first-time buyers"];

    private static readonly string[] Tones = ["friendly", "premium", "playful", "matter-of-fact"];

    public static IReadOnlyList<JsonObject> Generate()
    {
        var random = new SampleRandom("content/briefs");
        var items = new List<JsonObject>(Count);
        for (int i = 1; i <= Count; i++)
        {
            (string product, string category, string[] facts) = random.Pick(Products);
            string audience = random.Pick(Audiences);
            string tone = random.Pick(Tones);
            string channel = random.Pick(new[] { "the product page", "a newsletter", "a marketplace listing" });
            string text = $"{product}, a {category}, for {audience}. Tone: {tone}. For {channel}. Facts: {string.Join("; ", facts)}.";
            var must = new JsonArray { product };
            foreach (string fact in facts)
            {
                must.Add(fact);
            }

            var reference = new JsonObject
            {
                ["mustMention"] = must,
                ["mustNotClaim"] = new JsonArray { "waterproof", "best in the world", "award-winning" },
                ["words"] = 100,
            };

            items.Add(JsonlFile.Item(
                string.Create(CultureInfo.InvariantCulture, $"BRIEF-{i:D3}"),
                text,
                reference,
                [tone],
                [("taskType", "product-description"), ("audience", audience), ("channel", channel)]));
        }

        return items;
    }
}
