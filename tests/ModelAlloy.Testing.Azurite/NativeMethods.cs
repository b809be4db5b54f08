using System.Runtime.InteropServices;

namespace ModelAlloy.Testing.Azurite;

internal static partial class NativeMethods
{
    internal const int SigTerm = 15;

    // Process.Kill only sends SIGKILL; a graceful emulator stop needs SIGTERM.
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
