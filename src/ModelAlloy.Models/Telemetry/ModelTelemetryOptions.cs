namespace ModelAlloy.Models;

/// <summary>What the model-call spans may record, bound from <see cref="SectionName"/>.</summary>
public sealed class ModelTelemetryOptions
{
    /// <summary>The configuration section (<c>ModelAlloy__Telemetry__RecordContent</c> as an app setting).</summary>
    public const string SectionName = "ModelAlloy:Telemetry";

    /// <summary>The setting that turns content recording on.</summary>
    public const string RecordContentSettingName = SectionName + ":" + nameof(RecordContent);

    /// <summary>
    /// Gets or sets whether spans carry the prompt and the completion (<c>gen_ai.input.messages</c>,
    /// <c>gen_ai.output.messages</c>, secrets redacted). Off by default: prompts and answers often hold personal data.
    /// </summary>
    public bool RecordContent { get; set; }
}
