using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;

namespace EdgeLstm.Plan;

/// <summary>A layer's kernels and the padded buffer its output lives in.</summary>
internal sealed class LayerPlan
{
    public LayerPlan(int index, Layer layer, IReadOnlyList<KernelPlan> kernels, int[] outputSources)
    {
        Index = index;
        Layer = layer;
        Kernels = kernels;
        OutputSources = outputSources;
    }

    public int Index { get; }

    public Layer Layer { get; }

    public IReadOnlyList<KernelPlan> Kernels { get; }

    /// <summary>For each slot of the padded output row, the output feature it holds, or -1 for padding.</summary>
    public int[] OutputSources { get; }

    public int OutputWidth => OutputSources.Length;

    /// <summary>Bytes the layer's kernels bake into the binary.</summary>
    public long BakedBytes => Kernels.Sum(k => k.BakedBytes);

    /// <summary>Runs of real outputs in the padded row: (slot, first feature, length).</summary>
    public IEnumerable<(int Slot, int Feature, int Length)> OutputSegments()
    {
        for (int slot = 0; slot < OutputSources.Length;)
        {
            if (OutputSources[slot] < 0)
            {
                slot++;
                continue;
            }
            int start = slot;
            while (slot + 1 < OutputSources.Length && OutputSources[slot + 1] == OutputSources[slot] + 1) slot++;
            slot++;
            yield return (start, OutputSources[start], slot - start);
        }
    }
}
