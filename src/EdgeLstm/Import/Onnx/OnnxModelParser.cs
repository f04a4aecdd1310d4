using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// Turns the bytes of an .onnx file into the plain <see cref="OnnxModel"/> classes. Field numbers follow
/// onnx/onnx.proto; fields the importer does not need are skipped by wire type, so newer files still load. Every
/// object built (node, attribute, tensor, value info, name, dimension) is charged to the import's budget as it is
/// read: an empty NodeProto is two bytes on the wire and a few hundred in memory.
/// </summary>
internal static class OnnxModelParser
{
    private const string ObjectBudget = "ONNX nodes, attributes, tensors, graph inputs and outputs, names and dimensions";

    public static OnnxModel Parse(byte[] content, ImportMeter meter)
    {
        var reader = new ProtobufReader(content, 0, content.Length, meter, "ModelProto");
        var model = new OnnxModel { Meter = meter };
        while (reader.HasMore)
        {
            int at = reader.Position;
            reader.ReadTag(out int field, out WireType wire);
            switch (field)
            {
                case 1: model.IrVersion = reader.ReadInt64(wire, "ir_version"); break;
                case 2: model.ProducerName = reader.ReadString(wire, "producer_name"); break;
                case 3: model.ProducerVersion = reader.ReadString(wire, "producer_version"); break;
                case 7:
                    reader.Expect(wire, WireType.LengthDelimited, "graph");
                    if (model.Graph is not null)
                    {
                        throw reader.Error(at, "ModelProto holds more than one graph; expected exactly one.");
                    }
                    model.Graph = ParseGraph(reader.ReadMessage("GraphProto"));
                    break;
                case 8:
                    reader.Expect(wire, WireType.LengthDelimited, "opset_import");
                    Charge(reader, at);
                    model.OpsetImports.Add(ParseOpset(reader.ReadMessage("OperatorSetIdProto")));
                    break;
                case 14:
                    reader.Expect(wire, WireType.LengthDelimited, "metadata_props");
                    Charge(reader, at);
                    model.MetadataProps.Add(ParseStringPair(reader.ReadMessage("StringStringEntryProto")));
                    break;
                default: reader.Skip(wire); break;
            }
        }
        return model;
    }

    private static OnnxOpset ParseOpset(ProtobufReader reader)
    {
        var opset = new OnnxOpset();
        while (reader.HasMore)
        {
            reader.ReadTag(out int field, out WireType wire);
            switch (field)
            {
                case 1: opset.Domain = reader.ReadString(wire, "domain"); break;
                case 2: opset.Version = reader.ReadInt64(wire, "version"); break;
                default: reader.Skip(wire); break;
            }
        }
        return opset;
    }

    private static KeyValuePair<string, string> ParseStringPair(ProtobufReader reader)
    {
        string key = string.Empty, value = string.Empty;
        while (reader.HasMore)
        {
            reader.ReadTag(out int field, out WireType wire);
            switch (field)
            {
                case 1: key = reader.ReadString(wire, "key"); break;
                case 2: value = reader.ReadString(wire, "value"); break;
                default: reader.Skip(wire); break;
            }
        }
        return new KeyValuePair<string, string>(key, value);
    }

    private static OnnxGraph ParseGraph(ProtobufReader reader)
    {
        var graph = new OnnxGraph { Offset = reader.Position };
        while (reader.HasMore)
        {
            int at = reader.Position;
            reader.ReadTag(out int field, out WireType wire);
            switch (field)
            {
                case 1:
                    reader.Expect(wire, WireType.LengthDelimited, "node");
                    Charge(reader, at);
                    OnnxNode node = ParseNode(reader.ReadMessage("NodeProto"));
                    node.Index = graph.Nodes.Count;
                    graph.Nodes.Add(node);
                    break;
                case 2: graph.Name = reader.ReadString(wire, "name"); break;
                case 5:
                    reader.Expect(wire, WireType.LengthDelimited, "initializer");
                    Charge(reader, at);
                    graph.Initializers.Add(ParseTensor(reader.ReadMessage("TensorProto")));
                    break;
                case 11:
                    reader.Expect(wire, WireType.LengthDelimited, "input");
                    Charge(reader, at);
                    graph.Inputs.Add(ParseValueInfo(reader.ReadMessage("ValueInfoProto")));
                    break;
                case 12:
                    reader.Expect(wire, WireType.LengthDelimited, "output");
                    Charge(reader, at);
                    graph.Outputs.Add(ParseValueInfo(reader.ReadMessage("ValueInfoProto")));
                    break;
                case 15:
                    // Sparse initializers would need a second decoder; remember them so the mapper can refuse clearly.
                    graph.SparseInitializerOffset = at;
                    reader.Skip(wire);
                    break;
                default: reader.Skip(wire); break;
            }
        }
        return graph;
    }

