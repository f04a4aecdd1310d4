namespace EdgeLstm.Model;

/// <summary>Per-channel standardisation applied to each input row before the first layer: x' = (x - Mean) / Std.</summary>
public sealed record InputNormalization(EquatableArray<float> Mean, EquatableArray<float> Std);
