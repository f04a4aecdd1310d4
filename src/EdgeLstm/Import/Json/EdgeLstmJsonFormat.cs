using System;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Json;

/// <summary>
/// EdgeLstm's own JSON form of a <see cref="NetworkModel"/> (specified in docs/json-format.md): readable,
/// writable by hand, and lossless: <c>Import(Write(model))</c> equals <c>model</c>, float bits included.
/// </summary>
/// <remarks>
/// Shared source: compiled into the runtime (net10.0) and the generator (netstandard2.0). The writing half lives with
/// the exporter (Export/EdgeLstmJsonFormat.Write.cs), which only the runtime compiles.
/// </remarks>
public static partial class EdgeLstmJsonFormat
{
    /// <summary>Reads and validates a model.</summary>
    /// <param name="text">The whole JSON document.</param>
    /// <param name="file">The file's name as the user knows it; every error message starts with it.</param>
    /// <exception cref="ModelFormatException">The text is not valid JSON, does not follow the format (the message names
    /// the JSON path, for example <c>layers[1].directions[0].recurrent_bias</c>), or describes an invalid model.</exception>
    public static NetworkModel Import(string text, string file)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (file is null) throw new ArgumentNullException(nameof(file));
        return EdgeLstmJsonReader.Read(text, file);
    }
}
