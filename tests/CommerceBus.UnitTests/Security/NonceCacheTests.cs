using CommerceBus.Security.WsSecurity;
using Xunit;

namespace CommerceBus.UnitTests.Security;

public sealed class NonceCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_nonce_is_recorded_once_and_a_second_use_within_its_window_is_a_replay()
    {
        var cache = new NonceCache();

        Assert.Equal(NonceCache.Outcome.Recorded, cache.TryRecord("till", [1, 2], Now.AddMinutes(5), Now, 10));
        Assert.Equal(NonceCache.Outcome.Replayed, cache.TryRecord("till", [1, 2], Now.AddMinutes(5), Now.AddMinutes(1), 10));
        Assert.Equal(NonceCache.Outcome.Recorded, cache.TryRecord("other-client", [1, 2], Now.AddMinutes(5), Now.AddMinutes(1), 10));
    }

    [Fact]
    public void A_stale_nonce_is_forgotten_so_the_cache_stays_bounded()
    {
        var cache = new NonceCache();
        cache.TryRecord("till", [1], Now.AddMinutes(5), Now, 10);

        Assert.Equal(NonceCache.Outcome.Recorded, cache.TryRecord("till", [2], Now.AddMinutes(11), Now.AddMinutes(6), 10));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Full_of_fresh_nonces_it_refuses_rather_than_forget_one()
    {
        var cache = new NonceCache();
        cache.TryRecord("till", [1], Now.AddMinutes(5), Now, 2);
        cache.TryRecord("till", [2], Now.AddMinutes(5), Now, 2);

        Assert.Equal(NonceCache.Outcome.Full, cache.TryRecord("till", [3], Now.AddMinutes(5), Now, 2));
        Assert.Equal(NonceCache.Outcome.Replayed, cache.TryRecord("till", [1], Now.AddMinutes(5), Now, 2));
    }
}
