using System.Text.Json;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Stages;
using ModelAlloy.Pipelines.Validation;

namespace ModelAlloy.Pipelines.Tests.Definitions;

/// <summary>
/// The support-triage sample tickets against the shipped support-triage router: the labels are the router's routes,
/// no rule sends a ticket anywhere but its label (so an edit of the rules or of the templates that breaks the labels
/// fails here), the mix is as documented and the small file is the first 12, covering every route.
/// </summary>
public sealed class SampleTicketsTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples", "support-triage");

    [Fact]
    public void A_rule_that_matches_a_ticket_sends_it_to_its_labelled_route()
    {
        RouterStageDefinition router = Router();
        var byRule = 0;
        foreach (Ticket ticket in Read("tickets.jsonl"))
        {
            Assert.Contains(ticket.Route, router.Routes.Keys);
            RouteRule? rule = router.Rules.FirstOrDefault(r => RuleMatcher.Match(r, ticket.Input) is not null);
            if (rule is not null)
            {
                byRule++;
                Assert.True(rule.Route == ticket.Route, $"{ticket.Id} is labelled {ticket.Route} but rule '{RuleMatcher.Match(rule, ticket.Input)}' routes it to {rule.Route}");
            }
        }

        Assert.InRange(byRule, 100, 400); // rules settle some, the classifier has the rest
    }

    [Fact]
    public void The_mix_is_as_documented_and_the_small_file_is_the_first_twelve_covering_every_route()
    {
        List<Ticket> tickets = Read("tickets.jsonl");
        List<Ticket> small = Read("tickets-small.jsonl");

        Assert.Equal(
            [("account", 200), ("billing", 125), ("technical", 100), ("general", 50), ("expert", 25)],
            tickets.GroupBy(t => t.Route).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2));
        Assert.Equal(tickets.Take(12).Select(t => t.Id), small.Select(t => t.Id));
        Assert.Equal(Router().Routes.Keys.Order(StringComparer.Ordinal), small.Select(t => t.Route).Distinct().Order(StringComparer.Ordinal));
    }

    private static RouterStageDefinition Router()
    {
        string file = Path.Combine(AppContext.BaseDirectory, "pipelines", "support-triage.json");
        PipelineParseResult parsed = PipelineDefinitionParser.Parse(new PipelineDocument(file, File.ReadAllText(file)), catalog: null);
        return Assert.IsType<RouterStageDefinition>(parsed.Definition!.Stages[0]);
    }

    private static List<Ticket> Read(string file) =>
        [.. File.ReadLines(Path.Combine(Samples, file)).Where(l => l.Length > 0).Select(line =>
        {
            using JsonDocument item = JsonDocument.Parse(line);
            JsonElement root = item.RootElement;
            return new Ticket(root.GetProperty("id").GetString()!, root.GetProperty("input").GetRawText(), root.GetProperty("reference").GetString()!);
        })];

    private sealed record Ticket(string Id, string Input, string Route);
}
