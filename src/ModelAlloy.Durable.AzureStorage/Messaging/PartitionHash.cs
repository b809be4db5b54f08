using System.Text;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>Maps an instance id to its partition with FNV-1a over UTF-8: stable across processes and versions.</summary>
internal static class PartitionHash
{
    public static int Of(string instanceId, int partitionCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitionCount);
    }
}
