using ModelAlloy.Functions.Starters;
using ModelAlloy.Hosting.Samples;

namespace ModelAlloy.Functions.Tests.Starters;

public sealed class TicketInstanceIdTests
{
    [Fact]
    public void Id_depends_on_the_ticket_id_only()
    {
        Assert.Equal("TicketTriage-T-1042", TicketInstanceId.For(new Ticket("T-1042", "first text")));
        Assert.Equal(TicketInstanceId.For(new Ticket("T-1042", "first text")), TicketInstanceId.For(new Ticket("T-1042", "edited text")));
        Assert.NotEqual(TicketInstanceId.For(new Ticket("T-1042", "same")), TicketInstanceId.For(new Ticket("T-1043", "same")));
    }

    [Fact]
    public void Invalid_ticket_id_is_refused_naming_it()
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => TicketInstanceId.For(new Ticket("a/b", "text")));

        Assert.Contains("'a/b'", refused.Message, StringComparison.Ordinal);
    }
}
