using Microsoft.Extensions.Configuration;

namespace ModelAlloy.Models;

/// <summary>
/// Loads the gateway configuration from a JSON file plus environment overrides. Two override forms work:
/// the standard <c>ModelGateway__Retry__MaxAttemptsPerModel</c>, and <c>ALLOY_MODEL__{ID}__{FIELD}</c> where
/// <c>{ID}</c> is the model id upper-cased with every non-alphanumeric character replaced by <c>_</c>
/// (so <c>gpt-4o-mini</c> is <c>ALLOY_MODEL__GPT_4O_MINI__ENDPOINT</c>), since ids rarely make valid variable names.
/// </summary>
public static class ModelCatalogConfiguration
{
    /// <summary>The prefix of per-model environment overrides.</summary>
    public const string ModelOverridePrefix = "ALLOY_MODEL__";

    /// <summary>Builds configuration from <paramref name="jsonPath"/> and the given (or the process) environment.</summary>
    /// <param name="jsonPath">The catalog file; its root holds the <c>ModelGateway</c> section.</param>
    /// <param name="environment">Environment variables; null reads the process environment.</param>
    /// <returns>The layered configuration.</returns>
    public static IConfiguration Build(string jsonPath, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jsonPath);
        environment ??= ReadProcessEnvironment();
        IConfigurationRoot file = new ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath(jsonPath), optional: false, reloadOnChange: false)
            .Build();
        return new ConfigurationBuilder()
            .AddConfiguration(file)
            .AddInMemoryCollection(StandardOverrides(environment))
            .AddInMemoryCollection(ModelOverrides(file, environment))
            .Build();
    }

    /// <summary>Binds and returns the options from a configuration root (its <c>ModelGateway</c> section).</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>Unvalidated options; run them through validation before use.</returns>
    public static ModelGatewayOptions Bind(IConfiguration configuration)
    {
        var options = new ModelGatewayOptions();
        BindInto(configuration.GetSection(ModelGatewayOptions.SectionName), options);
        return options;
    }

    internal static void BindInto(IConfigurationSection section, ModelGatewayOptions options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new ModelGatewayException(ModelErrorCodes.CatalogInvalid, ex.Message, ex);
        }

        var models = new Dictionary<string, ModelDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach ((string id, ModelDefinition model) in options.Models)
        {
            model.Id = id;
            models[id] = model;
        }

        options.Models = models;
        CheckEnumValues(section, options);
        foreach (KeyValuePair<string, string?> entry in section.GetSection("Models").AsEnumerable(makePathsRelative: false))
        {
            string leaf = entry.Key[(entry.Key.LastIndexOf(':') + 1)..];
            if (!string.IsNullOrEmpty(entry.Value) && SecretHeuristics.IsSecretKeyName(leaf))
            {
                options.LiteralSecretPaths.Add(entry.Key);
            }
        }
    }

    private static void CheckEnumValues(IConfigurationSection section, ModelGatewayOptions options)
    {
        foreach (IConfigurationSection model in section.GetSection("Models").GetChildren())
        {
            Check(model, "Provider", ModelProviderKind.Human); // a person answers escalations; never a catalog entry
            Check<CredentialSource>(model, "Credential");
            Check<ModelTier>(model, "Tier");
        }

        Check<BudgetExceededAction>(section.GetSection("Budgets"), "OnExceeded");

        void Check<TEnum>(IConfigurationSection parent, string field, params TEnum[] notConfigurable)
            where TEnum : struct, Enum
        {
            string? raw = parent[field];
            if (!string.IsNullOrEmpty(raw) && (!Enum.TryParse(raw, ignoreCase: true, out TEnum value) || !Enum.IsDefined(value) || notConfigurable.Contains(value)))
            {
                options.BindingErrors.Add($"setting '{parent.Path}:{field}': '{raw}' is not one of {string.Join(", ", Enum.GetValues<TEnum>().Except(notConfigurable))}");
            }
        }
    }

    internal static string NormalizeId(string id) =>
        string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));

    private static IEnumerable<KeyValuePair<string, string?>> StandardOverrides(IReadOnlyDictionary<string, string?> environment)
    {
        string prefix = ModelGatewayOptions.SectionName + "__";
        return environment
            .Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value));
    }

    private static IEnumerable<KeyValuePair<string, string?>> ModelOverrides(
        IConfiguration file, IReadOnlyDictionary<string, string?> environment)
    {
        Dictionary<string, string> idsByNormalized = file.GetSection(ModelGatewayOptions.SectionName + ":Models")
            .GetChildren()
            .GroupBy(c => NormalizeId(c.Key))
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        foreach ((string name, string? value) in environment)
        {
            if (!name.StartsWith(ModelOverridePrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string[] parts = name[ModelOverridePrefix.Length..].Split("__", StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && idsByNormalized.TryGetValue(parts[0].ToUpperInvariant(), out string? id))
            {
                string path = string.Join(':', parts.Skip(1));
                yield return KeyValuePair.Create($"{ModelGatewayOptions.SectionName}:Models:{id}:{path}", value);
            }
        }
    }

    private static Dictionary<string, string?> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string;
        }

        return result;
    }
}
