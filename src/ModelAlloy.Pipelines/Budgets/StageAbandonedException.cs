namespace ModelAlloy.Pipelines.Budgets;

/// <summary>Stops a stage whose latency budget expired; nobody awaits it, so it never reaches a user.</summary>
internal sealed class StageAbandonedException : Exception
{
    public StageAbandonedException()
        : base("the stage's latency budget expired; its result is ignored")
    {
    }
}
