using EdgeLstm.Import.StateDict;

namespace EdgeLstm.Import.PyTorch;

/// <summary>
/// The allow-list of Python globals a <c>torch.save(model.state_dict())</c> pickle refers to. A pickle can name any
/// importable callable and have REDUCE call it (<c>os.system</c> is the classic exploit); this importer never calls
/// anything, and it refuses every other name as soon as it is read, so such a file fails before its payload is reached.
/// </summary>
internal static class TorchGlobals
{
    public const string OrderedDict = "collections.OrderedDict";
    public const string RebuildTensor = "torch._utils._rebuild_tensor_v2";

    public static bool IsAllowed(string module, string name)
    {
        string full = module + "." + name;
        return full == OrderedDict || full == RebuildTensor || TryGetStorageType(full, out _);
    }

    /// <summary>The element type of a storage class such as <c>torch.FloatStorage</c>.</summary>
    public static bool TryGetStorageType(string fullName, out TensorElementType type)
    {
        switch (fullName)
        {
            case "torch.FloatStorage": type = TensorElementType.Float32; return true;
            case "torch.HalfStorage": type = TensorElementType.Float16; return true;
            case "torch.BFloat16Storage": type = TensorElementType.BFloat16; return true;
            case "torch.DoubleStorage": type = TensorElementType.Float64; return true;
            default: type = default; return false;
        }
    }

    /// <summary>Explains a refused global; integer storages and whole modules get a hint about what to save instead.</summary>
    public static string DescribeRefusal(string module, string name)
    {
        string full = module + "." + name;
        string reason = $"refusing global {(full.Length <= FileText.MaxQuotedCharacters ? full : FileText.Quote(full))}: only a state_dict's tensors are read";
        if (module == "torch" && name.EndsWith("Storage", System.StringComparison.Ordinal))
        {
            return reason + $" and {FileText.Quote(name)} holds no floating-point values (float32, float16, bfloat16 and float64 are supported).";
        }
        if (module.StartsWith("torch.nn", System.StringComparison.Ordinal) || module == "__main__" || module.StartsWith("__torch__", System.StringComparison.Ordinal))
        {
            return reason + "; this file holds a whole module object. Save it with torch.save(model.state_dict(), path).";
        }
        return reason + ".";
    }
}
