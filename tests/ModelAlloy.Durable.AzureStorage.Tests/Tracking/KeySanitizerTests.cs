namespace ModelAlloy.Durable.AzureStorage.Tests.Tracking;

public sealed class KeySanitizerTests
{
    public static TheoryData<string, string> Keys => new()
    {
        { "plain-id_1.2:3@x", "plain-id_1.2:3@x" },
        { "a/b", "a%2Fb" },
        { "back\\slash", "back%5Cslash" },
        { "hash#and?query", "hash%23and%3Fquery" },
        { "100%", "100%25" },
        { "%2F", "%252F" },
        { "tab\there", "tab%09here" },
        { "del\u007fc1\u0085", "del%7Fc1%85" },
        { "", "" },
        { "ünïcødé", "ünïcødé" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Escape_replaces_forbidden_characters_and_round_trips(string raw, string escaped)
    {
        Assert.Equal(escaped, KeySanitizer.Escape(raw));
        Assert.Equal(raw, KeySanitizer.Unescape(escaped));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Escaped_prefix_is_a_prefix_of_the_escaped_key(string raw, string _)
    {
        for (var length = 0; length <= raw.Length; length++)
        {
            Assert.StartsWith(KeySanitizer.Escape(raw[..length]), KeySanitizer.Escape(raw), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Escaped_keys_never_contain_characters_tables_reject()
    {
        var every = new string(Enumerable.Range(0, 256).Select(i => (char)i).ToArray());
        var escaped = KeySanitizer.Escape(every);
        Assert.DoesNotContain(escaped, c => c is '/' or '\\' or '#' or '?' || c < ' ' || c is >= '\u007f' and <= '\u009f');
        Assert.Equal(every, KeySanitizer.Unescape(escaped));
    }
}
