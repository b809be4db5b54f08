using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace ModelAlloy.Models;

/// <summary>
/// Reports an OpenAI refusal (the <c>refusal</c> field, finish reason "stop") as <see cref="ChatFinishReason.ContentFilter"/>,
/// so the gateway moves down the chain as it does for a filtered answer instead of calling it an empty answer.
/// M.E.AI.OpenAI surfaces a refusal as an <see cref="ErrorContent"/> with error code "Refusal"; when streaming it
/// does so only beside tool calls, so there the raw update is read too.
/// </summary>
internal sealed class RefusalAsContentFilterChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <summary>The error code M.E.AI.OpenAI gives a refusal's <see cref="ErrorContent"/>.</summary>
    internal const string RefusalErrorCode = "Refusal";

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        if (response.RawRepresentation is ChatCompletion { Refusal: not null } || response.Messages.Any(m => HasRefusal(m.Contents)))
        {
            response.FinishReason = ChatFinishReason.ContentFilter;
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Updates after the refusal carry it too: a merged response takes the last finish reason ("stop" otherwise).
        bool refused = false;
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            refused |= update.RawRepresentation is StreamingChatCompletionUpdate { RefusalUpdate.Length: > 0 } || HasRefusal(update.Contents);
            if (refused)
            {
                update.FinishReason = ChatFinishReason.ContentFilter;
            }

            yield return update;
        }
    }

    private static bool HasRefusal(IList<AIContent> contents) =>
        contents.Any(c => c is ErrorContent { ErrorCode: RefusalErrorCode });
}
