using System.Globalization;

namespace ModelAlloy.Evaluation.Routing;

/// <summary>What the router's threshold is calibrated to, on its validation predictions.</summary>
/// <param name="Kind">What <paramref name="Value"/> means.</param>
/// <param name="Value">The target.</param>
public sealed record CalibrationTarget(CalibrationKind Kind, double Value)
{
    /// <summary>Send this share of requests (0..1) to the strong model.</summary>
    /// <param name="share">The share.</param>
    /// <returns>The target.</returns>
    public static CalibrationTarget StrongShare(double share) => new(CalibrationKind.StrongShare, Check(share));

    /// <summary>The fewest strong calls that reach this quality (share answered correctly, 0..1).</summary>
    /// <param name="quality">The quality.</param>
    /// <returns>The target.</returns>
    public static CalibrationTarget Quality(double quality) => new(CalibrationKind.Quality, Check(quality));

    /// <summary>The fewest strong calls that recover this fraction (0..1) of the weak-to-strong quality gap: CPT(x).</summary>
    /// <param name="fraction">The fraction.</param>
    /// <returns>The target.</returns>
    public static CalibrationTarget GapRecovered(double fraction) => new(CalibrationKind.GapRecovered, Check(fraction));

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        CalibrationKind.StrongShare => string.Create(CultureInfo.InvariantCulture, $"strong share {Value * 100:F0}%"),
        CalibrationKind.Quality => string.Create(CultureInfo.InvariantCulture, $"quality {Value * 100:F1}%"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Value * 100:F0}% of the quality gap recovered"),
    };

    private static double Check(double value) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "a calibration target is between 0 and 1");
}

/// <summary>What a <see cref="CalibrationTarget"/>'s value means.</summary>
public enum CalibrationKind
{
    /// <summary>A share of requests sent to the strong model.</summary>
    StrongShare,

    /// <summary>An absolute quality (share answered correctly).</summary>
    Quality,

    /// <summary>A fraction of the weak-to-strong quality gap.</summary>
    GapRecovered,
}
