using System.Collections.Concurrent;
using Azure.Core;

namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>A token credential that hands out a fixed token and records the scopes it was asked for.</summary>
public sealed class FakeTokenCredential(string token) : TokenCredential
{
    private readonly ConcurrentQueue<string[]> _requests = new();

    public IReadOnlyList<string[]> Requests => _requests.ToArray();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _requests.Enqueue(requestContext.Scopes);
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
