using System.Globalization;
using System.Text.Json.Nodes;

namespace ModelAlloy.Samples.Generator;

/// <summary>
/// Requests for provider-fallback: everyday assistant tasks (summarise, rewrite, classify sentiment, extract a date)
/// whose reference is checkable without a model (the expected sentiment, the date in ISO form, the key points a
/// summary must keep). The pipeline's point is that they get answered while a provider is down.
/// </summary>
internal static class FallbackRequests
{
    public const int Count = 40;

    private static readonly (string Text, string Sentiment)[] Reviews =
    [
        ("The delivery was two days late and the box was crushed.", "negative"), ("Setup took five minutes and it just works.", "positive"),
        ("It does the job. Nothing special.", "neutral"), ("Support answered at midnight and fixed it. Impressed.", "positive"),
        ("Stopped charging after a week; the replacement did the same.", "negative"), ("Fine for the price, though the manual is thin.", "neutral"),
    ];

    private static readonly (string Sentence, string Iso)[] Dates =
    [
        ("Let's meet on the third of March 2026 at ten.", "2026-03-03"), ("The lease ends 31 December 2026.", "2026-12-31"),
        ("Payment is due by July 15, 2026.", "2026-07-15"), ("Kick-off is on 2026/05/04, a Monday.", "2026-05-04"),
    ];

    private static readonly (string Notes, string[] Points)[] Meetings =
    [
        ("Anna: launch moves to June because the supplier is late. Ben: marketing budget stays. Chen: hire one more tester.", ["launch moves to June", "budget unchanged", "hire a tester"]),
        ("Team agreed to drop the legacy app in Q3, keep the API for a year, and email all customers next week.", ["drop legacy app in Q3", "API kept a year", "email customers next week"]),
        ("Finance flagged travel costs up 30%; from now on trips over 500 EUR need director approval.", ["travel costs up 30%", "trips over 500 EUR need approval"]),
    ];

    public static IReadOnlyList<JsonObject> Generate()
    {
        var random = new SampleRandom("fallback/requests");
        var items = new List<JsonObject>(Count);
        for (int i = 1; i <= Count; i++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"REQ-{i:D3}");
            switch (random.Next(3))
            {
                case 0:
                    (string review, string sentiment) = random.Pick(Reviews);
                    items.Add(JsonlFile.Item(id, $"Classify the sentiment of this review as positive, negative or neutral: \"{review}\"", sentiment, [sentiment], [("taskType", "sentiment")]));
                    break;
                case 1:
                    (string sentence, string iso) = random.Pick(Dates);
                    items.Add(JsonlFile.Item(id, $"Extract the date from this sentence in YYYY-MM-DD form: \"{sentence}\"", iso, [], [("taskType", "extract-date")]));
                    break;
                default:
                    (string notes, string[] points) = random.Pick(Meetings);
                    var keep = new JsonArray();
                    foreach (string point in points)
                    {
                        keep.Add(point);
                    }

                    items.Add(JsonlFile.Item(id, $"Summarise these meeting notes in two sentences: {notes}", new JsonObject { ["keyPoints"] = keep }, [], [("taskType", "summarize")]));
                    break;
            }
        }

        return items;
    }
}
