using System.Text.RegularExpressions;
using ModelAlloy.Pipelines.Definitions;
using ModelAlloy.Pipelines.Research;
using ModelAlloy.Pipelines.Stages;

namespace ModelAlloy.Pipelines.Validation;

/// <summary>The rules a typed definition must follow: ids, routes, thresholds, steps and an acyclic stage graph.</summary>
internal static class PipelineDefinitionValidator
{
    public static IReadOnlyList<PipelineDefinitionError> Validate(string source, PipelineDefinition definition, ModelCatalogNames? catalog)
    {
        var errors = new ErrorList(source, catalog);
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            errors.Add("$.name", "a pipeline needs a name");
        }

        CrossCuttingRules.CheckPipeline(definition, errors);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < definition.Stages.Count; i++)
        {
            StageDefinition stage = definition.Stages[i];
            string path = $"$.stages[{i}]";
            if (string.IsNullOrWhiteSpace(stage.Id))
            {
                errors.Add(path + ".id", "a stage needs an id");
            }
            else if (!ids.Add(stage.Id))
            {
                errors.Add(path + ".id", $"stage id '{stage.Id}' is used twice");
            }

            if (stage.Next is { } next && definition.FindStage(next) is null)
            {
                errors.Add(path + ".next", $"'next' names stage '{next}', which does not exist");
            }

            CheckStage(definition, stage, path, errors);
            CrossCuttingRules.CheckStage(definition, stage, path, errors);
        }

        if (errors.Count == 0)
        {
            CheckAcyclic(definition, errors);
        }

        return errors.Items;
    }

    private static void CheckStage(PipelineDefinition definition, StageDefinition stage, string path, ErrorList errors)
    {
        switch (stage)
        {
            case RouterStageDefinition router:
                CheckRouter(definition, router, path, errors);
                break;
            case CascadeStageDefinition cascade:
                errors.Require(cascade.Tiers.Count > 0, path + ".tiers", "a cascade needs at least one tier");
                for (int t = 0; t < cascade.Tiers.Count; t++)
                {
                    errors.Step(cascade.Tiers[t].Step, $"{path}.tiers[{t}].step");
                    errors.Judge(cascade.Tiers[t].Judge, $"{path}.tiers[{t}].judge");
                }

                break;
            case ChainStageDefinition chain:
                errors.Require(chain.Steps.Count > 0, path + ".steps", "a chain needs at least one step");
                for (int s = 0; s < chain.Steps.Count; s++)
                {
                    errors.Step(chain.Steps[s], $"{path}.steps[{s}]");
                }

                break;
            case ExtractReasonStageDefinition extract:
                errors.Step(extract.Extractor, path + ".extractor");
                errors.Require(extract.Extractor.JsonSchema is not null, path + ".extractor.jsonSchema", "the extractor needs a JSON Schema: it defines the handoff");
                errors.Step(extract.Reasoner, path + ".reasoner");
                errors.Require(
                    extract.OnViolation != HandoffViolationPolicy.Fallback || extract.Fallback is not null,
                    path + ".fallback",
                    "onViolation 'fallback' needs a 'fallback' step");
                errors.Step(extract.Fallback, path + ".fallback");
                break;
            case DraftPolishStageDefinition draft:
                errors.Step(draft.Drafter, path + ".drafter");
                errors.Judge(draft.Judge, path + ".judge");
                errors.Step(draft.Polisher, path + ".polisher");
                break;
            case ParallelStageDefinition parallel:
                errors.Require(parallel.Specialists.Count > 0, path + ".specialists", "parallel needs at least one specialist");
                foreach ((string name, ModelStep step) in parallel.Specialists)
                {
                    errors.Step(step, $"{path}.specialists.{name}");
                }

                errors.Require(
                    (parallel.MergeTemplate is null) != (parallel.Synthesizer is null),
                    path,
                    "parallel merges by 'mergeTemplate' or by 'synthesizer': give exactly one");
                errors.Step(parallel.Synthesizer, path + ".synthesizer");
                break;
            case EnsembleStageDefinition ensemble:
                errors.Require(ensemble.Members.Count >= 2, path + ".members", "an ensemble needs at least two members");
                for (int m = 0; m < ensemble.Members.Count; m++)
                {
                    errors.Step(ensemble.Members[m], $"{path}.members[{m}]");
                }

                errors.Range(ensemble.Threshold, 0, 1, path + ".threshold", "agreement threshold");
                errors.Require(ensemble.Review.TimeoutSeconds > 0, path + ".review.timeoutSeconds", "the review timeout must be positive");
                errors.Require(
                    ensemble.Aggregation != EnsembleAggregation.Synthesizer || ensemble.Synthesizer is not null,
                    path + ".synthesizer",
                    "aggregation 'synthesizer' needs a 'synthesizer' step");
                errors.Step(ensemble.Synthesizer, path + ".synthesizer");
                break;
            case ValidationStageDefinition validation:
                errors.Step(validation.Validator, path + ".validator");
                errors.Require(
                    validation.OnFailure != ValidationFailurePolicy.Fallback || validation.Fallback is not null, path + ".fallback", "onFailure 'fallback' needs a 'fallback' step");
                errors.Require(
                    validation.OnFailure != ValidationFailurePolicy.Refine || validation.Reviser is not null, path + ".reviser", "onFailure 'refine' needs a 'reviser' step");
                errors.Step(validation.Fallback, path + ".fallback");
                errors.Step(validation.Reviser, path + ".reviser");
                errors.Range(validation.MaxRounds, 1, 10, path + ".maxRounds", "maxRounds");
                break;
            case RefineStageDefinition refine:
                errors.Step(refine.Critic, path + ".critic");
                errors.Step(refine.Reviser, path + ".reviser");
                errors.Range(refine.MaxRounds, 1, 10, path + ".maxRounds", "maxRounds");
                break;
            case ResearchStageDefinition research:
                CheckResearch(research, path, errors);
                break;
            case SubPipelineStageDefinition sub:
                errors.Require(!string.IsNullOrWhiteSpace(sub.Pipeline), path + ".pipeline", "name the pipeline to run");
                errors.Require(
                    !string.Equals(sub.Pipeline, definition.Name, StringComparison.Ordinal),
                    path + ".pipeline",
                    $"cycle: pipeline '{definition.Name}' runs itself");
                break;
        }
    }

    private static void CheckResearch(ResearchStageDefinition research, string path, ErrorList errors)
    {
        errors.Step(research.Queries, path + ".queries");
        errors.Step(research.Claims, path + ".claims");
        errors.Step(research.Structure, path + ".structure");
        errors.Step(research.Synthesizer, path + ".synthesizer");
        errors.Range(research.MaxQueries, 1, 10, path + ".maxQueries", "maxQueries");
        errors.Range(research.MaxResults, 1, 20, path + ".maxResults", "maxResults");
        errors.Range(research.DuplicateThreshold, 0, 1, path + ".duplicateThreshold", "near-duplicate threshold");
        errors.Require(
            SearchBackendNames.All.Contains(research.Search.Backend, StringComparer.Ordinal),
            path + ".search.backend",
            $"unknown search backend '{research.Search.Backend}'; use one of: {string.Join(", ", SearchBackendNames.All)}");
        errors.Range(research.Search.MaxAttempts, 1, 10, path + ".search.maxAttempts", "search maxAttempts");
        errors.Require(
            research.Search.FirstRetrySeconds > 0 && research.Search.FirstRetrySeconds <= 300,
            path + ".search.firstRetrySeconds",
            $"search firstRetrySeconds {research.Search.FirstRetrySeconds} is out of range (0, 300]");
    }

    private static void CheckRouter(PipelineDefinition definition, RouterStageDefinition router, string path, ErrorList errors)
    {
        errors.Require(router.Routes.Count > 0, path + ".routes", "a router needs at least one route");
        errors.Require(router.Next is null, path + ".next", "a router hands over through its routes, not 'next'");
        foreach ((string route, string target) in router.Routes)
        {
            errors.Require(definition.FindStage(target) is not null, $"{path}.routes.{route}", $"route '{route}' goes to stage '{target}', which does not exist");
        }

        errors.Require(router.Routes.ContainsKey(router.DefaultRoute), path + ".defaultRoute", $"the default route '{router.DefaultRoute}' is not one of the routes");
        for (int r = 0; r < router.Rules.Count; r++)
        {
            RouteRule rule = router.Rules[r];
            string rulePath = $"{path}.rules[{r}]";
            errors.Require(router.Routes.ContainsKey(rule.Route), rulePath + ".route", $"rule route '{rule.Route}' is not one of the routes");
            errors.Require(
                rule.MinLength is not null || rule.MaxLength is not null || rule.Regex is not null || rule.Keywords is { Count: > 0 } || rule.Fields is { Count: > 0 },
                rulePath,
                "a rule needs at least one condition (minLength, maxLength, regex, keywords, fields)");
            if (rule.Regex is { } regex)
            {
                try
                {
                    _ = new Regex(regex, RuleMatcher.RegexOptions);
                }
                catch (ArgumentException ex)
                {
                    errors.Add(rulePath + ".regex", $"not a valid regular expression: {ex.Message}");
                }
            }
        }

        if (router.Classifier is { } classifier)
        {
            errors.Step(classifier.Step, path + ".classifier.step");
            for (int t = 0; t < classifier.Thresholds.Count; t++)
            {
                ComplexityThreshold threshold = classifier.Thresholds[t];
                string thresholdPath = $"{path}.classifier.thresholds[{t}]";
                errors.Range(threshold.MinComplexity, 1, 5, thresholdPath + ".minComplexity", "complexity threshold");
                errors.Require(router.Routes.ContainsKey(threshold.Route), thresholdPath + ".route", $"threshold route '{threshold.Route}' is not one of the routes");
            }
        }
    }

    private static void CheckAcyclic(PipelineDefinition definition, ErrorList errors)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path, true: done
        var trail = new List<string>();

        bool Visit(string id)
        {
            if (state.TryGetValue(id, out bool done))
            {
                if (!done)
                {
                    int index = definition.Stages.ToList().FindIndex(s => s.Id == trail[^1]);
                    string cycle = string.Join(" → ", trail.SkipWhile(s => s != id).Append(id));
                    errors.Add($"$.stages[{index}]", $"cycle in the stage graph: {cycle}; stages must form a DAG (use a refine loop for repetition)");
                    return false;
                }

                return true;
            }

            state[id] = false;
            trail.Add(id);
            foreach (string next in CrossCuttingRules.Successors(definition.FindStage(id)!))
            {
                if (!Visit(next))
                {
                    return false;
                }
            }

            trail.RemoveAt(trail.Count - 1);
            state[id] = true;
            return true;
        }

        foreach (StageDefinition stage in definition.Stages)
        {
            if (!Visit(stage.Id))
            {
                return;
            }
        }
    }
}
