using Microsoft.Extensions.Options;

namespace ModelAlloy.Models;

/// <summary>The validated set of models and roles the gateway routes between.</summary>
public sealed class ModelCatalog
{
    private readonly ModelGatewayOptions _options;

    /// <summary>Creates the catalog from options, validating them first.</summary>
    /// <param name="options">The gateway options.</param>
    /// <exception cref="ModelGatewayException">With <see cref="ModelErrorCodes.CatalogInvalid"/> listing every error.</exception>
    public ModelCatalog(IOptions<ModelGatewayOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        ModelGatewayOptionsValidator.ThrowIfInvalid(_options);
    }

    /// <summary>Gets every model.</summary>
    public IReadOnlyCollection<ModelDefinition> Models => _options.Models.Values;

    /// <summary>Gets the options the catalog was built from.</summary>
    public ModelGatewayOptions Options => _options;

    /// <summary>Returns the model with the given id.</summary>
    /// <param name="modelId">The catalog id.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelGatewayException">With <see cref="ModelErrorCodes.UnknownModel"/>.</exception>
    public ModelDefinition Get(string modelId) =>
        _options.Models.TryGetValue(modelId, out ModelDefinition? model)
            ? model
            : throw new ModelGatewayException(
                ModelErrorCodes.UnknownModel,
                $"model '{modelId}' is not in the catalog; known models: {string.Join(", ", _options.Models.Keys.Order(StringComparer.Ordinal))}");

    /// <summary>
    /// Resolves the fallback chain for a request: the role's chain, or a one-model chain for an explicit model.
    /// When both are given the explicit model goes first and the role's chain follows.
    /// </summary>
    /// <param name="modelId">An explicit model id, or null.</param>
    /// <param name="role">A role name, or null.</param>
    /// <returns>The chain.</returns>
    public FallbackChain ResolveChain(string? modelId, string? role)
    {
        var ids = new List<string>();
        bool escalate = false;
        TimeSpan escalationTimeout = ModelRoleOptions.DefaultEscalationTimeout;
        if (!string.IsNullOrWhiteSpace(modelId))
        {
            ids.Add(Get(modelId).Id);
        }

        if (!string.IsNullOrWhiteSpace(role))
        {
            if (!_options.Roles.TryGetValue(role, out ModelRoleOptions? roleOptions))
            {
                throw new ModelGatewayException(
                    ModelErrorCodes.UnknownRole,
                    $"role '{role}' has no fallback chain; add ModelGateway:Roles:{role}:Chain to the catalog");
            }

            ids.AddRange(roleOptions.Chain.Select(id => Get(id).Id).Where(id => !ids.Contains(id, StringComparer.OrdinalIgnoreCase)));
            escalate = roleOptions.EscalateToHuman;
            escalationTimeout = roleOptions.EscalationTimeout;
        }

        if (ids.Count == 0)
        {
            throw new ModelGatewayException(ModelErrorCodes.InvalidRequest, "a model call needs a Model or a Role");
        }

        return new FallbackChain(role ?? modelId!, ids, escalate) { EscalationTimeout = escalationTimeout };
    }
}
