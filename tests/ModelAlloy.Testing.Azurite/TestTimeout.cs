using System.Diagnostics;

namespace ModelAlloy.Testing.Azurite;

/// <summary>A per-test deadline so nothing hangs CI (ten minutes under a debugger), shared by every test project.</summary>
public static class TestTimeout
{
    /// <summary>Returns a token cancelled after <paramref name="seconds"/>.</summary>
    public static CancellationToken Token(int seconds = 30) =>
        new CancellationTokenSource(Debugger.IsAttached ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(seconds)).Token;
}
