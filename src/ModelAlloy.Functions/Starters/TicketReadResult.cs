using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Starters;

/// <summary>A ticket read from a body or a message, or why it could not be.</summary>
/// <param name="Ticket">The ticket, or null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">The reasons by field (<c>id</c>, <c>text</c>, or <c>body</c> for the body as a whole).</param>
internal sealed record TicketReadResult(Ticket? Ticket, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>A result with one error.</summary>
    /// <param name="field">The field.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The result.</returns>
    public static TicketReadResult Invalid(string field, string reason) =>
        new(null, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [reason] });

    /// <summary>Gets the errors as one line: <c>id: is required; text: must not be blank</c>.</summary>
    public string Summary => string.Join("; ", Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
}
