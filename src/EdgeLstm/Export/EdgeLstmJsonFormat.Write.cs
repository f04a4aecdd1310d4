using System;
using EdgeLstm.Export;
using EdgeLstm.Model;

namespace EdgeLstm.Import.Json;

// The exporting half of EdgeLstm's JSON format; it keeps the namespace of the format's public API
// (EdgeLstmJsonFormat.Import in Import/Json) so that callers of EdgeLstmJsonFormat.Write are unaffected.
public static partial class EdgeLstmJsonFormat
{
    /// <summary>Writes a model as EdgeLstm JSON (UTF-16 text; save it as UTF-8).</summary>
    /// <exception cref="ArgumentException">The model does not pass <see cref="ModelValidator"/> (for example a NaN weight).</exception>
    public static string Write(NetworkModel model)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        try
        {
            // Only valid models are written, so that every file Write produces is one Import accepts.
            ModelValidator.Validate(model, model.Metadata.Name ?? "model");
        }
        catch (ModelFormatException e)
        {
            throw new ArgumentException($"The model cannot be written: {e.Message}", nameof(model), e);
        }
        return EdgeLstmJsonWriter.Write(model);
    }
}
