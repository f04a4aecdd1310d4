using System;
using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// One axis of a tensor on the data path: the time axis (length known only at run time) or a fixed axis.
/// <see cref="Stride"/> says where a step along a fixed axis moves in the layer's feature vector, so that
/// transposes and reshapes can be followed exactly and one that would reorder features is caught.
/// </summary>
internal readonly struct DataAxis
{
    public DataAxis(bool isTime, int size, int stride)
    {
        IsTime = isTime;
        Size = size;
        Stride = stride;
    }

    public bool IsTime { get; }

    public int Size { get; }

    public int Stride { get; }

    public static DataAxis Time => new(true, 0, 0);

    /// <summary>A size-1 axis (the batch axis, or one inserted by Unsqueeze): it never affects the data's order.</summary>
    public static DataAxis Unit => new(false, 1, 1);

    public bool IsUnit => !IsTime && Size == 1;

    public override string ToString() => IsTime ? "seq" : Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The symbolic shape of a tensor on the data path: one time axis (none once only the last step is kept) plus fixed
/// axes whose strides map them onto the feature vector that the last layer produced. The shape plumbing
/// torch.onnx.export emits (Squeeze, Unsqueeze, Transpose, Reshape) is applied here; anything that would mix time steps with features
/// or reorder features is refused by the caller, using the explanation returned in <c>problem</c>.
/// </summary>
internal sealed class OnnxDataLayout
{
    /// <summary>
    /// The largest rank followed on the data path. torch writes rank 2 to 4 there; the bound keeps what the walk holds
    /// per tensor small however a file nests Unsqueeze.
    /// </summary>
    public const int MaxRank = 8;

    private readonly DataAxis[] _axes;

    public OnnxDataLayout(DataAxis[] axes) => _axes = axes;

    public int Rank => _axes.Length;

    public DataAxis this[int index] => _axes[index];

    /// <summary>The sequence axis, or -1 when only the last step is kept.</summary>
    public int TimeAxis => Array.FindIndex(_axes, a => a.IsTime);

    /// <summary>The features per time step: the product of the fixed axes.</summary>
    public int FeatureCount
    {
        get
        {
            int count = 1;
            foreach (DataAxis axis in _axes) if (!axis.IsTime) count *= axis.Size;
            return count;
        }
    }

    /// <summary>A feature vector of <paramref name="features"/> elements laid out as the given axes (the time axis and units).</summary>
    public static OnnxDataLayout Sequence(int rank, int timeAxis, int featureAxis, int features)
    {
        var axes = new DataAxis[rank];
        for (int i = 0; i < rank; i++) axes[i] = DataAxis.Unit;
        axes[timeAxis] = DataAxis.Time;
        axes[featureAxis] = new DataAxis(false, features, 1);
        return new OnnxDataLayout(axes);
    }

    public override string ToString() => "[" + string.Join(", ", Array.ConvertAll(_axes, a => a.ToString())) + "]";

    /// <summary>True when reading the fixed axes in order visits the features 0, 1, 2, ... (row-major, no reordering).</summary>
    public bool HasCanonicalFeatures
    {
        get
        {
            int expected = 1;
            for (int i = _axes.Length - 1; i >= 0; i--)
            {
                DataAxis axis = _axes[i];
                if (axis.IsTime || axis.Size == 1) continue;
                if (axis.Stride != expected) return false;
                expected *= axis.Size;
            }
            return true;
        }
    }

    /// <summary>True when axis <paramref name="index"/> alone holds the whole feature vector in order (every other fixed axis has size 1).</summary>
    public bool IsFeatureAxis(int index)
    {
        if (index < 0 || index >= _axes.Length || _axes[index].IsTime) return false;
        for (int i = 0; i < _axes.Length; i++)
        {
            if (i != index && !_axes[i].IsTime && _axes[i].Size != 1) return false;
        }
        return _axes[index].Size == 1 || _axes[index].Stride == 1;
    }

    /// <summary>True when the time axis comes before every fixed axis that has more than one element.</summary>
    public bool TimeLeadsFeatures
    {
        get
        {
            int time = TimeAxis;
            for (int i = 0; i < time; i++) if (_axes[i].Size != 1) return false;
            return true;
        }
    }

    /// <summary>The same layout with axis <paramref name="index"/> replaced by a fresh feature axis of <paramref name="features"/> (a dense layer's output).</summary>
    public OnnxDataLayout WithFeatureAxis(int index, int features)
    {
        var axes = (DataAxis[])_axes.Clone();
        axes[index] = new DataAxis(false, features, 1);
        return new OnnxDataLayout(axes);
    }

    /// <summary>The layout without axis <paramref name="index"/> (Gather with a scalar index).</summary>
    public OnnxDataLayout WithoutAxis(int index)
    {
        var axes = new DataAxis[_axes.Length - 1];
        for (int i = 0, j = 0; i < _axes.Length; i++) if (i != index) axes[j++] = _axes[i];
        return new OnnxDataLayout(axes);
    }

    /// <summary>The layout with axis <paramref name="index"/> cut to one element (the last time step kept as an axis).</summary>
    public OnnxDataLayout WithUnitAxis(int index)
    {
        var axes = (DataAxis[])_axes.Clone();
        axes[index] = DataAxis.Unit;
        return new OnnxDataLayout(axes);
    }

    /// <summary>Transpose with ONNX's perm (empty: reverse the axes).</summary>
    public OnnxDataLayout? Transpose(IReadOnlyList<long>? perm, out string problem)
    {
        problem = string.Empty;
        var axes = new DataAxis[_axes.Length];
        if (perm is null || perm.Count == 0)
        {
            for (int i = 0; i < axes.Length; i++) axes[i] = _axes[axes.Length - 1 - i];
            return new OnnxDataLayout(axes);
        }
        if (perm.Count != _axes.Length)
        {
            problem = $"perm has {perm.Count} entries for a rank-{_axes.Length} tensor {this}.";
            return null;
        }
        var used = new bool[_axes.Length];
        for (int i = 0; i < perm.Count; i++)
        {
            long p = perm[i];
            if (p < 0 || p >= _axes.Length || used[p])
            {
                problem = $"perm [{string.Join(", ", perm)}] is not a permutation of 0..{_axes.Length - 1}.";
                return null;
            }
            used[p] = true;
            axes[i] = _axes[p];
        }
        return new OnnxDataLayout(axes);
    }

    /// <summary>Squeeze: removes the given size-1 axes.</summary>
    public OnnxDataLayout? Squeeze(IReadOnlyList<long> axesToRemove, out string problem)
    {
        problem = string.Empty;
        var remove = new bool[_axes.Length];
        foreach (long raw in axesToRemove)
        {
            long axis = raw < 0 ? raw + _axes.Length : raw;
            if (axis < 0 || axis >= _axes.Length || remove[axis])
            {
                problem = $"axis {raw} is out of range or repeated for a rank-{_axes.Length} tensor {this}.";
                return null;
            }
            if (!_axes[axis].IsUnit)
            {
                problem = $"axis {raw} of {this} does not have size 1; {(_axes[axis].IsTime ? "the sequence axis cannot be squeezed" : "squeezing it is an error in ONNX")}.";
                return null;
            }
            remove[axis] = true;
        }
        var axes = new List<DataAxis>();
        for (int i = 0; i < _axes.Length; i++) if (!remove[i]) axes.Add(_axes[i]);
        return new OnnxDataLayout(axes.ToArray());
    }

    /// <summary>Unsqueeze: inserts size-1 axes at the given positions of the output.</summary>
    public OnnxDataLayout? Unsqueeze(IReadOnlyList<long> newAxes, out string problem)
    {
        problem = string.Empty;
        int rank = _axes.Length + newAxes.Count;
        if (rank > MaxRank)
        {
            problem = $"the result would have rank {rank}; at most {MaxRank} is supported on the data path.";
            return null;
        }
        var inserted = new bool[rank];
        foreach (long raw in newAxes)
        {
            long axis = raw < 0 ? raw + rank : raw;
            if (axis < 0 || axis >= rank || inserted[axis])
            {
                problem = $"axis {raw} is out of range or repeated for an output of rank {rank}.";
                return null;
            }
            inserted[axis] = true;
        }
        var axes = new DataAxis[rank];
        for (int i = 0, source = 0; i < rank; i++) axes[i] = inserted[i] ? DataAxis.Unit : _axes[source++];
        return new OnnxDataLayout(axes);
    }

    /// <summary>
    /// Reshape to <paramref name="shape"/>: a positive size, 0 (copy the input's dimension unless <paramref name="allowZero"/>),
    /// -1 (inferred) or <see cref="ShapeValue.Steps"/> (the sequence length, computed from Shape at run time). The
    /// sequence axis must survive as one output axis with the same fixed elements before and after it; the fixed axes
    /// on either side are regrouped only where that keeps every feature in place.
    /// </summary>
    /// <param name="shape">The target shape.</param>
    /// <param name="allowZero">ONNX's allowzero: 0 is a size, not a copy.</param>
    /// <param name="declaredSteps">
    /// The fixed sequence length the graph input declares, if any. A fixed-shape export writes that length as a number
    /// where the sequence axis goes ([1, 50, -1]); it is read as the sequence axis, never as a limit on its length.
    /// </param>
    /// <param name="problem">Why the reshape cannot be followed, when the result is null.</param>
    public OnnxDataLayout? Reshape(IReadOnlyList<long> shape, bool allowZero, long? declaredSteps, out string problem)
    {
        problem = string.Empty;
        if (shape.Count > MaxRank)
        {
            problem = $"the target shape has {shape.Count} axes; at most {MaxRank} are supported on the data path.";
            return null;
        }
        var entries = new long[shape.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            long s = shape[i];
            if (s == 0 && !allowZero)
            {
                if (i >= _axes.Length)
                {
                    problem = $"shape entry {i} is 0 (copy) but the input {this} has only {_axes.Length} axes.";
                    return null;
                }
                entries[i] = _axes[i].IsTime ? ShapeValue.Steps : _axes[i].Size;
            }
            else if (s == ShapeValue.Unknown)
            {
                problem = $"shape entry {i} is computed at run time in a way EdgeLstm does not follow (only Shape, Gather, Slice, Unsqueeze, Squeeze, Concat and Cast of shapes are).";
                return null;
            }
            else if (s is -1 or ShapeValue.Steps || s > 0)
            {
                entries[i] = s;
            }
            else
            {
                problem = $"shape entry {i} is {s}; expected a positive size, 0 (copy) or -1 (infer).";
                return null;
            }
        }
        string target = "[" + string.Join(", ", Array.ConvertAll(entries, ShapeValue.Describe)) + "]";

        int stepsAt = Array.IndexOf(entries, ShapeValue.Steps);
        if (stepsAt >= 0 && Array.LastIndexOf(entries, ShapeValue.Steps) != stepsAt)
        {
            problem = $"shape {target} uses the sequence length more than once.";
            return null;
        }
        if (TimeAxis < 0)
        {
            if (stepsAt >= 0)
            {
                problem = $"shape {target} has a sequence axis, but the input {this} holds one step only.";
                return null;
            }
            return ReshapeAt(-1, entries, target, out problem);
        }
        if (stepsAt >= 0)
        {
            return ReshapeAt(stepsAt, entries, target, out problem);
        }

        // No entry says "the sequence length": -1 carries it when the other entries hold exactly the features.
        int inferred = Array.IndexOf(entries, -1L);
        if (inferred >= 0 && KnownProduct(entries, inferred) == FeatureCount)
        {
            return ReshapeAt(inferred, entries, target, out problem);
        }
        if (declaredSteps is long steps && steps > 1)
        {
            OnnxDataLayout? found = null;
            int matches = 0;
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i] == steps && ReshapeAt(i, entries, target, out _) is { } candidate)
                {
                    found = candidate;
                    matches++;
                }
            }
            if (matches == 1)
            {
                return found;
            }
            if (matches > 1)
            {
                problem = $"shape {target} has more than one entry equal to the sequence length {steps} the input declares, so which one is the sequence axis is ambiguous; export with a dynamic time axis (dynamic_axes) so that the graph computes it.";
                return null;
            }
        }
        problem = $"shape {target} does not keep the sequence axis of {this} as one axis of its own; expected 0, -1 or the sequence length in its place.";
        return null;
    }

    // The product of the positive entries other than `skip` (-1 when every positive entry counts).
    private static long KnownProduct(long[] entries, int skip)
    {
        long product = 1;
        for (int i = 0; i < entries.Length; i++)
        {
            if (i == skip || entries[i] <= 0) continue;
            product *= entries[i];
            if (product > int.MaxValue) return -1;
        }
        return product;
    }

    // The reshape with the sequence axis at output position `timeOut` (-1: the data has no sequence axis).
    private OnnxDataLayout? ReshapeAt(int timeOut, long[] entries, string target, out string problem)
    {
        problem = string.Empty;
        var sizes = new long[entries.Length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < entries.Length; i++)
        {
            if (i == timeOut) continue;
            if (entries[i] == -1)
            {
                if (inferred >= 0)
                {
                    problem = $"shape {target} has more than one -1.";
                    return null;
                }
                inferred = i;
                continue;
            }
            sizes[i] = entries[i];
            known *= entries[i];
            if (known > int.MaxValue)
            {
                problem = $"shape {target} has more elements per step than the input {this}.";
                return null;
            }
        }

        long total = FeatureCount;
        if (inferred >= 0)
        {
            if (total % known != 0)
            {
                problem = $"shape {target} cannot hold the {total} features per step of {this}.";
                return null;
            }
            sizes[inferred] = total / known;
        }
        else if (known != total)
        {
            problem = $"shape {target} holds {known} features per step; the input {this} has {total}.";
            return null;
        }

        var result = new DataAxis[entries.Length];
        int time = TimeAxis;
        bool regrouped;
        if (timeOut < 0)
        {
            regrouped = Regroup(0, _axes.Length, sizes, 0, entries.Length, result);
        }
        else
        {
            long prefixIn = 1, prefixOut = 1;
            for (int i = 0; i < time; i++) prefixIn *= _axes[i].Size;
            for (int i = 0; i < timeOut; i++) prefixOut *= sizes[i];
            if (prefixIn != prefixOut)
            {
                problem = $"shape {target} would move features across the sequence axis of {this}, mixing time steps.";
                return null;
            }
            result[timeOut] = DataAxis.Time;
            regrouped = Regroup(0, time, sizes, 0, timeOut, result) && Regroup(time + 1, _axes.Length, sizes, timeOut + 1, entries.Length, result);
        }
        if (!regrouped)
        {
            problem = $"shape {target} would reorder the features of {this} (regrouping axes that are not contiguous).";
            return null;
        }
        return new OnnxDataLayout(result);
    }

    // Regroups input axes [inStart, inEnd) into output sizes [outStart, outEnd) of the same product without moving
    // any element: the no-copy reshape test NumPy uses. Fails when merged axes are not contiguous in feature order.
    private bool Regroup(int inStart, int inEnd, long[] sizes, int outStart, int outEnd, DataAxis[] result)
    {
        var oldSizes = new List<int>();
        var oldStrides = new List<int>();
        for (int i = inStart; i < inEnd; i++)
        {
            if (_axes[i].Size == 1) continue;
            oldSizes.Add(_axes[i].Size);
            oldStrides.Add(_axes[i].Stride);
        }
        int oi = 0, ni = outStart;
        while (ni < outEnd && oi < oldSizes.Count)
        {
            if (sizes[ni] == 1)
            {
                result[ni] = DataAxis.Unit;
                ni++;
                continue;
            }
            int oj = oi + 1, nj = ni + 1;
            long np = sizes[ni], op = oldSizes[oi];
            while (np != op)
            {
                if (np < op)
                {
                    if (nj >= outEnd) return false;
                    np *= sizes[nj++];
                }
                else
                {
                    if (oj >= oldSizes.Count) return false;
                    op *= oldSizes[oj++];
                }
            }
            for (int k = oi; k < oj - 1; k++)
            {
                if (oldStrides[k] != oldSizes[k + 1] * oldStrides[k + 1]) return false;
            }
            long stride = oldStrides[oj - 1];
            for (int k = nj - 1; k >= ni; k--)
            {
                result[k] = new DataAxis(false, (int)sizes[k], (int)stride);
                stride *= sizes[k];
            }
            ni = nj;
            oi = oj;
        }
        for (; ni < outEnd; ni++)
        {
            if (sizes[ni] != 1) return false;
            result[ni] = DataAxis.Unit;
        }
        return oi == oldSizes.Count;
    }
}
