namespace ModelAlloy.Samples.Generator;

/// <summary>Shared fillers for templates: names, greetings, sign-offs, products, amounts.</summary>
internal static class Phrases
{
    public static readonly string[] FirstNames =
    [
        "Ana", "Ben", "Chen", "Dara", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Maya", "Noor",
        "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Yara", "Zoe",
    ];

    public static readonly string[] LastNames =
    [
        "Alvarez", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Gupta", "Haddad", "Ito", "Jansen", "Kowalski",
        "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Schmidt", "Tanaka", "Varga", "Weber", "Young",
    ];

    public static readonly string[] Greetings = ["", "Hi,", "Hello,", "Hi team,", "Hello support,", "Hey there,", "Good morning,", "Dear support team,"];

    public static readonly string[] SignOffs = ["", "Thanks", "Thank you!", "Regards, {name}", "Cheers, {name}", "Thanks in advance, {name}", "Best, {name}", "— {name}"];

    public static readonly string[] Devices = ["iPhone", "Android phone", "iPad", "Windows laptop", "MacBook", "Chromebook"];

    public static readonly string[] Browsers = ["Chrome", "Firefox", "Safari", "Edge"];

    public static readonly string[] Features = ["reports", "the dashboard", "CSV export", "the mobile app", "shared folders", "the calendar sync", "webhooks", "the search page"];

    public static readonly string[] Plans = ["Starter", "Team", "Business"];

    public static readonly string[] Currencies = ["USD", "EUR", "GBP"];

    public static string Name(SampleRandom random) => $"{random.Pick(FirstNames)} {random.Pick(LastNames)}";

    public static string Money(SampleRandom random, int min, int max) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{random.Between(min, max)}.{random.Pick(new[] { "00", "99", "50", "49" })}");

    /// <summary>Fills {slot}s from the given values; unknown slots stay as written (a generator bug shows in the output).</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        string text = template;
        foreach ((string key, string value) in values)
        {
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return text;
    }
}
