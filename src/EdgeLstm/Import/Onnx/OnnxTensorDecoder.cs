using System;

namespace EdgeLstm.Import.Onnx;

/// <summary>
/// Decodes the data of a <see cref="OnnxTensor"/> into floats (weights) or integers (shape constants). The element
/// count implied by the dims is checked against the data actually present before any array is allocated, so huge
/// declared dims over a few bytes of data are refused instead of exhausting memory.
/// </summary>
internal static class OnnxTensorDecoder
{
    /// <summary>"tensor 'name' (offset n)", the location used for errors about a tensor.</summary>
    public static string Describe(OnnxTensor tensor)
        => $"tensor '{tensor.Name}' (offset {tensor.Offset})";

    /// <summary>The element count from the dims, refusing negative dims and products beyond int range.</summary>
    public static int ElementCount(OnnxTensor tensor, string file)
    {
        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim < 0)
            {
                throw new ModelFormatException(file, Describe(tensor), $"dimension {dim} is negative.");
            }
            // Checked against int range at every step: the product can never overflow a long this way.
            count *= dim;
            if (count > int.MaxValue)
            {
                throw new ModelFormatException(file, Describe(tensor),
                    $"dims [{string.Join(", ", tensor.Dims)}] describe more than {int.MaxValue} elements.");
            }
        }
        return (int)count;
    }

    /// <summary>Decodes a FLOAT, FLOAT16, BFLOAT16 or DOUBLE tensor into single-precision values.</summary>
    public static float[] ToFloats(OnnxTensor tensor, string file)
    {
        CheckStorage(tensor, file);
        int count = ElementCount(tensor, file);
        float[] values;
        switch ((OnnxDataType)tensor.DataType)
        {
            case OnnxDataType.Float:
                if (tensor.RawData is { } raw)
                {
                    CheckRawLength(tensor, file, raw, count, 4);
                    values = new float[count];
                    for (int i = 0; i < count; i++) values[i] = FloatBits.ToSingle(ReadUInt32(raw, i * 4));
                }
                else
                {
                    CheckFieldCount(tensor, file, tensor.FloatData.Count, count, "float_data");
                    values = tensor.FloatData.ToArray();
                }
                break;
            case OnnxDataType.Float16:
            case OnnxDataType.BFloat16:
                bool isHalf = tensor.DataType == (int)OnnxDataType.Float16;
                if (tensor.RawData is { } raw16)
                {
                    CheckRawLength(tensor, file, raw16, count, 2);
                    values = new float[count];
                    for (int i = 0; i < count; i++)
                    {
                        int bits = raw16.Array![raw16.Offset + 2 * i] | raw16.Array[raw16.Offset + 2 * i + 1] << 8;
                        values[i] = isHalf ? FloatBits.HalfToSingle((ushort)bits) : FloatBits.BFloat16ToSingle((ushort)bits);
                    }
                }
                else
                {
                    // Both 16-bit types keep their bit patterns in int32_data, one per element.
                    CheckFieldCount(tensor, file, tensor.Int32Data.Count, count, "int32_data");
                    values = new float[count];
                    for (int i = 0; i < count; i++)
                    {
                        int bits = (int)(tensor.Int32Data[i] & 0xFFFF);
                        values[i] = isHalf ? FloatBits.HalfToSingle((ushort)bits) : FloatBits.BFloat16ToSingle((ushort)bits);
                    }
                }
                break;
            case OnnxDataType.Double:
                if (tensor.RawData is { } raw64)
                {
                    CheckRawLength(tensor, file, raw64, count, 8);
                    values = new float[count];
                    for (int i = 0; i < count; i++)
                    {
                        ulong bits = ReadUInt32(raw64, 8 * i) | (ulong)ReadUInt32(raw64, 8 * i + 4) << 32;
                        values[i] = (float)BitConverter.Int64BitsToDouble((long)bits);
                    }
                }
                else
                {
                    CheckFieldCount(tensor, file, tensor.DoubleData.Count, count, "double_data");
                    values = new float[count];
                    for (int i = 0; i < count; i++) values[i] = (float)tensor.DoubleData[i];
                }
                break;
            default:
                throw new ModelFormatException(file, Describe(tensor),
                    $"data type {DescribeType(tensor.DataType)} cannot hold weights; expected FLOAT, FLOAT16, BFLOAT16 or DOUBLE.");
        }
        return values;
    }

    /// <summary>Decodes an INT64 or INT32 tensor (shape and axis constants).</summary>
    public static long[] ToInt64s(OnnxTensor tensor, string file)
    {
        CheckStorage(tensor, file);
        int count = ElementCount(tensor, file);
        long[] values;
        switch ((OnnxDataType)tensor.DataType)
        {
            case OnnxDataType.Int64:
                if (tensor.RawData is { } raw)
                {
                    CheckRawLength(tensor, file, raw, count, 8);
                    values = new long[count];
                    for (int i = 0; i < count; i++) values[i] = (long)(ReadUInt32(raw, 8 * i) | (ulong)ReadUInt32(raw, 8 * i + 4) << 32);
                }
                else
                {
                    CheckFieldCount(tensor, file, tensor.Int64Data.Count, count, "int64_data");
                    values = tensor.Int64Data.ToArray();
                }
                break;
            case OnnxDataType.Int32:
                if (tensor.RawData is { } raw32)
                {
                    CheckRawLength(tensor, file, raw32, count, 4);
                    values = new long[count];
                    for (int i = 0; i < count; i++) values[i] = (int)ReadUInt32(raw32, 4 * i);
                }
                else
                {
                    CheckFieldCount(tensor, file, tensor.Int32Data.Count, count, "int32_data");
                    values = new long[count];
                    for (int i = 0; i < count; i++) values[i] = (int)tensor.Int32Data[i];
                }
                break;
            default:
                throw new ModelFormatException(file, Describe(tensor),
                    $"data type {DescribeType(tensor.DataType)} cannot hold integer constants; expected INT64 or INT32.");
        }
        return values;
    }

    /// <summary>True for the element types <see cref="IsAllZero"/> can decode: the float and integer types weights and shapes use.</summary>
    public static bool IsNumeric(OnnxTensor tensor) => (OnnxDataType)tensor.DataType is
        OnnxDataType.Float or OnnxDataType.Float16 or OnnxDataType.BFloat16 or OnnxDataType.Double or OnnxDataType.Int64 or OnnxDataType.Int32;

    /// <summary>True when every element is zero (used for initial states, which must be zero to be representable).</summary>
    public static bool IsAllZero(OnnxTensor tensor, string file)
    {
        if (tensor.DataType is (int)OnnxDataType.Int64 or (int)OnnxDataType.Int32)
        {
            return Array.TrueForAll(ToInt64s(tensor, file), v => v == 0);
        }
        // -0.0 counts as zero: it behaves as zero in every cell equation.
        return Array.TrueForAll(ToFloats(tensor, file), v => v == 0f);
    }

    /// <summary>The ONNX name of a data type code, for messages.</summary>
    public static string DescribeType(int dataType)
        => Enum.IsDefined(typeof(OnnxDataType), dataType) ? ((OnnxDataType)dataType).ToString().ToUpperInvariant() : $"#{dataType}";

    private static void CheckStorage(OnnxTensor tensor, string file)
    {
        if (tensor.IsExternal)
        {
            throw new ModelFormatException(file, Describe(tensor),
                "the data is stored in an external file; save the model with its weights inside the .onnx file (onnx.save(model, path, save_as_external_data=False)).");
        }
        if (tensor.IsSegment)
        {
            throw new ModelFormatException(file, Describe(tensor), "segmented tensors are not supported; expected the whole tensor in one TensorProto.");
        }
    }

    private static void CheckRawLength(OnnxTensor tensor, string file, ArraySegment<byte> raw, int count, int elementSize)
    {
        if ((long)count * elementSize != raw.Count)
        {
            throw new ModelFormatException(file, Describe(tensor),
                $"raw_data holds {raw.Count} bytes; dims [{string.Join(", ", tensor.Dims)}] of {DescribeType(tensor.DataType)} need {(long)count * elementSize}.");
        }
    }

    private static void CheckFieldCount(OnnxTensor tensor, string file, int present, int count, string field)
    {
        if (present != count)
        {
            throw new ModelFormatException(file, Describe(tensor),
                $"{field} holds {present} values; dims [{string.Join(", ", tensor.Dims)}] need {count}.");
        }
    }

    private static uint ReadUInt32(ArraySegment<byte> raw, int index)
    {
        byte[] b = raw.Array!;
        int at = raw.Offset + index;
        return (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
    }
}
