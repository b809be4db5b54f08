using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// The learned router's ML.NET pipeline: TF-IDF word unigrams and character trigrams of the prompt (L2-normalized),
/// the task type's prior as three numbers (the logits of its shrunk training rates of the three labels, see
/// <see cref="TaskTypePriors"/>: one weight each, where a one-hot task type spread the prior over one regularized weight
/// per task type), one-hot pipeline and stage, and log prompt length, into three L2-regularized logistic regressions on
/// the same features: whether the weak model suffices, whether the weak model is correct, whether the strong model is
/// correct. The router's probability that the weak model suffices is the mean of the first and of
/// 1 − (P(strong correct) − P(weak correct)), two estimates of one quantity whose errors differ (the second uses every
/// row's two labels, not just their combination); on RouteLLM's MMLU the mean ranks better than either alone.
/// </summary>
internal static class RouterPipeline
{
    public static readonly IReadOnlyList<string> Features =
    [
        "prompt text: TF-IDF word unigrams + character trigrams, L2-normalized",
        "task type: logits of its training rates of weak-suffices, weak-correct, strong-correct, shrunk toward the overall rates (out of fold for training rows)",
        "pipeline: one-hot",
        "stage: one-hot",
        "length: log(1 + characters)",
        "heads: logistic regressions for weak-suffices, weak-correct, strong-correct; P(weak suffices) = mean(p_suffices, 1 - (p_strong - p_weak))",
    ];

    public static IEstimator<ITransformer> Build(MLContext ml, LearnedRouterOptions options)
    {
        var text = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        return ml.Transforms.Text.FeaturizeText("TextFeatures", text, nameof(RouterInput.Text))
            .Append(ml.Transforms.Categorical.OneHotEncoding("PipelineFeatures", nameof(RouterInput.Pipeline)))
            .Append(ml.Transforms.Categorical.OneHotEncoding("StageFeatures", nameof(RouterInput.Stage)))
            .Append(ml.Transforms.Concatenate("Features", "TextFeatures", "PipelineFeatures", "StageFeatures", nameof(RouterInput.LogLength),
                nameof(RouterInput.PriorWeakSuffices), nameof(RouterInput.PriorWeakCorrect), nameof(RouterInput.PriorStrongCorrect)))
            .Append(Head(ml, options, nameof(RouterInput.WeakSuffices), nameof(RouterOutput.PWeakSuffices)))
            .Append(Head(ml, options, nameof(RouterInput.WeakCorrect), nameof(RouterOutput.PWeakCorrect)))
            .Append(Head(ml, options, nameof(RouterInput.StrongCorrect), nameof(RouterOutput.PStrongCorrect)));
    }

    private static IEstimator<ITransformer> Head(MLContext ml, LearnedRouterOptions options, string label, string output) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = "Features",
            L2Regularization = options.L2Regularization,
            L1Regularization = 0,
        }).Append(ml.Transforms.CopyColumns(output, "Probability"));
}
