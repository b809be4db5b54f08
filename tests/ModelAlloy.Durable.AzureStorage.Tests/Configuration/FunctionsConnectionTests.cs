using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ModelAlloy.Durable.AzureStorage.Tests.Configuration;

public sealed class FunctionsConnectionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Connection_string_setting_is_used_as_is()
    {
        var options = new AzureStorageBackendOptions().UseFunctionsConnection(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
    }

    [Fact]
    public void Service_uri_settings_select_identity_based_connections()
    {
        var options = new AzureStorageBackendOptions().UseFunctionsConnection(Config(
            ("AzureWebJobsStorage:queueServiceUri", "https://acct.queue.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://acct.table.core.windows.net"),
            ("AzureWebJobsStorage:blobServiceUri", "https://acct.blob.core.windows.net")));

        Assert.Null(options.ConnectionString);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), options.QueueServiceUri);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), options.TableServiceUri);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), options.BlobServiceUri);
    }

    [Fact]
    public void Account_name_alone_means_the_public_cloud_endpoints()
    {
        var options = new AzureStorageBackendOptions().UseFunctionsConnection(Config(("AzureWebJobsStorage:accountName", "acct")));

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), options.TableServiceUri);
    }

    [Fact]
    public void Missing_connection_fails_validation_naming_the_settings()
    {
        var result = new AzureStorageBackendOptionsValidator().Validate(null, new AzureStorageBackendOptions());

        Assert.True(result.Failed);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", result.FailureMessage);
    }

    [Fact]
    public void Invalid_task_hub_name_fails_validation_naming_the_setting()
    {
        var result = new AzureStorageBackendOptionsValidator().Validate(null, new AzureStorageBackendOptions { TaskHubName = "no-dashes", ConnectionString = "x" });

        Assert.True(result.Failed);
        Assert.Contains("TaskHubName", result.FailureMessage);
    }

    [Fact]
    public void Deferral_timeout_shorter_than_a_crashed_episode_retry_fails_validation_saying_why()
    {
        var options = new AzureStorageBackendOptions { ConnectionString = "x", ControlMessageVisibility = TimeSpan.FromSeconds(30), DeferredMessageTimeout = TimeSpan.FromSeconds(45) };

        var result = new AzureStorageBackendOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("DeferredMessageTimeout", result.FailureMessage);
        Assert.Contains("ControlMessageVisibility", result.FailureMessage);
    }
}
