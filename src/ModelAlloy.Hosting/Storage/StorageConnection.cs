using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace ModelAlloy.Hosting;

/// <summary>
/// A storage account as Azure Functions reads it: <c>{name}</c> as a connection string, or
/// <c>{name}__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c> (or <c>__accountName</c> for the
/// public cloud) with a token credential: <c>DefaultAzureCredential</c>, or the user-assigned managed identity named by
/// <c>__clientId</c> (with <c>__credential = managedidentity</c>).
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The setting Azure Functions uses for its own storage.</summary>
    public const string FunctionsSettingName = "AzureWebJobsStorage";

    private StorageConnection(string? connectionString, Uri? blob, Uri? queue, Uri? table, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
        Credential = credential;
    }

    /// <summary>Gets the connection string, or null for an identity-based connection.</summary>
    public string? ConnectionString { get; }

    /// <summary>Gets the blob endpoint of an identity-based connection.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>Gets the queue endpoint of an identity-based connection.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>Gets the table endpoint of an identity-based connection.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>Gets the credential of an identity-based connection.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>A connection from a connection string (<c>UseDevelopmentStorage=true</c> means local Azurite).</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The connection.</returns>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageConnection(connectionString, null, null, null, null);
    }

    /// <summary>An identity-based connection.</summary>
    /// <param name="blob">The blob endpoint.</param>
    /// <param name="queue">The queue endpoint.</param>
    /// <param name="table">The table endpoint.</param>
    /// <param name="credential">The credential.</param>
    /// <returns>The connection.</returns>
    public static StorageConnection FromServiceUris(Uri blob, Uri queue, Uri table, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageConnection(null, blob, queue, table, credential);
    }

    /// <summary>Reads the connection named <paramref name="name"/> the way Azure Functions does.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="name">The setting's name.</param>
    /// <returns>The connection, or null when nothing is configured under that name.</returns>
    /// <exception cref="InvalidOperationException">When the settings are incomplete; the message names the setting to add.</exception>
    public static StorageConnection? FromConfiguration(IConfiguration configuration, string name = FunctionsSettingName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            return FromConnectionString(connectionString);
        }

        IConfigurationSection section = configuration.GetSection(name);
        string? account = section["accountName"];
        Uri? Endpoint(string service) =>
            section[$"{service}ServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net") : null;
        Uri? blob = Endpoint("blob"), queue = Endpoint("queue"), table = Endpoint("table");
        if (blob is null && queue is null && table is null)
        {
            return null;
        }

        if (blob is null || queue is null || table is null)
        {
            string missing = string.Join(", ", new[] { ("blob", blob), ("queue", queue), ("table", table) }.Where(e => e.Item2 is null).Select(e => $"{name}__{e.Item1}ServiceUri"));
            throw new InvalidOperationException($"storage connection '{name}' is identity-based but lacks {missing}; set them (or {name}__accountName) or give a connection string in {name}");
        }

        return FromServiceUris(blob, queue, table, CredentialFor(section, name));
    }

    /// <summary>Creates a table service client.</summary>
    /// <returns>The client.</returns>
    public TableServiceClient CreateTableServiceClient() =>
        ConnectionString is { } cs ? new TableServiceClient(cs) : new TableServiceClient(TableServiceUri, Credential);

    /// <summary>Creates a queue service client.</summary>
    /// <param name="options">Client options (e.g. the message encoding).</param>
    /// <returns>The client.</returns>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        ConnectionString is { } cs ? new QueueServiceClient(cs, options) : new QueueServiceClient(QueueServiceUri, Credential, options);

    /// <summary>Creates a blob service client.</summary>
    /// <returns>The client.</returns>
    public BlobServiceClient CreateBlobServiceClient() =>
        ConnectionString is { } cs ? new BlobServiceClient(cs) : new BlobServiceClient(BlobServiceUri, Credential);

    private static TokenCredential CredentialFor(IConfigurationSection section, string name)
    {
        if (section["clientId"] is not { Length: > 0 } clientId)
        {
            return new DefaultAzureCredential();
        }

        if (section["credential"] is { Length: > 0 } kind && !kind.Equals("managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{name}__credential: '{kind}' is not supported; use 'managedidentity' (with {name}__clientId) or leave it out for DefaultAzureCredential");
        }

        return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
