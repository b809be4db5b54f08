namespace ModelAlloy.Durable.Tests.Client;

public sealed class InstanceIdRulesTests
{
    public static TheoryData<string> ValidIds =>
        ["a", "0", "order-42", "A_b.c:d@e", "tenant1:pipeline.triage@2025-01-01", new string('x', InstanceIdRules.MaxLength)];

    public static TheoryData<string?, string> InvalidIds => new()
    {
        { null, "it is empty" },
        { "", "it is empty" },
        { new string('x', InstanceIdRules.MaxLength + 1), $"{InstanceIdRules.MaxLength + 1} characters long" },
        { "a/b", "'/'" },
        { "a\\b", "'\\'" },
        { "a#b", "'#'" },
        { "a?b", "'?'" },
        { "a b", "' '" },
        { "a\tb", "'\\u0009'" },
        { "a\u0001b", "'\\u0001'" },
        { "a\u007fb", "'\\u007f'" },
        { "caf\u00e9", "'\u00e9'" },
        { "a'b", "'''" },
        { "a%2Fb", "'%'" },
    };

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void Valid_id_is_accepted(string id) => InstanceIdRules.Validate(id);

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public void Invalid_id_is_rejected_with_the_reason(string? id, string reason)
    {
        var error = Assert.Throws<DurableTaskException>(() => InstanceIdRules.Validate(id));

        Assert.Equal(DurableErrorCodes.InvalidInstanceId, error.ErrorCode);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Overlong_id_is_shortened_in_the_message()
    {
        var error = Assert.Throws<DurableTaskException>(() => InstanceIdRules.Validate(new string('x', 10_000)));

        Assert.True(error.Message.Length < 200, $"The message is {error.Message.Length} characters long.");
    }
}
