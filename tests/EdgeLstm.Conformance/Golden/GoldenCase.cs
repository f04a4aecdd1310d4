using System.Collections.Generic;

namespace EdgeLstm.Conformance.Golden;

/// <summary>
/// One golden case (tests/cases/&lt;name&gt;/case.json): input and output computed by PyTorch or ONNX Runtime from a
/// zero initial state, row-major [steps, size], and the weight formats the case folder holds.
/// </summary>
/// <param name="Name">The case folder's name.</param>
/// <param name="Steps">Rows of input and output.</param>
/// <param name="InputSize">Features per input row.</param>
/// <param name="OutputSize">Features per output row.</param>
/// <param name="Input">[Steps, InputSize], row-major.</param>
/// <param name="Output">[Steps, OutputSize], row-major.</param>
/// <param name="Files">Format (onnx, safetensors, pt) to file name in the case folder.</param>
public sealed record GoldenCase(
    string Name,
    int Steps,
    int InputSize,
    int OutputSize,
    float[] Input,
    float[] Output,
    Dictionary<string, string> Files);
