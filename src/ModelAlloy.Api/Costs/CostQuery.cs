using System.Globalization;
using Microsoft.AspNetCore.Http;
using ModelAlloy.Models;

namespace ModelAlloy.Api.Costs;

/// <summary>
/// The query of <c>GET /api/costs</c> and <c>GET /api/dashboard</c>: <c>from</c> and <c>to</c> as UTC days
/// (yyyy-MM-dd; default: the last days ending today) and <c>by</c> = <c>pipeline</c> | <c>task</c> | <c>model</c> |
/// <c>provider</c>.
/// </summary>
/// <param name="From">First UTC day.</param>
/// <param name="To">Last UTC day.</param>
/// <param name="By">The grouping.</param>
internal sealed record CostQuery(DateOnly From, DateOnly To, CostDimension By)
{
    private static readonly Dictionary<string, CostDimension> Dimensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pipeline"] = CostDimension.Pipeline,
        ["task"] = CostDimension.TaskType,
        ["model"] = CostDimension.Model,
        ["provider"] = CostDimension.Provider,
    };

    /// <summary>The <c>by</c> name of a dimension.</summary>
    public static string NameOf(CostDimension dimension) => Dimensions.First(d => d.Value == dimension).Key;

    /// <summary>Reads the query, or says which parameters are wrong.</summary>
    public static (CostQuery? Query, Dictionary<string, string[]> Errors) Read(IQueryCollection query, DateOnly today, int defaultDays, int maxDays)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateOnly? to = Day(query, "to", errors), from = Day(query, "from", errors);
        CostDimension by = CostDimension.Pipeline;
        if (query.TryGetValue("by", out var text) && !Dimensions.TryGetValue(text.ToString(), out by))
        {
            errors["by"] = [$"must be pipeline, task, model or provider, not '{text}'"];
        }

        DateOnly last = to ?? today, first = from ?? last.AddDays(1 - defaultDays);
        if (errors.Count == 0 && first > last)
        {
            errors["from"] = [$"must not be after to ({last:yyyy-MM-dd})"];
        }
        else if (errors.Count == 0 && last.DayNumber - first.DayNumber + 1 > maxDays)
        {
            errors["from"] = [$"the range must be at most {maxDays} days"];
        }

        return (errors.Count == 0 ? new CostQuery(first, last, by) : null, errors);
    }

    private static DateOnly? Day(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
        {
            return day;
        }

        errors[name] = [$"must be a UTC day as yyyy-MM-dd, not '{text}'"];
        return null;
    }
}
