namespace ModelAlloy.Samples.Generator;

/// <summary>
/// The one source of randomness: a seeded xorshift64* generator, written out so the samples do not depend on how a
/// runtime version implements <see cref="Random"/>. Each dataset gets its own stream (seed + dataset name).
/// </summary>
internal sealed class SampleRandom
{
    public const ulong Seed = 20260901;

    private ulong state;

    public SampleRandom(string stream)
    {
        state = Seed ^ 0x9E3779B97F4A7C15UL;
        foreach (char c in stream)
        {
            state = (state ^ c) * 0x100000001B3UL;
        }

        if (state == 0)
        {
            state = 1;
        }
    }

    /// <summary>Returns an integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        ulong value = state * 0x2545F4914F6CDD1DUL;
        return (int)(value % (ulong)maxExclusive);
    }

    /// <summary>Returns an integer in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public bool Chance(int percent) => Next(100) < percent;

    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
