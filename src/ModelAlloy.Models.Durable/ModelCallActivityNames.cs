namespace ModelAlloy.Models.Durable;

/// <summary>
/// The names under which the model-call activities are registered. Every host registers them under exactly these
/// names: the self-hosted worker through <see cref="ModelCallRegistryExtensions.AddModelGatewayActivities"/>, the
/// Functions app as <c>[Function]</c> wrappers (a test checks its metadata against <see cref="All"/>).
/// </summary>
public static class ModelCallActivityNames
{
    /// <summary>
    /// Opens a call: resolves the request into a plan (recorded in history, so a catalog change cannot break replay)
    /// and runs the plan's first attempt, so a call that succeeds first time is one activity.
    /// </summary>
    public const string Open = "ModelAlloy_Models_Open";

    /// <summary>Calls a provider once more (a retry or a fallback) and records the attempt in the cost ledger.</summary>
    public const string Attempt = "ModelAlloy_Models_Attempt";

    /// <summary>Gets every model-call activity name.</summary>
    public static IReadOnlyList<string> All { get; } = [Open, Attempt];
}
