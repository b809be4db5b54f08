using ModelAlloy.Durable.Serialization;

namespace ModelAlloy.Durable.Tests.Serialization;

public sealed class DataConverterTests
{
    private static readonly DataConverter Converter = JsonDataConverter.Default;

    [Fact]
    public void Null_serializes_to_null_and_back_to_default()
    {
        Assert.Null(Converter.Serialize(null));
        Assert.Null(Converter.Deserialize<string>(null));
        Assert.Equal(0, Converter.Deserialize<int>(null));
    }

    [Fact]
    public void Record_round_trips_as_camel_case_json()
    {
        var json = Converter.Serialize(new Ticket("T-1", 3));

        Assert.Equal("""{"id":"T-1","priority":3}""", json);
        Assert.Equal(new Ticket("T-1", 3), Converter.Deserialize<Ticket>(json));
    }

    [Fact]
    public void Object_cycle_fails_naming_the_type()
    {
        var node = new Node();
        node.Next = node;

        var error = Assert.Throws<DurableTaskException>(() => Converter.Serialize(node));

        Assert.Equal(DurableErrorCodes.SerializationFailed, error.ErrorCode);
        Assert.Contains(typeof(Node).FullName!, error.Message);
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void System_Type_value_fails_naming_the_type()
    {
        var error = Assert.Throws<DurableTaskException>(() => Converter.Serialize(new TypeHolder(typeof(int))));

        Assert.Equal(DurableErrorCodes.SerializationFailed, error.ErrorCode);
        Assert.Contains(typeof(TypeHolder).FullName!, error.Message);
    }

    [Fact]
    public void Pointer_value_fails_naming_the_type()
    {
        var error = Assert.Throws<DurableTaskException>(() => Converter.Serialize(new PointerHolder(IntPtr.Zero)));

        Assert.Equal(DurableErrorCodes.SerializationFailed, error.ErrorCode);
        Assert.Contains(typeof(PointerHolder).FullName!, error.Message);
    }

    [Fact]
    public void Malformed_json_fails_naming_the_target_type()
    {
        var error = Assert.Throws<DurableTaskException>(() => Converter.Deserialize<Ticket>("{not json"));

        Assert.Equal(DurableErrorCodes.SerializationFailed, error.ErrorCode);
        Assert.Contains(typeof(Ticket).FullName!, error.Message);
    }

    [Fact]
    public void Json_of_another_shape_fails_naming_the_target_type()
    {
        var error = Assert.Throws<DurableTaskException>(() => Converter.Deserialize<int>("\"twelve\""));

        Assert.Equal(DurableErrorCodes.SerializationFailed, error.ErrorCode);
        Assert.Contains("System.Int32", error.Message);
    }

    [Fact]
    public void Interface_target_fails_with_a_serialization_error()
    {
        var error = Assert.Throws<DurableTaskException>(() => Converter.Deserialize<IDisposable>("{}"));

        Assert.Equal(DurableErrorCodes.SerializationFailed, error.ErrorCode);
    }

    public sealed record Ticket(string Id, int Priority);

    public sealed class Node
    {
        public Node? Next { get; set; }
    }

    public sealed record TypeHolder(Type Type);

    public sealed record PointerHolder(IntPtr Pointer);
}
