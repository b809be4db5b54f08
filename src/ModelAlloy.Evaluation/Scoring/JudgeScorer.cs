using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ModelAlloy.Evaluation.Datasets;
using ModelAlloy.Models;

namespace ModelAlloy.Evaluation.Scoring;

/// <summary>
/// A judge-model rubric score: one call through the gateway (its policy, fallbacks and ledger) under a JSON Schema
/// returning <c>score</c> (0..1) and <c>reasons</c>. The call is recorded in the ledger with task type
/// <see cref="TaskType"/> and pipeline <see cref="TaskType"/>, run id <c>{run}/judge</c>, and its cost is returned in
/// <see cref="Score.CostUsd"/>, so reports show it apart from the cost of the system being judged.
/// </summary>
public sealed class JudgeScorer : IScorer, IAnswerScorer
{
    /// <summary>The task type (and pipeline) the judge's calls are recorded under.</summary>
    public const string TaskType = "eval-judge";

    /// <summary>The rubric used when none is given.</summary>
    public const string DefaultRubric =
        "You grade answers. Score 1 when the answer fully and correctly does what the task asks (matching the reference " +
        "when one is given), 0 when it is wrong, empty or off-task, and in between for partial answers. Give short reasons.";

    private readonly IModelGateway _gateway;
    private readonly string? _role;
    private readonly string? _model;
    private readonly string _rubric;

    /// <summary>Creates a judge.</summary>
    /// <param name="gateway">The gateway the judge's call goes through.</param>
    /// <param name="role">The catalog role that judges (its fallback chain), or null when <paramref name="model"/> is given.</param>
    /// <param name="model">An explicit judge model, or null.</param>
    /// <param name="rubric">The rubric (the system message); null uses <see cref="DefaultRubric"/>.</param>
    public JudgeScorer(IModelGateway gateway, string? role, string? model = null, string? rubric = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (string.IsNullOrWhiteSpace(role) && string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("a judge needs a catalog role or a model");
        }

        _gateway = gateway;
        _role = role;
        _model = model;
        _rubric = rubric ?? DefaultRubric;
    }

    /// <inheritdoc />
    public string Name => $"judge:{_role ?? _model}";

    /// <inheritdoc />
    public ValueTask<Score> ScoreAsync(EvalItem item, string output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(output)))[..12];
        return ScoreAsync(item, new SystemAnswer(output, null, $"judge-{item.Id}-{digest}"), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<Score> ScoreAsync(EvalItem item, SystemAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(answer);
        var prompt = new StringBuilder().Append("Task:\n").Append(item.Input).Append("\n\n");
        if (item.ReferenceText is { } reference)
        {
            prompt.Append("Reference answer:\n").Append(reference).Append("\n\n");
        }

        prompt.Append("Answer to grade:\n").Append(answer.Output).Append("\n\nReturn JSON: {\"score\": 0..1, \"reasons\": [\"...\"]}.");
        var request = new ModelCallRequest
        {
            Role = _role,
            Model = _model,
            Messages = [ModelMessage.System(_rubric), ModelMessage.User(prompt.ToString())],
            JsonSchema = JudgeVerdictSchema.Text,
            Temperature = 0,
            TaskType = TaskType,
            Pipeline = TaskType,
            Stage = "judge",
            RunId = $"{answer.RunId}/judge",
        };
        try
        {
            ModelCallResult result = await _gateway.CallAsync(request, cancellationToken).ConfigureAwait(false);
            (double score, IReadOnlyList<string> reasons) = JudgeVerdictSchema.Parse(result.Json ?? result.Text);
            string why = reasons.Count > 0 ? string.Join("; ", reasons) : "no reasons given";
            return new Score(score, string.Create(CultureInfo.InvariantCulture, $"{result.ModelId}{(result.Simulated ? " (SIMULATED)" : "")}: {score:0.##}: {why}"))
            {
                CostUsd = result.TotalCostUsd,
            };
        }
        catch (ModelCallFailedException ex)
        {
            return Score.Fail($"judge failed ({ex.ErrorCode}): {ex.Message}") with { CostUsd = ex.Attempts.Sum(a => a.CostUsd) };
        }
    }
}
