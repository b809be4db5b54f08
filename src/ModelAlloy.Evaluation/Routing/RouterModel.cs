using System.Security.Cryptography;
using Microsoft.ML;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>
/// A fitted ML.NET router model with its serialized bytes (what is saved, and hashed for the version) and the task-type
/// priors its features read (saved in the manifest).
/// </summary>
internal sealed class RouterModel
{
    /// <summary>The folds of the training rows' out-of-fold priors.</summary>
    private const int PriorFolds = 5;

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly object _gate = new();
    private PredictionEngine<RouterInput, RouterOutput>? _engine;

    private RouterModel(MLContext ml, ITransformer transformer, byte[] bytes, TaskTypePriors priors)
    {
        _ml = ml;
        _transformer = transformer;
        Bytes = bytes;
        Priors = priors;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public byte[] Bytes { get; }

    public string Sha256 { get; }

    public TaskTypePriors Priors { get; }

    /// <summary>
    /// Fits the model. Each training row's prior features come from the other folds' rows (out of fold), so no row's
    /// label feeds its own feature; requests at prediction time read the priors of all training rows.
    /// </summary>
    /// <param name="rows">The training rows.</param>
    /// <param name="options">The options.</param>
    /// <param name="trees">Whether the boosted trees join the logistic regressions (see <see cref="LearnedRouterOptions.MinimumRowsForTrees"/>).</param>
    public static RouterModel Fit(IEnumerable<Replay.RecordedOutcome> rows, LearnedRouterOptions options, bool trees)
    {
        Replay.RecordedOutcome[] training = rows.ToArray();
        TaskTypePrior[] outOfFold = TaskTypePriors.OutOfFold(training, PriorFolds, options.Seed, options.PriorStrength);
        var ml = new MLContext(options.Seed);
        IDataView data = ml.Data.LoadFromEnumerable(training.Select((r, i) => RouterInput.From(r, outOfFold[i])));
        ITransformer transformer = RouterPipeline.Build(ml, options, trees).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(transformer, data.Schema, stream);
        return new RouterModel(ml, transformer, stream.ToArray(), TaskTypePriors.From(training, options.PriorStrength));
    }

    public static RouterModel Load(byte[] bytes, TaskTypePriors priors)
    {
        var ml = new MLContext(0);
        using var stream = new MemoryStream(bytes, writable: false);
        ITransformer transformer = ml.Model.Load(stream, out _);
        return new RouterModel(ml, transformer, bytes, priors);
    }

    public double[] Predict(IEnumerable<RouteFeatures> requests)
    {
        IDataView scored = _transformer.Transform(_ml.Data.LoadFromEnumerable(requests.Select(Input)));
        return _ml.Data.CreateEnumerable<RouterOutput>(scored, reuseRowObject: false).Select(o => o.Combined).ToArray();
    }

    public double Predict(RouteFeatures request)
    {
        RouterInput input = Input(request);
        lock (_gate)
        {
            _engine ??= _ml.Model.CreatePredictionEngine<RouterInput, RouterOutput>(_transformer);
            return _engine.Predict(input).Combined;
        }
    }

    private RouterInput Input(RouteFeatures request) => RouterInput.From(request, Priors.For(request.TaskType));
}
