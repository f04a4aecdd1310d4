using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EdgeLstm.Import;
using EdgeLstm.Testing;

namespace EdgeLstm.Tests.Reference;

/// <summary>The golden cases' weight files as this project's tests load them (case.json itself: tests/Shared/GoldenCase.cs).</summary>
internal static class GoldenFiles
{
    /// <summary>Every (case, weight file) pair present: model.onnx, model.safetensors, model.pt (and any other model.*).</summary>
    public static IEnumerable<(string Case, string File)> WeightFiles()
    {
        foreach (string name in GoldenCase.Names())
        {
            foreach (string path in Directory.GetFiles(Path.Combine(GoldenCase.DefaultRoot, name), "model.*").OrderBy(p => p, StringComparer.Ordinal))
            {
                yield return (name, Path.GetFileName(path));
            }
        }
    }

    public static string PathOf(string name, string file) => Path.Combine(GoldenCase.DefaultRoot, name, file);

    /// <summary>
    /// What a user states when loading this case's <paramref name="file"/>: a .pt state_dict holds tensors only, so the
    /// head activation and the RNN nonlinearity case.json names are passed as options; other formats get none.
    /// </summary>
    public static ImportOptions OptionsFor(string name, string file)
        => ImportOptions.From(GoldenCase.Load(name).StateDictOptionsFor(file).Select(o => (o.Key, (string?)o.Value)).ToArray());

    /// <summary>The case's weight file loaded as a user would load it (see <see cref="OptionsFor"/>).</summary>
    public static ReferenceModel LoadModel(string name, string file) => ReferenceModel.Load(PathOf(name, file), OptionsFor(name, file));
}
