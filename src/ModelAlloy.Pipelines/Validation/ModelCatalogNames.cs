namespace ModelAlloy.Pipelines.Validation;

/// <summary>The roles and models a definition may name (from the model catalog); definitions are checked against them at load.</summary>
/// <param name="Roles">The role names.</param>
/// <param name="Models">The model ids.</param>
public sealed record ModelCatalogNames(IReadOnlySet<string> Roles, IReadOnlySet<string> Models)
{
    /// <summary>Creates the names from the gateway's options.</summary>
    /// <param name="options">The gateway options.</param>
    /// <returns>The names.</returns>
    public static ModelCatalogNames From(Models.ModelGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ModelCatalogNames(
            new HashSet<string>(options.Roles.Keys, StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(options.Models.Keys, StringComparer.OrdinalIgnoreCase));
    }
}
