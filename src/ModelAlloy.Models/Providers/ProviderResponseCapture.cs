using System.Net.Http.Headers;

namespace ModelAlloy.Models;

/// <summary>
/// Carries what the HTTP layer saw (status, Retry-After) back to the attempt that made the call, whatever SDK sat
/// in between: the SDKs surface status codes but not always headers. Scoped per attempt through an AsyncLocal.
/// </summary>
internal sealed class ProviderResponseCapture
{
    private static readonly AsyncLocal<ProviderResponseCapture?> CurrentScope = new();

    public int? StatusCode { get; private set; }

    public TimeSpan? RetryAfter { get; private set; }

    public static ProviderResponseCapture? Current => CurrentScope.Value;

    /// <summary>Starts a scope for one attempt; the handler below writes into it.</summary>
    public static ProviderResponseCapture Begin()
    {
        var capture = new ProviderResponseCapture();
        CurrentScope.Value = capture;
        return capture;
    }

    public void Record(HttpResponseMessage response, DateTimeOffset now)
    {
        StatusCode = (int)response.StatusCode;
        RetryAfter = ParseRetryAfter(response.Headers, now);
    }

    internal static TimeSpan? ParseRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        // Azure OpenAI and OpenAI send the finer-grained retry-after-ms alongside Retry-After.
        if (headers.TryGetValues("retry-after-ms", out IEnumerable<string>? ms)
            && double.TryParse(ms.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double millis)
            && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        RetryConditionHeaderValue? retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            TimeSpan wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}

/// <summary>The HTTP handler under every provider client that fills <see cref="ProviderResponseCapture"/>.</summary>
internal sealed class ResponseCaptureHandler(TimeProvider time) : DelegatingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        ProviderResponseCapture.Current?.Record(response, time.GetUtcNow());
        return response;
    }
}
