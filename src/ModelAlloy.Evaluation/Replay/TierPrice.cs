namespace ModelAlloy.Evaluation.Replay;

/// <summary>One tier's model and its prices in US dollars per million tokens.</summary>
/// <param name="Model">The model's name, as the report shows it.</param>
/// <param name="InputPerMillion">Dollars per million input tokens.</param>
/// <param name="OutputPerMillion">Dollars per million output tokens.</param>
public sealed record TierPrice(string Model, decimal InputPerMillion, decimal OutputPerMillion);
