using Microsoft.Extensions.Options;

namespace ModelAlloy.Models;

/// <summary>
/// Validates the catalog and policy at startup. Each error names the model (or role), the field and the reason,
/// and says how to fix it.
/// </summary>
internal sealed class ModelGatewayOptionsValidator : IValidateOptions<ModelGatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelGatewayOptions options)
    {
        List<string> errors = Collect(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws a <see cref="ModelGatewayException"/> listing every error.</summary>
    public static void ThrowIfInvalid(ModelGatewayOptions options)
    {
        List<string> errors = Collect(options);
        if (errors.Count > 0)
        {
            throw new ModelGatewayException(
                ModelErrorCodes.CatalogInvalid,
                "Model catalog is invalid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        }
    }

    internal static List<string> Collect(ModelGatewayOptions options)
    {
        var errors = new List<string>();
        foreach (string path in options.LiteralSecretPaths)
        {
            errors.Add($"setting '{path}': literal secrets are not accepted in configuration; " +
                "set Credential to EnvironmentVariable and ApiKeyEnvironmentVariable to the NAME of an environment variable, or use ManagedIdentity");
        }

        errors.AddRange(options.BindingErrors);
        if (options.Models.Count == 0)
        {
            errors.Add("ModelGateway:Models: no models are configured; add at least one entry");
        }

        foreach (ModelDefinition model in options.Models.Values)
        {
            ModelDefinitionRules.Check(model, errors);
        }

        CheckRoles(options, errors);
        CheckPolicy(options, errors);
        return errors;
    }

    private static void CheckRoles(ModelGatewayOptions options, List<string> errors)
    {
        foreach ((string role, ModelRoleOptions chain) in options.Roles)
        {
            if (chain.Chain.Count == 0)
            {
                errors.Add($"role '{role}': Chain: is empty; list at least one model id");
            }

            foreach (string id in chain.Chain.Where(id => !options.Models.ContainsKey(id)))
            {
                errors.Add($"role '{role}': Chain: model '{id}' is not in ModelGateway:Models");
            }

            foreach (string id in chain.Chain.GroupBy(i => i, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
            {
                errors.Add($"role '{role}': Chain: model '{id}' is listed more than once");
            }

            if (chain.EscalateToHuman && chain.EscalationTimeout <= TimeSpan.Zero)
            {
                errors.Add($"role '{role}': EscalationTimeout: must be positive (got {chain.EscalationTimeout}); it is how long a human has to answer, e.g. 1.00:00:00");
            }
        }
    }

    private static void CheckPolicy(ModelGatewayOptions options, List<string> errors)
    {
        RetryOptions retry = options.Retry;
        if (retry.MaxAttemptsPerModel < 1)
        {
            errors.Add("ModelGateway:Retry:MaxAttemptsPerModel: must be at least 1");
        }

        if (retry.BackoffCoefficient < 1)
        {
            errors.Add("ModelGateway:Retry:BackoffCoefficient: must be at least 1");
        }

        if (retry.FirstInterval < TimeSpan.Zero || retry.MaxInterval < retry.FirstInterval)
        {
            errors.Add("ModelGateway:Retry: FirstInterval must be >= 0 and MaxInterval >= FirstInterval");
        }

        if (options.Cooldown.FailureThreshold < 0 || options.Cooldown.Duration < TimeSpan.Zero)
        {
            errors.Add("ModelGateway:Cooldown: FailureThreshold and Duration must not be negative");
        }

        if (options.Budgets.RunCostCapUsd is < 0)
        {
            errors.Add("ModelGateway:Budgets:RunCostCapUsd: must not be negative");
        }

        foreach ((string pipeline, decimal budget) in options.Budgets.DailyByPipeline.Where(b => b.Value < 0))
        {
            errors.Add($"ModelGateway:Budgets:DailyByPipeline:{pipeline}: {budget} must not be negative");
        }

        if (options.DefaultTimeout <= TimeSpan.Zero)
        {
            errors.Add("ModelGateway:DefaultTimeout: must be positive");
        }
    }
}
