using ModelAlloy.Cli.Terminal;
using ModelAlloy.Hosting.SelfHosted;

namespace ModelAlloy.Cli.Hosts;

/// <summary>Starts a <see cref="LocalAlloyHost"/> within a deadline, with a one-line reason when it cannot.</summary>
internal static class HostStarter
{
    /// <summary>How long a start may take (Azure Storage creates its queues, tables and containers on first use).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Starts the host.</summary>
    /// <exception cref="UsageException">The catalog is missing.</exception>
    /// <exception cref="TimeoutException">The store did not answer in time.</exception>
    public static async Task<LocalAlloyHost> StartAsync(LocalAlloyOptions options, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        try
        {
            return await LocalAlloyHost.StartAsync(options, cancellationToken: deadline.Token).ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(options.ResolvedStorage is null
                ? $"the embedded worker did not start within {StartTimeout.TotalSeconds:0} s"
                : $"storage did not answer within {StartTimeout.TotalSeconds:0} s; is it reachable (for --storage azurite: is Azurite running)?");
        }
    }

    /// <summary>The <c>--storage</c> flag to repeat in hints (the alias, or a placeholder that hides the secret).</summary>
    public static string StorageHint(LocalAlloyOptions options) => options.Storage switch
    {
        null or "" => string.Empty,
        LocalAlloyOptions.AzuriteAlias => "--storage azurite",
        _ => "--storage <connection>",
    } + (options.TaskHubName == "alloy" ? string.Empty : " --task-hub " + options.TaskHubName);
}
