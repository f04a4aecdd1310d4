using System;
using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

// Plain holders for the subset of onnx.proto (onnx/onnx.proto3) the importer reads. Field numbers are in
// OnnxModelParser; every message also remembers the byte offset it started at, so that later stages can
// point at the spot in the file when they refuse something.

/// <summary>ModelProto: the file's root message.</summary>
internal sealed class OnnxModel
{
    /// <summary>The budget the file is imported under; the graph mapper and tensor decoder charge it too.</summary>
    public ImportMeter Meter = null!;
    public long IrVersion;
    public string ProducerName = string.Empty;
    public string ProducerVersion = string.Empty;
    public OnnxGraph? Graph;
    public readonly List<OnnxOpset> OpsetImports = new();
    public readonly List<KeyValuePair<string, string>> MetadataProps = new();
}

/// <summary>OperatorSetIdProto: which version of an operator domain the graph was written against.</summary>
internal sealed class OnnxOpset
{
    public string Domain = string.Empty;
    public long Version;
}

/// <summary>GraphProto.</summary>
internal sealed class OnnxGraph
{
    public int Offset;
    public string Name = string.Empty;
    public readonly List<OnnxNode> Nodes = new();
    public readonly List<OnnxTensor> Initializers = new();
    public readonly List<OnnxValueInfo> Inputs = new();
    public readonly List<OnnxValueInfo> Outputs = new();
    public int SparseInitializerOffset = -1;
}

/// <summary>ValueInfoProto with the tensor type flattened in: a graph input or output.</summary>
internal sealed class OnnxValueInfo
{
    public int Offset;
    public string Name = string.Empty;

    /// <summary>False when the type is a sequence, map or other non-tensor type.</summary>
    public bool IsTensor = true;
    public bool HasType;
    public int ElementType;

    /// <summary>Null when the shape is not given; per dimension a value, or null for a symbolic or unknown one.</summary>
    public List<long?>? Shape;
}

/// <summary>NodeProto: one operator application.</summary>
internal sealed class OnnxNode
{
    public int Offset;
    public string Name = string.Empty;
    public string OpType = string.Empty;
    public string Domain = string.Empty;
    public readonly List<string> Inputs = new();
    public readonly List<string> Outputs = new();
    public readonly List<OnnxAttribute> Attributes = new();

    /// <summary>"node 'name' (Op)", the location used in every message about this node.</summary>
    public string Describe() => string.IsNullOrEmpty(Name) ? $"node #{Index} ({FileText.Excerpt(OpType)})" : $"node {FileText.Quote(Name)} ({FileText.Excerpt(OpType)})";

    /// <summary>Position in the graph's node list (for unnamed nodes).</summary>
    public int Index;

    /// <summary>The input at <paramref name="index"/>, or empty when absent (ONNX's optional-input convention).</summary>
    public string Input(int index) => index < Inputs.Count ? Inputs[index] : string.Empty;

    public OnnxAttribute? Attribute(string name)
    {
        foreach (OnnxAttribute attribute in Attributes)
        {
            if (attribute.Name == name) return attribute;
        }
        return null;
    }
}

/// <summary>AttributeProto.AttributeType values.</summary>
internal enum OnnxAttributeType
{
    Undefined = 0,
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Graph = 5,
    Floats = 6,
    Ints = 7,
    Strings = 8,
    Tensors = 9,
    Graphs = 10,
    SparseTensor = 11,
    SparseTensors = 12,
    TypeProto = 13,
    TypeProtos = 14,
}

/// <summary>AttributeProto: a named constant parameter of a node.</summary>
internal sealed class OnnxAttribute
{
    public int Offset;
    public string Name = string.Empty;
    public OnnxAttributeType Type;
    public float F;
    public long I;
    public ArraySegment<byte> S;
    public OnnxTensor? T;
    public readonly List<float> Floats = new();
    public readonly List<long> Ints = new();
    public readonly List<ArraySegment<byte>> Strings = new();

    /// <summary>Set when the attribute references a parent function's attribute (only valid inside functions).</summary>
    public string RefAttrName = string.Empty;
}

/// <summary>TensorProto.DataType values the importer decodes (others are named in errors only).</summary>
internal enum OnnxDataType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
}

/// <summary>TensorProto: a constant tensor (initializer or Constant node value), its data not yet decoded.</summary>
internal sealed class OnnxTensor
{
    /// <summary>The budget its data is decoded under (set by the parser).</summary>
    public ImportMeter? Meter;
    public int Offset;
    public string Name = string.Empty;
    public readonly List<long> Dims = new();
    public int DataType;
    public readonly List<float> FloatData = new();
    public readonly List<long> Int32Data = new();
    public readonly List<long> Int64Data = new();
    public readonly List<double> DoubleData = new();
    public ArraySegment<byte>? RawData;

    /// <summary>True when the data lives in a separate file (data_location = EXTERNAL or external_data entries).</summary>
    public bool IsExternal;

    /// <summary>True when the tensor is one segment of a larger one (TensorProto.segment).</summary>
    public bool IsSegment;

    /// <summary>True when string_data or uint64_data were present (types the importer never needs).</summary>
    public bool HasOtherData;
}
