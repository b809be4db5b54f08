namespace ModelAlloy.Samples.Generator;

/// <summary>One way a kind of ticket is written: its topic, subject and body with {slots}, and how hard it is (1-5).</summary>
internal sealed record TicketTemplate(string Topic, string Subject, string Body, int MinComplexity, int MaxComplexity);
