using System;
using System.Collections.Generic;

namespace EdgeLstm.Import.Onnx;

/// <summary>Helpers to read node attributes with the node named in every error.</summary>
internal static class OnnxAttributes
{
    public static long GetInt(OnnxNode node, string name, long fallback, string file)
    {
        OnnxAttribute? attribute = node.Attribute(name);
        if (attribute is null) return fallback;
        Require(node, attribute, OnnxAttributeType.Int, file);
        return attribute.I;
    }

    public static float? GetFloat(OnnxNode node, string name, string file)
    {
        OnnxAttribute? attribute = node.Attribute(name);
        if (attribute is null) return null;
        Require(node, attribute, OnnxAttributeType.Float, file);
        return attribute.F;
    }

    public static string? GetString(OnnxNode node, string name, string file)
    {
        OnnxAttribute? attribute = node.Attribute(name);
        if (attribute is null) return null;
        Require(node, attribute, OnnxAttributeType.String, file);
        return Utf8(attribute.S, node, name, file);
    }

    public static List<long>? GetInts(OnnxNode node, string name, string file)
    {
        OnnxAttribute? attribute = node.Attribute(name);
        if (attribute is null) return null;
        Require(node, attribute, OnnxAttributeType.Ints, file);
        return attribute.Ints;
    }

    public static List<float>? GetFloats(OnnxNode node, string name, string file)
    {
        OnnxAttribute? attribute = node.Attribute(name);
        if (attribute is null) return null;
        Require(node, attribute, OnnxAttributeType.Floats, file);
        return attribute.Floats;
    }

    public static List<string>? GetStrings(OnnxNode node, string name, string file)
    {
        OnnxAttribute? attribute = node.Attribute(name);
        if (attribute is null) return null;
        Require(node, attribute, OnnxAttributeType.Strings, file);
        var strings = new List<string>(attribute.Strings.Count);
        foreach (ArraySegment<byte> s in attribute.Strings) strings.Add(Utf8(s, node, name, file));
        return strings;
    }

    public static OnnxTensor? GetTensor(OnnxNode node, string name, string file)
    {
        OnnxAttribute? attribute = node.Attribute(name);
        if (attribute is null) return null;
        Require(node, attribute, OnnxAttributeType.Tensor, file);
        return attribute.T ?? throw new ModelFormatException(file, node.Describe(), $"attribute {FileText.Quote(name)} has type TENSOR but holds no tensor.");
    }

    /// <summary>Refuses attributes an operator mapping does not know: ignoring one could change the computation.</summary>
    public static void RequireOnly(OnnxNode node, string file, params string[] known)
    {
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            if (Array.IndexOf(known, attribute.Name) < 0)
            {
                throw new ModelFormatException(file, node.Describe(),
                    $"attribute {FileText.Quote(attribute.Name)} is not supported for {node.OpType}; supported: {(known.Length == 0 ? "none" : string.Join(", ", known))}.");
            }
        }
    }

    private static void Require(OnnxNode node, OnnxAttribute attribute, OnnxAttributeType expected, string file)
    {
        if (!string.IsNullOrEmpty(attribute.RefAttrName))
        {
            throw new ModelFormatException(file, node.Describe(), $"attribute {FileText.Quote(attribute.Name)} refers to a function attribute; only literal values are supported.");
        }
        // type is required by IR version 2 and later; files that omit it are trusted to carry the expected field.
        if (attribute.Type != OnnxAttributeType.Undefined && attribute.Type != expected)
        {
            throw new ModelFormatException(file, node.Describe(),
                $"attribute {FileText.Quote(attribute.Name)} has type {attribute.Type.ToString().ToUpperInvariant()}; expected {expected.ToString().ToUpperInvariant()}.");
        }
    }

    private static string Utf8(ArraySegment<byte> bytes, OnnxNode node, string name, string file)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes.Array!, bytes.Offset, bytes.Count);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ModelFormatException(file, node.Describe(), $"attribute {FileText.Quote(name)} is not valid UTF-8.");
        }
    }
}
