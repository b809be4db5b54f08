namespace ModelAlloy.Models;

/// <summary>Resolves a request into a <see cref="ModelCallPlan"/> from the catalog, rejecting malformed requests.</summary>
internal sealed class ModelCallPlanResolver(ModelCatalog catalog)
{
    public ModelCallPlan Resolve(ModelCallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages.Count == 0)
        {
            throw new ModelGatewayException(ModelErrorCodes.InvalidRequest, "a model call needs at least one message");
        }

        if (request.JsonSchema is { } schema)
        {
            StructuredOutputValidator.Parse(schema);
        }

        FallbackChain chain = catalog.ResolveChain(request.Model, request.Role);
        List<ModelDefinition> members = chain.ModelIds.Select(catalog.Get).ToList();
        bool simulated = members[0].Provider == ModelProviderKind.Simulated;
        var larger = catalog.Models
            .Where(m => !chain.ModelIds.Contains(m.Id, StringComparer.OrdinalIgnoreCase))
            .Where(m => (m.Provider == ModelProviderKind.Simulated) == simulated)
            .Select(ToCandidate)
            .OrderBy(c => c.ContextWindow)
            .ThenBy(c => c.PriceRank)
            .ToList();
        return new ModelCallPlan
        {
            Name = chain.Name,
            Candidates = members.Select(ToCandidate).ToList(),
            LargerContext = larger,
            EscalateToHuman = chain.EscalateToHuman,
            EscalationTimeout = chain.EscalationTimeout,
            Retry = catalog.Options.Retry,
            OnBudgetExceeded = catalog.Options.Budgets.OnExceeded,
            EstimatedPromptTokens = TokenEstimator.CountPrompt(request.Messages),
        };
    }

    private static ModelCandidate ToCandidate(ModelDefinition m) =>
        new(m.Id, m.ContextWindow, m.Prices.InputPerMillion, m.Prices.OutputPerMillion);
}
