using System;
using System.Collections.Generic;

namespace EdgeLstm.Tests.DamagedFiles;

/// <summary>
/// The mutations of one weight file: truncations (every length of a small file; otherwise every length in the header
/// region, the last few, and evenly spaced ones between) and seeded random flips of 1 to 3 bytes. Half the flips land
/// anywhere; the rest favour the first and last 2 KiB, where the headers, pickles and zip directories live and a
/// flip is most likely to reach the parsers rather than a weight.
/// </summary>
internal static class MutationPlan
{
    /// <summary>Files up to this size get a truncation at every length.</summary>
    public const int EveryLengthUpTo = 512;

    public const int SpacedTruncations = 120;

    private const int Edge = 2048;

    public static IEnumerable<Mutation> Truncations(int length)
    {
        var lengths = new SortedSet<int>();
        if (length <= EveryLengthUpTo)
        {
            for (int n = 0; n < length; n++) lengths.Add(n);
        }
        else
        {
            for (int n = 0; n < 64; n++) lengths.Add(n);
            for (int n = length - 16; n < length; n++) lengths.Add(n);
            for (int k = 1; k <= SpacedTruncations; k++) lengths.Add((int)((long)length * k / (SpacedTruncations + 1)));
        }
        foreach (int n in lengths) yield return Mutation.Truncate(n);
    }

    public static IEnumerable<Mutation> Flips(int length, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var flips = new (int Offset, byte Xor)[random.Next(1, 4)];
            for (int f = 0; f < flips.Length; f++)
            {
                int offset = (i % 4) switch
                {
                    0 => random.Next(Math.Min(length, Edge)),                       // head
                    1 => length - 1 - random.Next(Math.Min(length, Edge)),          // tail
                    _ => random.Next(length),                                       // anywhere
                };
                flips[f] = (offset, (byte)random.Next(1, 256));
            }
            yield return Mutation.Flip(flips);
        }
    }

    /// <summary>A seed that depends only on the case and file names (string.GetHashCode is randomised per process).</summary>
    public static int SeedFor(string caseName, string file)
    {
        unchecked
        {
            int hash = (int)2166136261;
            foreach (char c in caseName + "/" + file) hash = (hash ^ c) * 16777619;
            return hash & int.MaxValue;
        }
    }
}
