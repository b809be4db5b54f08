using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace ModelAlloy.Models;

/// <summary>
/// The <see cref="IChatClient"/> for Azure OpenAI and OpenAI-compatible endpoints: Microsoft.Extensions.AI.OpenAI's
/// adapter over the SDK's <see cref="ChatClient"/>, with the gateway's two conventions on top: the JSON Schema as
/// written (<see cref="JsonSchemaAsWrittenChatClient"/>) and refusals as the content filter (<see cref="RefusalAsContentFilterChatClient"/>).
/// </summary>
internal static class OpenAIChatClients
{
    public static IChatClient Create(ChatClient client) =>
        new RefusalAsContentFilterChatClient(new JsonSchemaAsWrittenChatClient(client.AsIChatClient()));
}
