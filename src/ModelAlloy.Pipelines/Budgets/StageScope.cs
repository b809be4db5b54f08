namespace ModelAlloy.Pipelines.Budgets;

/// <summary>One stage's run as its model calls see it: abandoned when its latency budget expires.</summary>
internal sealed class StageScope
{
    private readonly CancellationTokenSource _cancel = new();

    public bool Abandoned { get; private set; }

    public CancellationToken Token => _cancel.Token;

    public void Abandon()
    {
        Abandoned = true;
        _cancel.Cancel();
    }

    public void ThrowIfAbandoned()
    {
        if (Abandoned)
        {
            throw new StageAbandonedException();
        }
    }
}
