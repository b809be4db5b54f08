using ModelAlloy.Evaluation.Replay;

namespace ModelAlloy.Evaluation.Tests.Routing;

/// <summary>Recorded outcomes with a known signal (or none): half the prompts carry a "hard" marker word.</summary>
internal static class SyntheticOutcomes
{
    /// <summary>The filler words every synthetic prompt is made of.</summary>
    public static readonly string[] Filler = ["river", "stone", "paper", "cloud", "table", "green", "seven", "north", "quiet", "metal", "glass", "horse"];

    /// <summary>
    /// With <paramref name="signal"/>: a hard prompt (it contains "integral") has the weak model right 20% of the time
    /// and the strong one 90%; an easy prompt ("capital") has both right 90%. Without it, the marker is there but the
    /// outcomes ignore it: weak right 55%, strong right 75%, for every prompt.
    /// </summary>
    public static RecordedOutcome[] Create(int count, bool signal, int seed, int taskTypes = 4)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            bool hard = random.NextDouble() < 0.5;
            string words = string.Join(" ", Enumerable.Range(0, 6 + random.Next(6)).Select(_ => Filler[random.Next(Filler.Length)]));
            string prompt = $"{words} {(hard ? "integral" : "capital")} {Filler[random.Next(Filler.Length)]}?";
            bool weak = random.NextDouble() < (signal ? (hard ? 0.2 : 0.9) : 0.55);
            bool strong = random.NextDouble() < (signal ? 0.9 : 0.75);
            return new RecordedOutcome($"{i}", $"type{i % taskTypes}", prompt, weak, strong);
        }).ToArray();
    }

    public static bool IsHard(RecordedOutcome outcome) => outcome.Prompt.Contains("integral", StringComparison.Ordinal);
}
