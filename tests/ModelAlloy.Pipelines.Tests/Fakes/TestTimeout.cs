using System.Diagnostics;

namespace ModelAlloy.Pipelines.Tests.Fakes;

/// <summary>A per-test deadline so nothing hangs CI (longer under a debugger).</summary>
public static class TestTimeout
{
    public static CancellationToken Token() =>
        new CancellationTokenSource(Debugger.IsAttached ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(30)).Token;
}
