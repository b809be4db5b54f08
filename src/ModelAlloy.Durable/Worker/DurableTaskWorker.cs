using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.Replay;

namespace ModelAlloy.Durable.Worker;

/// <summary>
/// Runs orchestrations and activities. Two ways in, one executor: a poll loop (a hosted service, for plain
/// processes, containers and tests) and <see cref="HandleMessageAsync"/> for a trigger that hands over one queue
/// message at a time (Azure Functions).
/// </summary>
public sealed class DurableTaskWorker : BackgroundService
{
    private readonly IOrchestrationBackend _backend;
    private readonly OrchestrationExecutor _executor;
    private readonly ActivityRunner _activities;
    private readonly DurableTaskWorkerOptions _options;
    private readonly ILogger<DurableTaskWorker> _logger;

    internal DurableTaskWorker(
        IOrchestrationBackend backend,
        OrchestrationExecutor executor,
        ActivityRunner activities,
        IOptions<DurableTaskWorkerOptions> options,
        ILogger<DurableTaskWorker> logger)
    {
        _backend = backend;
        _executor = executor;
        _activities = activities;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// Processes one raw queue message end to end (the Functions queue-trigger entry point). Returns normally when
    /// the message was handled or safely dropped; throws when it should be delivered again.
    /// </summary>
    public async Task HandleMessageAsync(string rawMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawMessage);
        var workItem = await _backend.LockWorkItemForMessageAsync(rawMessage, cancellationToken).ConfigureAwait(false);
        switch (workItem)
        {
            case OrchestrationWorkItem orchestration:
                await _executor.ExecuteAsync(orchestration, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityWorkItem activity:
                await _activities.RunAsync(activity, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.EnablePolling)
        {
            return Task.CompletedTask;
        }

        Logs.WorkerStarted(_logger, _options.MaxConcurrentOrchestrations, _options.MaxConcurrentActivities);
        var loops = new List<Task>();
        for (var i = 0; i < _options.MaxConcurrentOrchestrations; i++)
        {
            loops.Add(Task.Run(() => PollAsync(_backend.LockNextOrchestrationWorkItemAsync, _executor.ExecuteAsync, stoppingToken), CancellationToken.None));
        }

        for (var i = 0; i < _options.MaxConcurrentActivities; i++)
        {
            loops.Add(Task.Run(() => PollAsync(_backend.LockNextActivityWorkItemAsync, _activities.RunAsync, stoppingToken), CancellationToken.None));
        }

        return Task.WhenAll(loops);
    }

    private async Task PollAsync<TWorkItem>(
        Func<CancellationToken, Task<TWorkItem?>> lockNext,
        Func<TWorkItem, CancellationToken, Task> run,
        CancellationToken stoppingToken)
        where TWorkItem : WorkItem
    {
        var faultDelay = 50;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var workItem = await lockNext(stoppingToken).ConfigureAwait(false);
                if (workItem is not null)
                {
                    await run(workItem, stoppingToken).ConfigureAwait(false);
                }

                faultDelay = 50;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A storage outage must not kill the loop: back off (bounded) and try again.
                Logs.DispatcherFault(_logger, ex, faultDelay);
                try
                {
                    await Task.Delay(faultDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                faultDelay = Math.Min(faultDelay * 2, 2000);
            }
        }
    }
}