    private static OnnxNode ParseNode(ProtobufReader reader)
    {
        var node = new OnnxNode { Offset = reader.Position };
        while (reader.HasMore)
        {
            int at = reader.Position;
            reader.ReadTag(out int field, out WireType wire);
            switch (field)
            {
                case 1: Charge(reader, at); node.Inputs.Add(reader.ReadString(wire, "input")); break;
                case 2: Charge(reader, at); node.Outputs.Add(reader.ReadString(wire, "output")); break;
                case 3: node.Name = reader.ReadString(wire, "name"); break;
                case 4: node.OpType = reader.ReadString(wire, "op_type"); break;
                case 5:
                    reader.Expect(wire, WireType.LengthDelimited, "attribute");
                    Charge(reader, at);
                    node.Attributes.Add(ParseAttribute(reader.ReadMessage("AttributeProto")));
                    break;
                case 7: node.Domain = reader.ReadString(wire, "domain"); break;
                default: reader.Skip(wire); break;
            }
        }
        return node;
    }

    private static OnnxAttribute ParseAttribute(ProtobufReader reader)
    {
        var attribute = new OnnxAttribute { Offset = reader.Position };
        while (reader.HasMore)
        {
            int at = reader.Position;
            reader.ReadTag(out int field, out WireType wire);
            switch (field)
            {
                case 1: attribute.Name = reader.ReadString(wire, "name"); break;
                case 2: attribute.F = reader.ReadFloat(wire, "f"); break;
                case 3: attribute.I = reader.ReadInt64(wire, "i"); break;
                case 4:
                    reader.Expect(wire, WireType.LengthDelimited, "s");
                    attribute.S = reader.ReadBytes();
                    break;
                case 5:
                    reader.Expect(wire, WireType.LengthDelimited, "t");
                    Charge(reader, at);
                    attribute.T = ParseTensor(reader.ReadMessage("TensorProto"));
                    break;
                case 7: reader.ReadRepeatedFloat(wire, "floats", attribute.Floats); break;
                case 8: reader.ReadRepeatedInt64(wire, "ints", attribute.Ints); break;
                case 9:
                    reader.Expect(wire, WireType.LengthDelimited, "strings");
                    Charge(reader, at);
                    attribute.Strings.Add(reader.ReadBytes());
                    break;
                case 20:
                    long type = reader.ReadInt64(wire, "type");
                    attribute.Type = type is >= 0 and <= 14 ? (OnnxAttributeType)type : OnnxAttributeType.Undefined;
                    break;
                case 21: attribute.RefAttrName = reader.ReadString(wire, "ref_attr_name"); break;
                // g, graphs, tensors, sparse tensors and type protos are skipped whole: no operator the
                // importer maps takes them, and a node that does is refused by its op type.
                default: reader.Skip(wire); break;
            }
        }
        return attribute;
    }

