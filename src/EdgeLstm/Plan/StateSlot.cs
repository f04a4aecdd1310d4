namespace EdgeLstm.Plan;

/// <summary>A vector of a kernel's working memory where it lies.</summary>
/// <param name="Name">Its name in the generated code (h, hNext, c, y...).</param>
/// <param name="Offset">Floats from the start of the kernel's state.</param>
/// <param name="Length">Floats, padded to a multiple of 4.</param>
/// <param name="RealLength">Floats that hold values; the rest is padding.</param>
/// <param name="MaskPadding">Whether the padded lanes are set to zero after every step.</param>
/// <param name="Meaning">What it holds, for the generated comments.</param>
internal sealed record StateSlot(string Name, int Offset, int Length, int RealLength, bool MaskPadding, string Meaning);
