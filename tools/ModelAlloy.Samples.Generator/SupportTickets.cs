using System.Globalization;
using System.Text.Json.Nodes;

namespace ModelAlloy.Samples.Generator;

/// <summary>
/// The support-triage tickets: 500 items, 40% account, 25% billing, 20% technical, 10% general, 5% expert (half from
/// enterprise customers, whom the router's field rule sends to the expert route, half complex tickets at 4-5 that the
/// classifier's threshold sends there). The reference is the route the ticket should take. The first 12 cover every
/// route (tickets-small.jsonl).
/// </summary>
internal static class SupportTickets
{
    public const int Count = 500;

    private static readonly string[] Prefix = ["account", "billing", "technical", "general", "expert", "account", "billing", "technical", "account", "expert", "general", "account"];

    private static readonly (string Route, int Count)[] Mix = [("account", 200), ("billing", 125), ("technical", 100), ("general", 50), ("expert", 25)];

    public static IReadOnlyList<JsonObject> Generate()
    {
        var random = new SampleRandom("support-triage");
        var routes = new List<string>();
        foreach ((string route, int count) in Mix)
        {
            int inPrefix = Prefix.Count(p => p == route);
            routes.AddRange(Enumerable.Repeat(route, count - inPrefix));
        }

        random.Shuffle(routes);
        routes.InsertRange(0, Prefix);

        var items = new List<JsonObject>(Count);
        int expertSeen = 0;
        for (int i = 0; i < routes.Count; i++)
        {
            string route = routes[i];
            bool enterprise = route == "expert" && expertSeen++ % 2 == 0;
            items.Add(Ticket(random, i + 1, route, enterprise));
        }

        return items;
    }

    private static JsonObject Ticket(SampleRandom random, int number, string route, bool enterprise)
    {
        TicketTemplate template = route switch
        {
            "account" => random.Pick(TicketTemplates.Account),
            "billing" => random.Pick(TicketTemplates.Billing),
            "technical" => random.Pick(TicketTemplates.Technical),
            "general" => random.Pick(TicketTemplates.General),
            _ when enterprise => random.Pick(random.Pick(new[] { TicketTemplates.Account, TicketTemplates.Billing, TicketTemplates.Technical, TicketTemplates.Complex })),
            _ => random.Pick(TicketTemplates.Complex),
        };

        string tier = enterprise ? "enterprise" : random.Chance(60) ? "free" : "pro";
        if (template.MinComplexity >= 4 && !enterprise)
        {
            tier = "pro";
        }

        int complexity = random.Between(template.MinComplexity, template.MaxComplexity);
        string name = Phrases.Name(random);
        Dictionary<string, string> slots = Slots(random, name);
        string subject = Phrases.Fill(template.Subject, slots);
        string body = Phrases.Fill(template.Body, slots);
        string greeting = random.Pick(Phrases.Greetings);
        string signOff = Phrases.Fill(random.Pick(Phrases.SignOffs), slots);
        string text = string.Join(" ", new[] { greeting, body, signOff }.Where(s => s.Length > 0));
        if (random.Chance(15))
        {
            text = text.ToLowerInvariant();
        }

        var input = new JsonObject
        {
            ["subject"] = subject,
            ["body"] = text,
            ["customer"] = new JsonObject
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"C-{random.Between(10000, 99999)}"),
                ["name"] = name,
                ["tier"] = tier,
            },
        };

        return JsonlFile.Item(
            string.Create(CultureInfo.InvariantCulture, $"T-{number:D4}"),
            input,
            route,
            [route],
            [
                ("taskType", "triage"),
                ("complexity", complexity.ToString(CultureInfo.InvariantCulture)),
                ("tier", tier),
                ("topic", template.Topic),
                ("labelledBy", enterprise ? "enterprise-tier" : template.MinComplexity >= 4 ? "complexity" : "topic"),
            ]);
    }

    private static Dictionary<string, string> Slots(SampleRandom random, string name)
    {
        string plan = random.Pick(Phrases.Plans);
        return new Dictionary<string, string>
        {
            ["name"] = name.Split(' ')[0],
            ["email"] = name.ToLowerInvariant().Replace(' ', '.') + "@example.com",
            ["n"] = random.Between(2, 5).ToString(CultureInfo.InvariantCulture),
            ["device"] = random.Pick(Phrases.Devices),
            ["browser"] = random.Pick(Phrases.Browsers),
            ["day"] = random.Pick(new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }),
            ["date"] = string.Create(CultureInfo.InvariantCulture, $"2026-{random.Between(1, 11):D2}-{random.Between(1, 28):D2}"),
            ["month"] = random.Pick(new[] { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October" }),
            ["plan"] = plan,
            ["plan2"] = Phrases.Plans[(Array.IndexOf(Phrases.Plans, plan) + 1) % Phrases.Plans.Length],
            ["currency"] = random.Pick(Phrases.Currencies),
            ["amount"] = Phrases.Money(random, 9, 480),
            ["seats"] = random.Between(5, 400).ToString(CultureInfo.InvariantCulture),
            ["company"] = random.Pick(new[] { "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware" }),
            ["feature"] = random.Pick(Phrases.Features),
            ["code"] = string.Create(CultureInfo.InvariantCulture, $"E-{random.Between(1000, 5999)}"),
            ["time"] = string.Create(CultureInfo.InvariantCulture, $"{random.Between(7, 17)}:{random.Pick(new[] { "05", "20", "40", "55" })} CET"),
            ["agent"] = random.Pick(Phrases.FirstNames),
        };
    }
}