    private static OnnxTensor ParseTensor(ProtobufReader reader)
    {
        var tensor = new OnnxTensor { Offset = reader.Position, Meter = reader.Meter };
        while (reader.HasMore)
        {
            reader.ReadTag(out int field, out WireType wire);
            switch (field)
            {
                case 1: reader.ReadRepeatedInt64(wire, "dims", tensor.Dims); break;
                case 2: tensor.DataType = reader.ReadInt32(wire, "data_type"); break;
                case 3: tensor.IsSegment = true; reader.Skip(wire); break;
                case 4: reader.ReadRepeatedFloat(wire, "float_data", tensor.FloatData); break;
                case 5: reader.ReadRepeatedInt64(wire, "int32_data", tensor.Int32Data); break;
                case 6: tensor.HasOtherData = true; reader.Skip(wire); break;
                case 7: reader.ReadRepeatedInt64(wire, "int64_data", tensor.Int64Data); break;
                case 8: tensor.Name = reader.ReadString(wire, "name"); break;
                case 9:
                    reader.Expect(wire, WireType.LengthDelimited, "raw_data");
                    tensor.RawData = reader.ReadBytes();
                    break;
                case 10: reader.ReadRepeatedDouble(wire, "double_data", tensor.DoubleData); break;
                case 11: tensor.HasOtherData = true; reader.Skip(wire); break;
                case 13: tensor.IsExternal = true; reader.Skip(wire); break;
                case 14: tensor.IsExternal |= reader.ReadInt64(wire, "data_location") == 1; break;
                default: reader.Skip(wire); break;
            }
        }
        return tensor;
    }

    private static OnnxValueInfo ParseValueInfo(ProtobufReader reader)
    {
        var info = new OnnxValueInfo { Offset = reader.Position };
        while (reader.HasMore)
        {
            reader.ReadTag(out int field, out WireType wire);
            switch (field)
            {
                case 1: info.Name = reader.ReadString(wire, "name"); break;
                case 2:
                    reader.Expect(wire, WireType.LengthDelimited, "type");
                    ParseType(reader.ReadMessage("TypeProto"), info);
                    break;
                default: reader.Skip(wire); break;
            }
        }
        return info;
    }

    // TypeProto is recursive (sequence of sequence of ...); only the tensor case is descended into, so the
    // depth of what is parsed stays fixed however deeply a hostile file nests the others.
    private static void ParseType(ProtobufReader reader, OnnxValueInfo info)
    {
        info.HasType = true;
        while (reader.HasMore)
        {
            reader.ReadTag(out int field, out WireType wire);
            if (field == 1)
            {
                reader.Expect(wire, WireType.LengthDelimited, "tensor_type");
                ParseTensorType(reader.ReadMessage("TypeProto.Tensor"), info);
            }
            else if (field is 4 or 5 or 8 or 9)
            {
                info.IsTensor = false;
                reader.Skip(wire);
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    private static void ParseTensorType(ProtobufReader reader, OnnxValueInfo info)
    {
        while (reader.HasMore)
        {
            reader.ReadTag(out int field, out WireType wire);
            switch (field)
            {
                case 1: info.ElementType = reader.ReadInt32(wire, "elem_type"); break;
                case 2:
                    reader.Expect(wire, WireType.LengthDelimited, "shape");
                    info.Shape = ParseShape(reader.ReadMessage("TensorShapeProto"));
                    break;
                default: reader.Skip(wire); break;
            }
        }
    }

    private static List<long?> ParseShape(ProtobufReader reader)
    {
        var dims = new List<long?>();
        while (reader.HasMore)
        {
            reader.ReadTag(out int field, out WireType wire);
            if (field != 1)
            {
                reader.Skip(wire);
                continue;
            }
            reader.Expect(wire, WireType.LengthDelimited, "dim");
            Charge(reader, reader.Position);
            ProtobufReader dim = reader.ReadMessage("TensorShapeProto.Dimension");
            long? value = null;
            while (dim.HasMore)
            {
                dim.ReadTag(out int dimField, out WireType dimWire);
                if (dimField == 1) value = dim.ReadInt64(dimWire, "dim_value");
                else dim.Skip(dimWire);
            }
            dims.Add(value);
        }
        return dims;
    }

    private static void Charge(ProtobufReader reader, int at) => reader.Meter.ChargeObjects(1, ObjectBudget, string.Empty, at);
}
