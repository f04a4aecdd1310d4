namespace EdgeLstm.Model;

/// <summary>A free-form metadata entry carried from the weight file (for example ONNX metadata_props).</summary>
public sealed record MetadataEntry(string Key, string Value);

/// <summary>Where a model came from. None of it affects the computation.</summary>
/// <param name="Name">A display name (graph name, file stem).</param>
/// <param name="SourceFile">The file the model was read from, as given to the importer.</param>
/// <param name="Format">The importer that read it: onnx, safetensors, pytorch, edgelstm-json, rtneural-json.</param>
/// <param name="Producer">The tool that wrote the file, when it says (for example "pytorch 1.13.0").</param>
/// <param name="Properties">Anything else the file carried.</param>
public sealed record ModelMetadata(
    string? Name,
    string? SourceFile,
    string? Format,
    string? Producer,
    EquatableArray<MetadataEntry> Properties)
{
    public static ModelMetadata Empty { get; } = new(null, null, null, null, EquatableArray<MetadataEntry>.Empty);
}
