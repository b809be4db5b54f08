namespace ModelAlloy.Bench.Pipelines;

/// <summary>One measured run: wall time, its model-time critical path, the calls and what it cost.</summary>
internal sealed record PipelineSample(
    string Pipeline, string InstanceId, double WallMs, double CriticalMs, double ModelMs, int Calls, decimal CostUsd, bool Simulated, string Path, bool Reviewed);
