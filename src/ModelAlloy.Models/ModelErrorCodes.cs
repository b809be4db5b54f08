namespace ModelAlloy.Models;

/// <summary>Stable error codes carried by <see cref="ModelGatewayException"/>.</summary>
public static class ModelErrorCodes
{
    /// <summary>The model catalog failed validation at startup.</summary>
    public const string CatalogInvalid = "MODEL_CATALOG_INVALID";

    /// <summary>A request named a model id that is not in the catalog.</summary>
    public const string UnknownModel = "MODEL_UNKNOWN";

    /// <summary>A request named a role that has no fallback chain in the catalog.</summary>
    public const string UnknownRole = "MODEL_ROLE_UNKNOWN";

    /// <summary>The environment variable that should hold a model's API key is not set.</summary>
    public const string CredentialMissing = "MODEL_CREDENTIAL_MISSING";

    /// <summary>A request was malformed (no messages, neither model nor role...).</summary>
    public const string InvalidRequest = "MODEL_REQUEST_INVALID";

    /// <summary>Every model in the fallback chain was tried and none produced an acceptable answer.</summary>
    public const string AllAttemptsFailed = "MODEL_ALL_ATTEMPTS_FAILED";

    /// <summary>The run's cost cap was reached.</summary>
    public const string RunBudgetExceeded = "MODEL_RUN_BUDGET_EXCEEDED";

    /// <summary>The pipeline's daily budget was reached.</summary>
    public const string DailyBudgetExceeded = "MODEL_DAILY_BUDGET_EXCEEDED";

    /// <summary>A call's chain was exhausted and escalated to a human, and nobody answered within the role's EscalationTimeout.</summary>
    public const string HumanEscalationTimedOut = "MODEL_HUMAN_ESCALATION_TIMED_OUT";

    /// <summary>The prompt does not fit any model in the chain.</summary>
    public const string ContextWindowExceeded = "MODEL_CONTEXT_WINDOW_EXCEEDED";

    /// <summary>A provider client threw something the gateway does not recognise as a provider failure (a bug to report).</summary>
    public const string ProviderUnexpected = "MODEL_PROVIDER_UNEXPECTED";

    /// <summary>The cost ledger or cooldown store could not be written.</summary>
    public const string StorageFailed = "MODEL_STORAGE_FAILED";
}
