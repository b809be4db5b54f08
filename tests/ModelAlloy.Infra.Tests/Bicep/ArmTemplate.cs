using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ModelAlloy.Infra.Tests.Bicep;

/// <summary>
/// A compiled ARM template (or a nested deployment's template), read the way the tests need it: resources whether
/// the template lists them as an array or (language version 2.0) as an object, nested deployments, variables.
/// </summary>
public sealed partial class ArmTemplate(JsonObject json)
{
    /// <summary>Gets the template JSON.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>Gets the template's resources, deployments included.</summary>
    public IReadOnlyList<JsonObject> Resources => Json["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()).ToList(),
        JsonObject map => map.Select(r => r.Value!.AsObject()).ToList(),
        _ => [],
    };

    /// <summary>Gets the template's outputs by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Outputs =>
        (Json["outputs"] as JsonObject ?? []).ToDictionary(o => o.Key, o => o.Value!.AsObject());

    /// <summary>Gets the nested deployments (modules): name, the parameters passed, and the module's template.</summary>
    public IReadOnlyList<(string Name, JsonObject Parameters, ArmTemplate Template)> Modules =>
        Resources.Where(r => Type(r) == "Microsoft.Resources/deployments")
            .Select(r => (
                (string)r["name"]!,
                r["properties"]!["parameters"] as JsonObject ?? [],
                new ArmTemplate(r["properties"]!["template"]!.AsObject())))
            .ToList();

    /// <summary>Returns the module deployed under <paramref name="name"/>.</summary>
    public ArmTemplate Module(string name) => Modules.Single(m => m.Name == name).Template;

    /// <summary>Returns this template's resources of <paramref name="type"/> and, recursively, its modules'.</summary>
    public IEnumerable<JsonObject> AllResourcesOfType(string type) =>
        Resources.Where(r => Type(r) == type).Concat(Modules.SelectMany(m => m.Template.AllResourcesOfType(type)));

    /// <summary>Returns a variable; fails when the template does not have it as a literal value.</summary>
    public JsonNode Variable(string name) =>
        (Json["variables"] as JsonObject)?[name] ?? throw new KeyNotFoundException($"variable '{name}' is not in the template (Bicep inlines a variable that reads a resource at run time)");

    /// <summary>Replaces <c>variables('x').y</c> in an expression with the variable's literal string value.</summary>
    public string ResolveVariables(string expression) =>
        VariableProperty().Replace(expression, m => $"'{(string)Variable(m.Groups["var"].Value)[m.Groups["prop"].Value]!}'");

    /// <summary>Returns the names of the variables an expression reads.</summary>
    public static IReadOnlyList<string> VariablesIn(string expression) =>
        VariableReference().Matches(expression).Select(m => m.Groups["var"].Value).Distinct().ToList();

    /// <summary>Returns a resource's type.</summary>
    public static string Type(JsonObject resource) => (string)resource["type"]!;

    [GeneratedRegex(@"variables\('(?<var>\w+)'\)\.(?<prop>\w+)")]
    private static partial Regex VariableProperty();

    [GeneratedRegex(@"variables\('(?<var>\w+)'\)")]
    private static partial Regex VariableReference();
}
