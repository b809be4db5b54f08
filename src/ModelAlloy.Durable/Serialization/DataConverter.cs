using System.Text.Json;

namespace ModelAlloy.Durable.Serialization;

/// <summary>Turns inputs, outputs and event payloads into the strings stored in history, and back.</summary>
public abstract class DataConverter
{
    /// <summary>Serializes a value; null stays null.</summary>
    /// <exception cref="DurableTaskException">With <see cref="DurableErrorCodes.SerializationFailed"/>, naming the type.</exception>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes a value of <paramref name="type"/>; null stays default.</summary>
    public abstract object? Deserialize(string? data, Type type);

    /// <summary>Deserializes a value of <typeparamref name="T"/>.</summary>
    public T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}

/// <summary>The default converter: System.Text.Json with web defaults (camelCase, case-insensitive reads).</summary>
public sealed class JsonDataConverter : DataConverter
{
    /// <summary>A shared instance with default options.</summary>
    /// <remarks>
    /// Payloads are stored, not embedded in HTML, so the relaxed encoder keeps quotes and non-ASCII text readable in
    /// history and status (an LLM answer stays legible in storage explorers and the HTTP API).
    /// </remarks>
    public static JsonDataConverter Default { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a converter with the given options.</summary>
    public JsonDataConverter(JsonSerializerOptions options) => _options = options;

    /// <inheritdoc/>
    public override string? Serialize(object? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Serialize(value, value.GetType(), _options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new DurableTaskException(
                DurableErrorCodes.SerializationFailed,
                $"A value of type '{value.GetType().FullName}' cannot be serialized to JSON: {ex.Message}",
                ex);
        }
    }

    /// <inheritdoc/>
    public override object? Deserialize(string? data, Type type)
    {
        if (data is null)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        try
        {
            return JsonSerializer.Deserialize(data, type, _options);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException)
        {
            throw new DurableTaskException(
                DurableErrorCodes.SerializationFailed,
                $"Stored JSON cannot be read as '{type.FullName}': {ex.Message}",
                ex);
        }
    }
}
