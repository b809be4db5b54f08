namespace ModelAlloy.Models.Tests.Fakes;

/// <summary>One response the fake server plays back: status, body, headers and an optional delay before answering.</summary>
public sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default)
{
    public ScriptedResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers ?? new Dictionary<string, string>()) { [name] = value } };

    public ScriptedResponse After(TimeSpan delay) => this with { Delay = delay };
}

/// <summary>A request the fake server received.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
