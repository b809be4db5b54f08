using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using ModelAlloy.Models;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// The prompt's shape as numbers, read without any label: what its multiple-choice options look like (lines
/// <c>A.</c> to <c>D.</c>), and how rare its words are to a BPE tokenizer (o200k, whose token ids are in merge order,
/// so a word seldom seen when the vocabulary was built splits into more tokens, and its tokens have higher ids). A
/// prompt without options gets zeros for the option numbers.
/// </summary>
internal static partial class PromptShape
{
    /// <summary>The names of the numbers, in order (the manifest lists them).</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "options: mean log(1 + characters)",
        "options: longest minus shortest log length",
        "options: share that are numbers",
        "options: one says 'of the above' or 'of these'",
        "options: one is a roman-numeral combination (I, II, ...)",
        "stem: says NOT, EXCEPT or LEAST",
        "stem: log(1 + characters)",
        "digits per 10 characters",
        "tokens: mean log(1 + o200k id)",
        "tokens: share with an id over 100,000",
        "words of 4+ letters: mean tokens per word",
        "words of 4+ letters: share split into 3+ tokens",
        "tokens per 4 characters",
    ];

    // Training fits a router several times on the same rows (validation folds, then all rows), so each prompt string's
    // shape is computed once and kept while the string lives.
    private static readonly ConditionalWeakTable<string, float[]> Computed = new();

    /// <summary>The number of values <see cref="Of"/> returns (the length of <see cref="Names"/>).</summary>
    public const int Count = 13;

    /// <summary>Computes a prompt's shape.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns><see cref="Count"/> values, in the order of <see cref="Names"/> (a new array).</returns>
    public static float[] Of(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return (float[])Computed.GetValue(prompt, p => [.. Options(p), .. Rarity(p)]).Clone();
    }

    private static float[] Options(string prompt)
    {
        string[] lines = prompt.Split('\n');
        string[] options = lines.Where(IsOption).Select(l => l[2..].Trim()).ToArray();
        if (options.Length == 0)
        {
            return new float[8];
        }

        string stem = string.Join('\n', lines.TakeWhile(l => !(IsOption(l) && l[0] == 'A')));
        double[] length = options.Select(o => Math.Log(1 + o.Length)).ToArray();
        return
        [
            (float)length.Average(),
            (float)(length.Max() - length.Min()),
            (float)(options.Count(o => NumberOption().IsMatch(o)) / (double)options.Length),
            options.Any(o => o.Contains("of the above", StringComparison.OrdinalIgnoreCase) || o.Contains("of these", StringComparison.OrdinalIgnoreCase)) ? 1 : 0,
            options.Any(o => RomanCombination().IsMatch(o)) ? 1 : 0,
            Negation().IsMatch(stem) ? 1 : 0,
            (float)Math.Log(1 + stem.Length),
            (float)(prompt.Count(char.IsDigit) / (double)Math.Max(1, prompt.Length) * 10),
        ];
    }

    private static float[] Rarity(string prompt)
    {
        Tokenizer tokenizer = O200kTokenizer.Instance;
        IReadOnlyList<int> ids = tokenizer.EncodeToIds(prompt);
        double meanLogId = ids.Count == 0 ? 0 : ids.Average(i => Math.Log(1 + i));
        double highIds = ids.Count == 0 ? 0 : ids.Count(i => i > 100_000) / (double)ids.Count;
        int[] perWord = Word().Matches(prompt).Select(m => tokenizer.CountTokens(" " + m.Value)).ToArray();
        double tokensPerWord = perWord.Length == 0 ? 0 : perWord.Average();
        double splitWords = perWord.Length == 0 ? 0 : perWord.Count(c => c >= 3) / (double)perWord.Length;
        double tokensPerChar = prompt.Length == 0 ? 0 : ids.Count / (double)prompt.Length;
        return [(float)meanLogId, (float)highIds, (float)tokensPerWord, (float)splitWords, (float)(tokensPerChar * 4)];
    }

    private static bool IsOption(string line) => line.Length >= 2 && line[0] >= 'A' && line[0] <= 'D' && line[1] == '.';

    [GeneratedRegex(@"^[-+$]?[0-9.,/ ^%x*()e-]+\s*[A-Za-z/°%]{0,6}$")]
    private static partial Regex NumberOption();

    [GeneratedRegex("^(I|II|III|IV)( |,|$)")]
    private static partial Regex RomanCombination();

    [GeneratedRegex(@"\b(NOT|EXCEPT|LEAST|not|except|least)\b")]
    private static partial Regex Negation();

    [GeneratedRegex("[A-Za-z]{4,}")]
    private static partial Regex Word();
}
