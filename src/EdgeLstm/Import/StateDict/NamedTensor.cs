using System;
using System.Collections.Generic;

namespace EdgeLstm.Import.StateDict;

/// <summary>
/// One entry of a PyTorch-style state_dict as a weight file stores it: a name such as
/// <c>rnn.weight_ih_l0</c>, its shape, and its values already widened to float32 in row-major order.
/// </summary>
/// <remarks>Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).</remarks>
public sealed class NamedTensor
{
    /// <summary>Creates a tensor; <paramref name="values"/> must hold the product of <paramref name="shape"/> elements.</summary>
    /// <param name="name">The state_dict key.</param>
    /// <param name="elementType">The stored element type as the file names it (for messages only), e.g. "F16".</param>
    /// <param name="shape">The dimensions, outermost first; empty for a scalar.</param>
    /// <param name="values">The elements in row-major order.</param>
    public NamedTensor(string name, string elementType, int[] shape, float[] values)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        ElementType = elementType ?? throw new ArgumentNullException(nameof(elementType));
        Shape = shape ?? throw new ArgumentNullException(nameof(shape));
        Values = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>The state_dict key.</summary>
    public string Name { get; }

    /// <summary>The element type the file stored, before widening to float32.</summary>
    public string ElementType { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The elements in row-major order. Not copied: callers must not mutate it after construction.</summary>
    public float[] Values { get; }

    /// <summary>The shape as PyTorch prints it, e.g. "[48, 3]", for error messages.</summary>
    public string DescribeShape() => "[" + string.Join(", ", Shape) + "]";
}
