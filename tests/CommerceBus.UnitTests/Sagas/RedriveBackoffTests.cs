using CommerceBus.Fulfillment.Saga;
using Xunit;

namespace CommerceBus.UnitTests.Sagas;

public sealed class RedriveBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 4)]
    [InlineData(2, 8)]
    [InlineData(3, 16)]
    [InlineData(4, 32)]
    [InlineData(5, 60)]
    [InlineData(6, 60)]
    public void Each_redrive_doubles_the_wait_up_to_the_limit(int redrives, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), RedriveBackoff.After(redrives, First, Limit));

    [Fact]
    public void A_saga_redriven_for_ever_waits_the_limit_and_never_overflows() =>
        Assert.Equal(Limit, RedriveBackoff.After(int.MaxValue, First, Limit));

    [Fact]
    public void A_limit_below_the_first_wait_is_the_first_wait() =>
        Assert.Equal(First, RedriveBackoff.After(3, First, TimeSpan.FromSeconds(1)));

    [Fact]
    public void Waits_add_up_to_a_bounded_number_of_redrives_a_day()
    {
        var elapsed = TimeSpan.Zero;
        var redrives = 0;
        while (elapsed + RedriveBackoff.After(redrives, First, Limit) <= TimeSpan.FromDays(1))
        {
            elapsed += RedriveBackoff.After(redrives, First, Limit);
            redrives++;
        }

        // 2+4+8+16+32 minutes, then one an hour: 27 re-drives in a day instead of one every 30 s (2880).
        Assert.Equal(27, redrives);
    }
}
