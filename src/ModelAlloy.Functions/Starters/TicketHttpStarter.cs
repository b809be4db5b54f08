using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Starters;

/// <summary>
/// <c>POST /api/tickets</c> with <c>{"id": "T-1042", "text": "..."}</c>: starts a ticket triage and answers Durable
/// Functions' 202 with the instance's management URLs (status, raise event, terminate, purge) and a Location header
/// to poll; a malformed body or a missing or invalid field answers 400 problem details naming the field.
/// </summary>
/// <param name="logger">The logger.</param>
public sealed class TicketHttpStarter(ILogger<TicketHttpStarter> logger)
{
    /// <summary>The function's name.</summary>
    public const string Name = "TicketTriage_HttpStart";

    /// <summary>The route, under the host's <c>/api</c> prefix.</summary>
    public const string Route = "tickets";

    /// <summary>Validates the ticket and schedules its triage.</summary>
    /// <param name="request">The request (function-level key: <c>?code=</c> or <c>x-functions-key</c>).</param>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>202 with the management payload, or 400 problem details.</returns>
    [Function(Name)]
    public async Task<HttpResponseData> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Route)] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        TicketReadResult read = await TicketReader.ReadAsync(request.Body, context.CancellationToken).ConfigureAwait(false);
        if (read.Ticket is not { } ticket)
        {
            Logs.TicketRejected(logger, Name, read.Summary);
            return await ValidationProblem.WriteAsync(request, read, context.CancellationToken).ConfigureAwait(false);
        }

        string instanceId = await client.ScheduleNewOrchestrationInstanceAsync(TicketTriage.Name, ticket, context.CancellationToken).ConfigureAwait(false);
        Logs.TriageScheduled(logger, instanceId, ticket.Id, Name);
        return await client.CreateCheckStatusResponseAsync(request, instanceId, context.CancellationToken).ConfigureAwait(false);
    }
}
