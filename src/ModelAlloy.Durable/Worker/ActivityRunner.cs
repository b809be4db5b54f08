using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelAlloy.Durable.Backend;
using ModelAlloy.Durable.History;
using ModelAlloy.Durable.Replay;

namespace ModelAlloy.Durable.Worker;

/// <summary>
/// Runs one activity request and reports its outcome to the orchestration. Activities are at-least-once: a crash
/// after the activity ran but before its result was sent makes it run again, and the orchestration keeps only the
/// first result it receives for the task.
/// </summary>
internal sealed class ActivityRunner(OrchestrationRuntime runtime, IOrchestrationBackend backend, TimeProvider time, ILogger<ActivityRunner> logger)
{
    public async Task RunAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var request = workItem.Request;
        HistoryEvent outcome;
        try
        {
            outcome = await InvokeAsync(workItem, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker is stopping: hand the request back rather than report a failure that did not happen.
            await backend.AbandonActivityWorkItemAsync(workItem, null, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var result = new OrchestrationMessage(request.InstanceId, request.ExecutionId, outcome with { Timestamp = time.GetUtcNow().UtcDateTime }, request.MessageId + "|result");
        try
        {
            await backend.CompleteActivityWorkItemAsync(workItem, result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logs.ActivityAbandoned(logger, request.Name, request.TaskId, request.InstanceId, ex.Message);
            await backend.AbandonActivityWorkItemAsync(workItem, ex, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<HistoryEvent> InvokeAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        var request = workItem.Request;
        if (!runtime.Registry.TryGetActivity(request.Name, out var factory))
        {
            return new TaskFailed(request.TaskId, new TaskFailureDetails(
                typeof(DurableTaskException).FullName!,
                $"No activity named '{request.Name}' is registered with this worker. Register it with AddActivity(\"{request.Name}\", ...).",
                IsNonRetriable: true));
        }

        try
        {
            await using var scope = runtime.Services.CreateAsyncScope();
            var activity = factory(scope.ServiceProvider);
            var input = runtime.Converter.Deserialize(request.Input, activity.InputType);
            var context = new TaskActivityContext(request.Name, request.InstanceId, request.TaskId, workItem.DeliveryCount);
            var output = await activity.RunAsync(context, input, cancellationToken).ConfigureAwait(false);
            return new TaskCompleted(request.TaskId, runtime.Converter.Serialize(output));
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Logs.ActivityFailed(logger, request.Name, request.TaskId, request.InstanceId, ex.GetType().Name, ex.Message);
            return new TaskFailed(request.TaskId, TaskFailureDetails.FromException(ex));
        }
    }
}
