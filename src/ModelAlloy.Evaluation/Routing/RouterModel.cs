using System.Security.Cryptography;
using Microsoft.ML;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>A fitted ML.NET router model with its serialized bytes (what is saved, and hashed for the version).</summary>
internal sealed class RouterModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly object _gate = new();
    private PredictionEngine<RouterInput, RouterOutput>? _engine;

    private RouterModel(MLContext ml, ITransformer transformer, byte[] bytes)
    {
        _ml = ml;
        _transformer = transformer;
        Bytes = bytes;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public byte[] Bytes { get; }

    public string Sha256 { get; }

    public static RouterModel Fit(IEnumerable<Replay.RecordedOutcome> rows, LearnedRouterOptions options)
    {
        var ml = new MLContext(options.Seed);
        IDataView data = ml.Data.LoadFromEnumerable(rows.Select(RouterInput.From));
        ITransformer transformer = RouterPipeline.Build(ml, options).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(transformer, data.Schema, stream);
        return new RouterModel(ml, transformer, stream.ToArray());
    }

    public static RouterModel Load(byte[] bytes)
    {
        var ml = new MLContext(0);
        using var stream = new MemoryStream(bytes, writable: false);
        ITransformer transformer = ml.Model.Load(stream, out _);
        return new RouterModel(ml, transformer, bytes);
    }

    public double[] Predict(IEnumerable<RouterInput> inputs)
    {
        IDataView scored = _transformer.Transform(_ml.Data.LoadFromEnumerable(inputs));
        return _ml.Data.CreateEnumerable<RouterOutput>(scored, reuseRowObject: false).Select(o => o.Combined).ToArray();
    }

    public double Predict(RouterInput input)
    {
        lock (_gate)
        {
            _engine ??= _ml.Model.CreatePredictionEngine<RouterInput, RouterOutput>(_transformer);
            return _engine.Predict(input).Combined;
        }
    }
}
