using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ModelAlloy.Durable.AzureStorage;

/// <summary>Checks <see cref="AzureStorageBackendOptions"/>; each error names the setting and how to fix it.</summary>
public sealed class AzureStorageBackendOptionsValidator : IValidateOptions<AzureStorageBackendOptions>
{
    private const string Section = "Durable:AzureStorage";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AzureStorageBackendOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static void ThrowIfInvalid(AzureStorageBackendOptions options)
    {
        var errors = Errors(options).ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Section, typeof(AzureStorageBackendOptions), errors);
        }
    }

    private static IEnumerable<string> Errors(AzureStorageBackendOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return $"{Section}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}";
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString)
            && (options.TableServiceUri is null || options.QueueServiceUri is null || options.BlobServiceUri is null))
        {
            yield return $"{Section}: set ConnectionString, or all of TableServiceUri, QueueServiceUri and BlobServiceUri " +
                "(the Functions convention AzureWebJobsStorage__tableServiceUri / __queueServiceUri / __blobServiceUri).";
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(15) || options.LeaseDuration > TimeSpan.FromSeconds(60))
        {
            yield return $"{Section}:LeaseDuration: {options.LeaseDuration} is outside the Blob service's 15-60 s lease range.";
        }

        if (options.LeaseRenewInterval <= TimeSpan.Zero || options.LeaseRenewInterval * 2 > options.LeaseDuration)
        {
            yield return $"{Section}:LeaseRenewInterval: must be positive and at most half of LeaseDuration ({options.LeaseDuration}).";
        }

        if (options.MaxMessageDelay <= TimeSpan.Zero || options.MaxMessageDelay > TimeSpan.FromDays(7))
        {
            yield return $"{Section}:MaxMessageDelay: must be positive and at most 7 days (the queue service's visibility limit).";
        }

        if (options.DeferredMessageTimeout <= options.ControlMessageVisibility * 2)
        {
            yield return $"{Section}:DeferredMessageTimeout: {options.DeferredMessageTimeout} must exceed twice ControlMessageVisibility ({options.ControlMessageVisibility}), " +
                "or a result that overtook a crashed episode is poisoned before that episode is retried.";
        }

        if (options.MaxPollingInterval <= TimeSpan.Zero || options.MaxPollingInterval > TimeSpan.FromSeconds(5))
        {
            yield return $"{Section}:MaxPollingInterval: must be between 0 and 5 s; a longer idle sleep delays new work.";
        }
    }
}
