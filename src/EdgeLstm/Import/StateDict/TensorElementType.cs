namespace EdgeLstm.Import.StateDict;

/// <summary>The floating-point element types the safetensors and PyTorch importers widen to float32.</summary>
public enum TensorElementType
{
    Float32,
    Float16,
    BFloat16,
    Float64,
}
