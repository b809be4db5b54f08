using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using ModelAlloy.Hosting.SelfHosted.Sidecar;

namespace ModelAlloy.Hosting.SelfHosted;

/// <summary>Adds the Durable Task SDK worker and client, connected to a <see cref="DurableSidecar"/>, to any host.</summary>
public static class SelfHostedServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK worker (running ModelAlloy's orchestrators and activities, plus <paramref name="registerTasks"/>)
    /// and a <see cref="DurableTaskClient"/>, both over the sidecar's channel. Call <c>AddModelAlloy</c> as well.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="sidecar">The running sidecar.</param>
    /// <param name="registerTasks">More orchestrators and activities (tests, custom pipelines).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddModelAlloyWorker(this IServiceCollection services, DurableSidecar sidecar, Action<DurableTaskRegistry>? registerTasks = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sidecar);
        services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(sidecar.Channel);
            b.AddTasks(r =>
            {
                r.AddModelAlloyTasks();
                registerTasks?.Invoke(r);
            });
        });
        return services.AddModelAlloyClient(sidecar);
    }

    /// <summary>Adds a <see cref="DurableTaskClient"/> over the sidecar's channel (and no worker).</summary>
    /// <param name="services">The services.</param>
    /// <param name="sidecar">The running sidecar.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddModelAlloyClient(this IServiceCollection services, DurableSidecar sidecar)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sidecar);
        services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(sidecar.Channel);
            b.RegisterDirectly();
        });
        return services;
    }
}
