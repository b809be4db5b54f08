using System.Security.Cryptography;
using System.Text;

namespace ModelAlloy.Durable.Replay;

/// <summary>Name-based (version 5 style) GUIDs, identical on every replay of the same orchestration step.</summary>
internal static class DeterministicGuid
{
    public static Guid Create(string name)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Encoding.UTF8.GetBytes(name), hash);
        Span<byte> bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
