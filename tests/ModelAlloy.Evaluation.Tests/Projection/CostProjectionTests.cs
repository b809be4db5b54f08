using ModelAlloy.Evaluation.Projection;
using ModelAlloy.Evaluation.SideBySide;

namespace ModelAlloy.Evaluation.Tests.Projection;

public sealed class CostProjectionTests
{
    [Fact]
    public void Monthly_cost_is_the_measured_cost_per_item_times_the_volume()
    {
        // 4 items for $0.0026 in all: $0.00065 per item → $650 per 1M requests; 200 items for $0.5 → $2,500.
        var alloy = new SystemSummary { System = EvalSystem.ForPipeline("support-triage"), Items = 4, CostUsd = 0.0026m, MeanLatencyMs = 812.4, Quality = 0.75 };
        var premium = new SystemSummary { System = EvalSystem.Baseline("sim-large"), Items = 200, CostUsd = 0.5m, MeanLatencyMs = 400, Quality = 0.9 };

        IReadOnlyList<ProjectionRow> rows = CostProjection.From([alloy, premium]);

        Assert.Equal(new ProjectionRow("pipeline support-triage", 1_000_000, 650m, 812.4, 0.75), rows[0]);
        Assert.Equal(new ProjectionRow("sim-large alone", 1_000_000, 2_500m, 400, 0.9), rows[1]);
        Assert.Equal(65m, CostProjection.From([alloy], requestsPerMonth: 100_000)[0].MonthlyCostUsd);
        string table = SideBySideTable.Projection(rows);
        Assert.Matches(@"pipeline support-triage\s+\$650\s+812 ms\s+75\.0%", table);
        Assert.Matches(@"sim-large alone\s+\$2,500\s+400 ms\s+90\.0%", table);
    }
}
