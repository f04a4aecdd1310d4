namespace EdgeLstm.Model;

/// <summary>One layer of a <see cref="NetworkModel"/>: a recurrent layer or a dense (fully connected) layer.</summary>
public abstract record Layer
{
    /// <summary>Features this layer reads per time step.</summary>
    public abstract int InputSize { get; }

    /// <summary>Features this layer writes per time step.</summary>
    public abstract int OutputSize { get; }
}
