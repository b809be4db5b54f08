using Microsoft.ML.Data;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>The ML.NET row of the learned router.</summary>
internal sealed class RouterInput
{
    public string Text { get; set; } = "";

    public string Pipeline { get; set; } = "";

    public string Stage { get; set; } = "";

    public float LogLength { get; set; }

    /// <summary>Gets or sets the logit of the task type's training rate of "weak suffices".</summary>
    public float PriorWeakSuffices { get; set; }

    /// <summary>Gets or sets the logit of the task type's training rate of "weak correct".</summary>
    public float PriorWeakCorrect { get; set; }

    /// <summary>Gets or sets the logit of the task type's training rate of "strong correct".</summary>
    public float PriorStrongCorrect { get; set; }

    /// <summary>Gets or sets the prompt's shape (<see cref="PromptShape"/>): its options and how rare its words are.</summary>
    [VectorType(PromptShape.Count)]
    public float[] Shape { get; set; } = new float[PromptShape.Count];

    public bool WeakSuffices { get; set; }

    public bool WeakCorrect { get; set; }

    public bool StrongCorrect { get; set; }

    public static RouterInput From(RouteFeatures features, TaskTypePrior prior) => new()
    {
        Text = features.Prompt,
        Pipeline = features.Pipeline,
        Stage = features.Stage,
        LogLength = (float)Math.Log(1 + features.Length),
        PriorWeakSuffices = TaskTypePrior.Logit(prior.WeakSuffices),
        PriorWeakCorrect = TaskTypePrior.Logit(prior.WeakCorrect),
        PriorStrongCorrect = TaskTypePrior.Logit(prior.StrongCorrect),
        Shape = PromptShape.Of(features.Prompt),
    };

    public static RouterInput From(Replay.RecordedOutcome outcome, TaskTypePrior prior)
    {
        RouterInput input = From(RouteFeatures.From(outcome), prior);
        input.WeakSuffices = outcome.WeakSuffices;
        input.WeakCorrect = outcome.WeakCorrect;
        input.StrongCorrect = outcome.StrongCorrect;
        return input;
    }
}

/// <summary>The ML.NET prediction of the learned router: the three labels from the linear heads and from the trees.</summary>
internal sealed class RouterOutput
{
    public float PWeakSuffices { get; set; }

    public float PWeakCorrect { get; set; }

    public float PStrongCorrect { get; set; }

    public float TreeWeakSuffices { get; set; }

    public float TreeWeakCorrect { get; set; }

    public float TreeStrongCorrect { get; set; }

    /// <summary>
    /// The ensemble: the mean of the linear heads' and the trees' estimates of P(weak suffices), each the mean of its
    /// direct estimate and 1 − (P(strong correct) − P(weak correct)), clamped to 0..1.
    /// </summary>
    public double Combined => (Estimate(PWeakSuffices, PWeakCorrect, PStrongCorrect) + Estimate(TreeWeakSuffices, TreeWeakCorrect, TreeStrongCorrect)) / 2;

    private static double Estimate(float weakSuffices, float weakCorrect, float strongCorrect) =>
        Math.Clamp((weakSuffices + 1 - (strongCorrect - weakCorrect)) / 2, 0, 1);
}
