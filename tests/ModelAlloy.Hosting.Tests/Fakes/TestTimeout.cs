using System.Diagnostics;

namespace ModelAlloy.Hosting.Tests.Fakes;

/// <summary>A per-test deadline so nothing hangs CI (longer under a debugger).</summary>
public static class TestTimeout
{
    public static CancellationToken Token(int seconds = 30) =>
        new CancellationTokenSource(Debugger.IsAttached ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(seconds)).Token;
}
