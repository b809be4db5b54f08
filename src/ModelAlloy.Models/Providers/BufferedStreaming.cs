using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ModelAlloy.Models;

/// <summary>
/// Streaming for the simulated IChatClient, served from one complete response (the provider SDKs stream for real): the gateway records one ledger row per
/// complete answer and checks quality on the whole of it, so it never consumes partial answers.
/// </summary>
internal static class BufferedStreaming
{
    public static async IAsyncEnumerable<ChatResponseUpdate> FromAsync(
        Task<ChatResponse> response, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse complete = await response.ConfigureAwait(false);
        foreach (ChatResponseUpdate update in complete.ToChatResponseUpdates())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }
    }
}
