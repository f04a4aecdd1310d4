using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>What the compiler builds from the generated .editorconfig: global build properties and per-file metadata.</summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<string, DictionaryOptions> _files;

    /// <param name="global">build_property.* values.</param>
    /// <param name="files">Per-file build_metadata.* values, keyed by path (so a replaced file keeps its metadata, as in a build).</param>
    public TestOptionsProvider(IReadOnlyDictionary<string, string> global, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> files)
    {
        GlobalOptions = new DictionaryOptions(global);
        var map = new Dictionary<string, DictionaryOptions>();
        foreach (KeyValuePair<string, IReadOnlyDictionary<string, string>> file in files)
        {
            map[file.Key] = new DictionaryOptions(file.Value);
        }
        _files = map;
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        => _files.TryGetValue(textFile.Path, out DictionaryOptions? options) ? options : DictionaryOptions.Empty;

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            => values.TryGetValue(key, out value);
    }
}
