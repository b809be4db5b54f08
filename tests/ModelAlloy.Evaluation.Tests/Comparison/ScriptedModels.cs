using ModelAlloy.Pipelines.Tests.Fakes;

namespace ModelAlloy.Evaluation.Tests.Comparison;

/// <summary>
/// Prompts whose answers the loopback models get right or wrong on a known pattern, and a judge that scores 1 only
/// the answer "right": the weak model (cheap) is right on even prompts, the strong one (capable) on all but every 5th.
/// </summary>
internal static class ScriptedModels
{
    public const int Count = 24;

    public static IEnumerable<string> Prompts => Enumerable.Range(1, Count).Select(i => $"Question {i} is {(i % 2 == 0 ? "even" : "odd")}{(i % 5 == 0 ? " and hard" : "")}.");

    public static ModelServer Script(ModelServer server) => server
        .Always("cheap", prompt => prompt.Contains("even", StringComparison.Ordinal) ? "right" : "wrong")
        .Always("capable", prompt => prompt.Contains("hard", StringComparison.Ordinal) ? "wrong" : "right")
        .Always("judge", prompt => prompt.Contains("Answer to grade:\nright", StringComparison.Ordinal)
            ? """{"score": 1, "reasons": ["right"]}"""
            : """{"score": 0, "reasons": ["wrong"]}""");

    public static bool WeakRight(int i) => i % 2 == 0;

    public static bool StrongRight(int i) => i % 5 != 0;
}
