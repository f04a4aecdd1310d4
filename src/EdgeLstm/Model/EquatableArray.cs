using System;
using System.Collections;
using System.Collections.Generic;

namespace EdgeLstm.Model;

/// <summary>
/// An immutable array with value equality, so that records holding weights compare by content.
/// The incremental generator relies on this: a model that did not change must compare equal to
/// the one from the previous run, or every edit would regenerate every model.
/// </summary>
/// <remarks>Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0).</remarks>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly T[]? _items;

    public EquatableArray(T[] items) => _items = items ?? throw new ArgumentNullException(nameof(items));

    public static EquatableArray<T> Empty => new(Array.Empty<T>());

    public int Count => _items?.Length ?? 0;

    public bool IsEmpty => Count == 0;

    public T this[int index] => (_items ?? Array.Empty<T>())[index];

    /// <summary>The underlying items. Callers must not mutate them; the array is exposed to avoid copies of large weight tensors.</summary>
    public T[] AsArray() => _items ?? Array.Empty<T>();

    public bool Equals(EquatableArray<T> other)
    {
        T[] a = AsArray(), b = other.AsArray();
        if (ReferenceEquals(a, b)) return true;
        if (a.Length != b.Length) return false;
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        // FNV-style combination over the content; HashCode is not available on netstandard2.0.
        T[] items = AsArray();
        EqualityComparer<T> comparer = EqualityComparer<T>.Default;
        unchecked
        {
            int hash = (int)2166136261;
            for (int i = 0; i < items.Length; i++)
            {
                hash = (hash ^ (items[i] is null ? 0 : comparer.GetHashCode(items[i]!))) * 16777619;
            }
            return hash;
        }
    }

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)AsArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static implicit operator EquatableArray<T>(T[] items) => new(items);
}
