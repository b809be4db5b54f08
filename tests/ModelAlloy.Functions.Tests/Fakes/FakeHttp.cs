using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace ModelAlloy.Functions.Tests.Fakes;

/// <summary>An HTTP request as the worker hands it to a function.</summary>
public sealed class FakeHttpRequestData(FunctionContext context, Uri url, Stream body, string method = "POST") : HttpRequestData(context)
{
    public override Stream Body => body;

    public override HttpHeadersCollection Headers { get; } = new();

    public override IReadOnlyCollection<IHttpCookie> Cookies => [];

    public override Uri Url => url;

    public override IEnumerable<ClaimsIdentity> Identities => [];

    public override string Method => method;

    public static FakeHttpRequestData Post(FunctionContext context, string url, string body) =>
        new(context, new Uri(url), new MemoryStream(Encoding.UTF8.GetBytes(body)));

    public override HttpResponseData CreateResponse() => new FakeHttpResponseData(FunctionContext);
}

/// <summary>The response a function returns, its body kept in memory.</summary>
public sealed class FakeHttpResponseData(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; } = HttpStatusCode.OK;

    public override HttpHeadersCollection Headers { get; set; } = new();

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies { get; } = new FakeHttpCookies();

    private sealed class FakeHttpCookies : HttpCookies
    {
        public override void Append(string name, string value) => throw new NotSupportedException();

        public override void Append(IHttpCookie cookie) => throw new NotSupportedException();

        public override IHttpCookie CreateNew() => throw new NotSupportedException();
    }
}
