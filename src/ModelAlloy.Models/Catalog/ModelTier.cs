namespace ModelAlloy.Models;

/// <summary>A coarse capability and price class, used by reports and budget downgrades.</summary>
public enum ModelTier
{
    /// <summary>Cheap, fast models for classification and extraction.</summary>
    Economy = 0,

    /// <summary>General-purpose models.</summary>
    Standard,

    /// <summary>The most capable and most expensive models.</summary>
    Premium,
}
