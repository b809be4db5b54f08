using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using NJsonSchema.Generation;

namespace ModelAlloy.Models;

/// <summary>
/// A deterministic model for demos, load and fault tests. The answer depends only on (model, prompt); whether an
/// attempt fails (429, 500, timeout) or answers badly depends on (model, prompt, attempt), so retries can succeed
/// and a scenario replays identically. Every answer is marked simulated.
/// </summary>
internal sealed class SimulatedChatClient(ModelDefinition model, TimeProvider time) : IChatClient
{
    /// <summary>The ChatOptions additional property carrying the attempt number.</summary>
    internal const string AttemptProperty = "alloy.attempt";

    /// <summary>The ChatResponse additional property that marks simulated output.</summary>
    internal const string SimulatedProperty = "alloy.simulated";

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        List<ChatMessage> list = messages.ToList();
        string prompt = string.Join("\n", list.Select(m => $"{m.Role.Value}: {m.Text}"));
        int attempt = options?.AdditionalProperties?.TryGetValue(AttemptProperty, out object? value) == true ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : 1;
        SimulationProfile profile = model.Simulation;
        if (profile.LatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(profile.LatencyMs), time, cancellationToken).ConfigureAwait(false);
        }

        double failureDraw = Draw($"{model.Id}\n{prompt}\n{attempt}\nfailure");
        if (failureDraw < profile.RateLimitRate)
        {
            throw new SimulatedProviderException(429, "simulated rate limit", TimeSpan.FromSeconds(profile.RetryAfterSeconds));
        }

        if (failureDraw < profile.RateLimitRate + profile.ServerErrorRate)
        {
            throw new SimulatedProviderException(500, "simulated server error");
        }

        if (failureDraw < profile.RateLimitRate + profile.ServerErrorRate + profile.TimeoutRate)
        {
            throw new TimeoutException("simulated timeout");
        }

        bool goodAnswer = Draw($"{model.Id}\n{prompt}\n{attempt}\nquality") < profile.Quality;
        string text = Answer(prompt, options?.ResponseFormat as ChatResponseFormatJson, goodAnswer);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = model.DeploymentOrId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = list.Sum(m => TokenEstimator.CountText(m.Text) + 4) + 3,
                OutputTokenCount = TokenEstimator.CountText(text),
            },
            AdditionalProperties = new AdditionalPropertiesDictionary { [SimulatedProperty] = true },
        };
        return response;
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        BufferedStreaming.FromAsync(GetResponseAsync(messages, options, cancellationToken), cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private string Answer(string prompt, ChatResponseFormatJson? json, bool good)
    {
        if (json is not null)
        {
            if (!good)
            {
                return "{\"simulated\": true, \"truncated\": ";
            }

            return json.Schema is { } schema
                ? new SampleJsonDataGenerator().Generate(StructuredOutputValidator.Parse(schema.GetRawText())).ToString(Newtonsoft.Json.Formatting.None)
                : "{\"simulated\":true}";
        }

        if (!good)
        {
            return string.Empty;
        }

        string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model.Id + "\n" + prompt)))[..8];
        return $"[simulated:{model.Id}] answer {digest} to: {Shorten(prompt)}";
    }

    private static string Shorten(string prompt)
    {
        string lastLine = prompt[(prompt.LastIndexOf('\n') + 1)..];
        return lastLine.Length <= 80 ? lastLine : lastLine[..80] + "...";
    }

    private static double Draw(string seed)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
    }
}
