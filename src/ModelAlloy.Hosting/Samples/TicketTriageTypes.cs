namespace ModelAlloy.Hosting.Samples;

/// <summary>A support ticket.</summary>
/// <param name="Id">The ticket id (1–64 letters, digits, '-', '_').</param>
/// <param name="Text">The customer's text.</param>
public sealed record Ticket(string Id, string Text);

/// <summary>The triage step's verdict.</summary>
/// <param name="Category">billing, technical or general.</param>
/// <param name="Complexity">1 (simple) to 5.</param>
public sealed record TicketClassification(string Category, int Complexity);

/// <summary>One specialist's input.</summary>
/// <param name="Specialist">The specialist.</param>
/// <param name="Ticket">The ticket.</param>
public sealed record SpecialistRequest(string Specialist, Ticket Ticket);

/// <summary>The lookup's input.</summary>
/// <param name="RunId">The orchestration instance.</param>
/// <param name="TicketId">The ticket.</param>
public sealed record LookupRequest(string RunId, string TicketId);

/// <summary>The orchestration's output.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Category">The category.</param>
/// <param name="Complexity">The complexity.</param>
/// <param name="Findings">The specialists' findings and the lookup.</param>
/// <param name="Reply">The composed reply.</param>
public sealed record TicketAnswer(string TicketId, string Category, int Complexity, IReadOnlyList<string> Findings, string Reply);
