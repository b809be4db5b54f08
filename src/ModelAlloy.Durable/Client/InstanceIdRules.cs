namespace ModelAlloy.Durable;

/// <summary>
/// What an instance id may be. Ids become Azure Table keys and queue message fields, so the rule is strict and
/// checked at every entry point: 1 to 256 characters of letters, digits and <c>- _ . : @</c>.
/// </summary>
public static class InstanceIdRules
{
    /// <summary>The longest allowed id.</summary>
    public const int MaxLength = 256;

    /// <summary>Throws <see cref="DurableTaskException"/> (<see cref="DurableErrorCodes.InvalidInstanceId"/>) when the id breaks the rule.</summary>
    public static void Validate(string? instanceId)
    {
        if (string.IsNullOrEmpty(instanceId))
        {
            throw Invalid(instanceId ?? "", "it is empty");
        }

        if (instanceId.Length > MaxLength)
        {
            throw Invalid(instanceId[..32] + "…", $"it is {instanceId.Length} characters long; the limit is {MaxLength}");
        }

        foreach (var c in instanceId)
        {
            if (!IsAllowed(c))
            {
                throw Invalid(instanceId, $"character '{(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())}' is not allowed (use letters, digits and - _ . : @)");
            }
        }
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@';

    private static DurableTaskException Invalid(string id, string reason) =>
        new(DurableErrorCodes.InvalidInstanceId, $"Instance id '{id}' is invalid: {reason}.");
}
