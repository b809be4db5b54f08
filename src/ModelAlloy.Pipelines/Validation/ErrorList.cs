using ModelAlloy.Pipelines.Definitions;

namespace ModelAlloy.Pipelines.Validation;

/// <summary>Collects a definition's errors, with the checks shared by every stage kind (steps, judges, ranges).</summary>
internal sealed class ErrorList(string source, ModelCatalogNames? catalog)
{
    private readonly List<PipelineDefinitionError> _items = [];

    public IReadOnlyList<PipelineDefinitionError> Items => _items;

    public int Count => _items.Count;

    public void Add(string path, string reason) => _items.Add(new PipelineDefinitionError(source, path, reason));

    public void Require(bool condition, string path, string reason)
    {
        if (!condition)
        {
            Add(path, reason);
        }
    }

    public void Range(double value, double min, double max, string path, string what) =>
        Require(value >= min && value <= max, path, $"{what} {value} is out of range [{min}, {max}]");

    public void Step(ModelStep? step, string path)
    {
        if (step is null)
        {
            return;
        }

        if (step.Role is null && step.Model is null)
        {
            Add(path + ".role", "missing role: a step needs a 'role' (or a 'model') of the model catalog");
            return;
        }

        if (catalog is null)
        {
            return;
        }

        if (step.Role is { } role && !catalog.Roles.Contains(role))
        {
            Add(path + ".role", $"role '{role}' is not in the model catalog (roles: {string.Join(", ", catalog.Roles.Order(StringComparer.Ordinal))})");
        }

        if (step.Model is { } model && !catalog.Models.Contains(model))
        {
            Add(path + ".model", $"model '{model}' is not in the model catalog");
        }
    }

    public void Judge(JudgeCheck? judge, string path)
    {
        if (judge is null)
        {
            return;
        }

        Step(judge.Step, path + ".step");
        Range(judge.Threshold, 0, 1, path + ".threshold", "judge threshold");
    }
}
