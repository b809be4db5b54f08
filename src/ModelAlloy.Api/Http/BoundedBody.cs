using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ModelAlloy.Api.Http;

/// <summary>
/// A request body read as one JSON object, never more than the size limit: a declared <c>Content-Length</c> over it
/// is refused before a byte is read, an undeclared one stops being read one byte past it. Same limit on both hosts
/// (the Functions host's own is 100 MB, Kestrel's 30 MB).
/// </summary>
internal static class BoundedBody
{
    /// <summary>The name errors about the body as a whole are reported under.</summary>
    public const string Field = "body";

    /// <summary>Reads the body as a JSON object.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The limit.</param>
    /// <param name="example">An example body for the error messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document (the caller disposes it), or the problem to answer.</returns>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadObjectAsync(
        HttpRequest request, int maxBytes, string example, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, ApiProblems.TooLarge(request, maxBytes));
        }

        byte[] buffer = new byte[Math.Min(maxBytes + 1, (int?)request.ContentLength + 1 ?? 16 * 1024)];
        int length = 0, read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                return (null, ApiProblems.TooLarge(request, maxBytes));
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(maxBytes + 1, buffer.Length * 2));
            }
        }

        if (length == 0)
        {
            return (null, ApiProblems.Invalid(request, Field, $"is empty; send a JSON object like {example}"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.AsMemory(0, length), ApiJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Invalid(request, Field, $"is not valid JSON: {ex.Message}"));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            string kind = ApiJson.Describe(document.RootElement.ValueKind);
            document.Dispose();
            return (null, ApiProblems.Invalid(request, Field, $"must be a JSON object like {example}, not {kind}"));
        }

        return (document, null);
    }
}
