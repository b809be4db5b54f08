using System.CommandLine;
using Microsoft.DurableTask.Client;
using ModelAlloy.Cli.Terminal;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Cli.Hosts;

/// <summary>
/// What <c>status</c>, <c>watch</c>, <c>review</c> and <c>terminate</c> share: the instance argument, the host options
/// and a client-only host on Azure Storage (the runs they look at live in the store, not in this process).
/// </summary>
internal sealed class RunClient
{
    /// <summary>The instance id.</summary>
    public Argument<string> Instance { get; } = new("instance") { Description = "The run's instance id (printed by alloy run)" };

    /// <summary>The host options.</summary>
    public HostOptions Host { get; } = new();

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public RunClient AddTo(Command command)
    {
        command.Arguments.Add(Instance);
        Host.AddTo(command);
        return this;
    }

    /// <summary>Starts a client-only host; fails with a usage error without <c>--storage</c>.</summary>
    public Task<LocalAlloyHost> StartAsync(ParseResult parse, CancellationToken cancellationToken) =>
        HostStarter.StartAsync(Host.Read(parse, runWorker: false, requireStorage: true), cancellationToken);

    /// <summary>The run's state with inputs and outputs; null after writing why when there is no such run.</summary>
    public static async Task<OrchestrationMetadata?> FindAsync(LocalAlloyHost host, string instanceId, TextWriter error, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? state = await host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (state is null)
        {
            error.WriteLine($"no run '{instanceId}' in task hub '{host.Options.TaskHubName}'; check the id and --storage/--task-hub.");
        }

        return state;
    }
}
