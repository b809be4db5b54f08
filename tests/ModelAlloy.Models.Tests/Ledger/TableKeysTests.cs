namespace ModelAlloy.Models.Tests.Ledger;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("run-1|0001|01", "run-1|0001|01")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData(@"a\b", "a%5Cb")]
    [InlineData("a#b?c", "a%23b%3Fc")]
    [InlineData("100%", "100%25")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("", "")]
    [InlineData("ünïcødé", "ünïcødé")]
    public void Forbidden_characters_are_escaped_and_the_rest_kept(string raw, string escaped)
    {
        Assert.Equal(escaped, TableKeys.Escape(raw));
        Assert.Equal(raw, TableKeys.Unescape(escaped));
    }

    [Fact]
    public void Escaping_round_trips_every_low_character()
    {
        string all = new(Enumerable.Range(0, 256).Select(i => (char)i).ToArray());

        string escaped = TableKeys.Escape(all);

        Assert.DoesNotContain(escaped, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.Equal(all, TableKeys.Unescape(escaped));
    }
}
