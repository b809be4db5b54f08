using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms.Text;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// The learned router's ML.NET pipeline, two model families on the same three labels (whether the weak model
/// suffices, whether the weak model is correct, whether the strong model is correct):
/// <list type="bullet">
/// <item>L2-regularized logistic regressions on TF-IDF word unigrams and character trigrams of the prompt
/// (L2-normalized), the task type's prior as three numbers (the logits of its shrunk training rates of the three labels,
/// see <see cref="TaskTypePriors"/>), one-hot pipeline and stage, log prompt length and the prompt's shape
/// (<see cref="PromptShape"/>);</item>
/// <item>boosted trees (FastTree) on the dense numbers alone: log length, the prior and the shape. The trees find what
/// a linear model cannot: how length and shape matter differently at different priors.</item>
/// </list>
/// Each family's P(weak suffices) is the mean of its direct estimate and 1 − (P(strong correct) − P(weak correct)), and
/// the router's is the mean of the two families' (<see cref="RouterOutput.Combined"/>). Without the trees (fewer
/// training rows than <see cref="LearnedRouterOptions.MinimumRowsForTrees"/>) their outputs are copies of the linear
/// heads', so the router is the linear heads alone.
/// </summary>
internal static class RouterPipeline
{
    /// <summary>Describes the features and heads of a model, with or without the trees (saved in the manifest).</summary>
    /// <param name="trees">Whether the model has the boosted trees.</param>
    /// <returns>One line per feature group, then the heads and the combination.</returns>
    public static IReadOnlyList<string> Describe(bool trees) =>
    [
        "prompt text: TF-IDF word unigrams + character trigrams, L2-normalized (linear heads only)",
        "task type: logits of its training rates of weak-suffices, weak-correct, strong-correct, shrunk toward the overall rates (out of fold for training rows)",
        "pipeline: one-hot (linear heads only)",
        "stage: one-hot (linear heads only)",
        "length: log(1 + characters)",
        .. PromptShape.Names.Select(n => "shape: " + n),
        .. trees
            ? (string[])
            [
                "heads: logistic regressions and boosted trees (FastTree: 150 trees, 16 leaves, at least 30 rows a leaf) for weak-suffices, weak-correct, strong-correct",
                "P(weak suffices) = mean over the two families of mean(p_suffices, 1 - (p_strong - p_weak))",
            ]
            :
            [
                "heads: logistic regressions for weak-suffices, weak-correct, strong-correct (no boosted trees: fewer training rows than their minimum)",
                "P(weak suffices) = mean(p_suffices, 1 - (p_strong - p_weak))",
            ],
    ];

    private static readonly (string Label, string Linear, string Tree)[] Heads =
    [
        (nameof(RouterInput.WeakSuffices), nameof(RouterOutput.PWeakSuffices), nameof(RouterOutput.TreeWeakSuffices)),
        (nameof(RouterInput.WeakCorrect), nameof(RouterOutput.PWeakCorrect), nameof(RouterOutput.TreeWeakCorrect)),
        (nameof(RouterInput.StrongCorrect), nameof(RouterOutput.PStrongCorrect), nameof(RouterOutput.TreeStrongCorrect)),
    ];

    public static IEstimator<ITransformer> Build(MLContext ml, LearnedRouterOptions options, bool trees)
    {
        var text = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        string[] dense = [nameof(RouterInput.LogLength), nameof(RouterInput.PriorWeakSuffices), nameof(RouterInput.PriorWeakCorrect), nameof(RouterInput.PriorStrongCorrect), nameof(RouterInput.Shape)];
        IEstimator<ITransformer> pipeline = ml.Transforms.Text.FeaturizeText("TextFeatures", text, nameof(RouterInput.Text))
            .Append(ml.Transforms.Categorical.OneHotEncoding("PipelineFeatures", nameof(RouterInput.Pipeline)))
            .Append(ml.Transforms.Categorical.OneHotEncoding("StageFeatures", nameof(RouterInput.Stage)))
            .Append(ml.Transforms.Concatenate("Features", ["TextFeatures", "PipelineFeatures", "StageFeatures", .. dense]))
            .Append(ml.Transforms.Concatenate("DenseFeatures", dense));
        foreach ((string label, string linear, string tree) in Heads)
        {
            pipeline = pipeline.Append(Linear(ml, options, label)).Append(ml.Transforms.CopyColumns(linear, "Probability"));
            pipeline = trees
                ? pipeline.Append(Trees(ml, label)).Append(ml.Transforms.CopyColumns(tree, "Probability"))
                : pipeline.Append(ml.Transforms.CopyColumns(tree, linear));
        }

        return pipeline;
    }

    private static LbfgsLogisticRegressionBinaryTrainer Linear(MLContext ml, LearnedRouterOptions options, string label) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = "Features",
            L2Regularization = options.L2Regularization,
            L1Regularization = 0,
        });

    // Chosen by 3-fold cross-validation inside the training halves of the replay's in-distribution splits (see the
    // README): 16 leaves and 150 trees beat 8 leaves and 150 or 300 trees, and 16 leaves with 300 trees. One thread
    // keeps a fit reproducible from its seed.
    private static FastTreeBinaryTrainer Trees(MLContext ml, string label) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = "DenseFeatures",
            NumberOfLeaves = 16,
            NumberOfTrees = 150,
            LearningRate = 0.03,
            MinimumExampleCountPerLeaf = 30,
            FeatureFraction = 0.5,
            NumberOfThreads = 1,
        });
}
