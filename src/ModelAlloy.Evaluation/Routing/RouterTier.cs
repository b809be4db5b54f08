namespace ModelAlloy.Evaluation.Routing;

/// <summary>The tier a router falls back to where it has no better than random signal.</summary>
public enum RouterTier
{
    /// <summary>The strong (capable) model: quality first.</summary>
    Strong,

    /// <summary>The weak (cheap) model: cost first.</summary>
    Weak,
}
