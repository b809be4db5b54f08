using System.Net;
using System.Net.Sockets;

namespace ModelAlloy.Testing.Azurite;

/// <summary>
/// Picks loopback ports for servers that bind them later (Azurite takes its ports as arguments, so it cannot bind
/// port 0 and report back). Ports come from below the kernel's ephemeral range: a port the kernel handed out with
/// port 0 is free only until the next outgoing connection takes it as its local port, and test runs open thousands
/// of them (CI once saw Azurite fail with EADDRINUSE that way).
/// </summary>
internal static class LoopbackPorts
{
    private const int FallbackEphemeralLow = 32768;
    private const int LowestPort = 10000;
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port that is free now, outside the ephemeral range, and not handed out before by this process.</summary>
    public static int Next()
    {
        var high = EphemeralLow();
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(LowestPort, high);
                if (!HandedOut.Contains(port) && CanBind(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {LowestPort} and {high} after 200 tries.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range[0], out var low) && low > LowestPort + 1000 ? low : FallbackEphemeralLow;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return FallbackEphemeralLow;
        }
    }
}
