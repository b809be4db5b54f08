using System.Text;
using ModelAlloy.Functions.Starters;

namespace ModelAlloy.Functions.Tests.Starters;

public sealed class TicketReaderTests
{
    [Theory]
    [InlineData("""{"id": "T-1", "text": "hello"}""")]
    [InlineData("""{"ID": "T-1", "Text": "hello", "priority": 3}""")]
    public void Reads_a_ticket_ignoring_case_and_unknown_properties(string json)
    {
        TicketReadResult read = TicketReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Empty(read.Errors);
        Assert.Equal(new Hosting.Samples.Ticket("T-1", "hello"), read.Ticket);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("T-1042")]
    [InlineData("ticket_2026_11_16")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")] // 64
    public void Accepts_ids_of_1_to_64_letters_digits_dash_and_underscore(string id) => Assert.True(TicketReader.IsValidId(id));

    [Theory]
    [InlineData("")]
    [InlineData("T 1")]
    [InlineData("T/1")]
    [InlineData("T#1")]
    [InlineData("T?1")]
    [InlineData("tickét")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")] // 65
    public void Refuses_ids_that_would_make_bad_instance_ids(string id) => Assert.False(TicketReader.IsValidId(id));

    [Fact]
    public void Text_over_the_limit_is_refused_with_its_length()
    {
        string json = $$"""{"id": "T-1", "text": "{{new string('x', TicketReader.MaxTextLength + 1)}}"}""";

        TicketReadResult read = TicketReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(read.Ticket);
        Assert.Contains($"got {TicketReader.MaxTextLength + 1}", Assert.Single(read.Errors["text"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_over_the_limit_is_refused_without_reading_it_all()
    {
        var body = new MemoryStream(new byte[TicketReader.MaxBodyBytes * 4]);

        TicketReadResult read = await TicketReader.ReadAsync(body, CancellationToken.None);

        Assert.Contains("larger than", Assert.Single(read.Errors[TicketReader.BodyField]), StringComparison.Ordinal);
        Assert.Equal(TicketReader.MaxBodyBytes + 1, body.Position);
    }

    [Fact]
    public void Trailing_content_after_the_object_is_malformed_json()
    {
        TicketReadResult read = TicketReader.Read(Encoding.UTF8.GetBytes("""{"id": "T-1", "text": "a"} {"id": "T-2"}"""));

        Assert.Contains("is not valid JSON", Assert.Single(read.Errors[TicketReader.BodyField]), StringComparison.Ordinal);
    }
}
