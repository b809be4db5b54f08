namespace ModelAlloy.Models.Tests.Policy;

public sealed class FailureClassifierTests
{
    private readonly SecretRedactor _redactor = new();

    [Theory]
    [InlineData(429, """{"error":{"code":"rate_limit_exceeded","message":"slow"}}""", ModelFailureKind.RateLimited)]
    [InlineData(429, """{"error":{"code":"insufficient_quota","message":"You exceeded your current quota"}}""", ModelFailureKind.Unauthorized)]
    [InlineData(408, "", ModelFailureKind.Timeout)]
    [InlineData(413, "too large", ModelFailureKind.ContextLengthExceeded)]
    [InlineData(400, """{"error":{"code":"context_length_exceeded","message":"maximum context length is 8192"}}""", ModelFailureKind.ContextLengthExceeded)]
    [InlineData(400, """{"error":{"code":"content_filter","message":"filtered"}}""", ModelFailureKind.ContentFiltered)]
    [InlineData(400, """{"error":{"code":"invalid_value","message":"bad temperature"}}""", ModelFailureKind.BadRequest)]
    [InlineData(404, """{"error":{"code":"DeploymentNotFound"}}""", ModelFailureKind.BadRequest)]
    [InlineData(401, "", ModelFailureKind.Unauthorized)]
    [InlineData(403, "", ModelFailureKind.Unauthorized)]
    [InlineData(500, "", ModelFailureKind.ServerError)]
    [InlineData(503, "", ModelFailureKind.ServerError)]
    [InlineData(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", ModelFailureKind.ServerError)]
    public void Status_and_body_decide_the_kind(int status, string body, ModelFailureKind expected)
    {
        Assert.Equal(expected, FailureClassifier.FromStatus(status, body, null, _redactor).Kind);
    }

    [Fact]
    public void Retry_after_is_kept_only_where_a_retry_may_follow()
    {
        TimeSpan hint = TimeSpan.FromSeconds(3);

        Assert.Equal(hint, FailureClassifier.FromStatus(429, "", hint, _redactor).RetryAfter);
        Assert.Equal(hint, FailureClassifier.FromStatus(503, "", hint, _redactor).RetryAfter);
        Assert.Null(FailureClassifier.FromStatus(400, "", hint, _redactor).RetryAfter);
    }

    [Fact]
    public void The_message_carries_the_provider_code_and_text()
    {
        ModelCallFailure failure = FailureClassifier.FromStatus(400, """{"error":{"code":"content_filter","message":"The prompt was filtered"}}""", null, _redactor);

        Assert.Equal("HTTP 400: content_filter: The prompt was filtered", failure.Message);
    }

    [Theory]
    [InlineData(typeof(TimeoutException), ModelFailureKind.Timeout)]
    [InlineData(typeof(TaskCanceledException), ModelFailureKind.Timeout)]
    [InlineData(typeof(HttpRequestException), ModelFailureKind.ServerError)]
    [InlineData(typeof(System.Text.Json.JsonException), ModelFailureKind.MalformedResponse)]
    public void Exceptions_without_a_status_are_classified(Type exceptionType, ModelFailureKind expected)
    {
        var exception = (Exception)Activator.CreateInstance(exceptionType, "x")!;

        Assert.Equal(expected, FailureClassifier.Classify(exception, null, _redactor)!.Kind);
    }

    [Fact]
    public void Bugs_are_not_classified_as_provider_failures()
    {
        Assert.Null(FailureClassifier.Classify(new NullReferenceException(), null, _redactor));
    }

    [Fact]
    public void Retry_after_headers_parse_seconds_dates_and_milliseconds()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage();
        seconds.Headers.TryAddWithoutValidation("Retry-After", "20");
        using var date = new HttpResponseMessage();
        date.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(45).ToString("R"));
        using var millis = new HttpResponseMessage();
        millis.Headers.TryAddWithoutValidation("Retry-After", "20");
        millis.Headers.TryAddWithoutValidation("retry-after-ms", "250");

        Assert.Equal(TimeSpan.FromSeconds(20), ProviderResponseCapture.ParseRetryAfter(seconds.Headers, now));
        Assert.Equal(TimeSpan.FromSeconds(45), ProviderResponseCapture.ParseRetryAfter(date.Headers, now));
        Assert.Equal(TimeSpan.FromMilliseconds(250), ProviderResponseCapture.ParseRetryAfter(millis.Headers, now));
    }
}
