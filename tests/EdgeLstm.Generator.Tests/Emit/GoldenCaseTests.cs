extern alias runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Import;
using EdgeLstm.Import.Json;
using EdgeLstm.Model;
using EdgeLstm.Testing;
using Xunit;
using Xunit.Abstractions;
using IRecurrentModel = runtime::EdgeLstm.IRecurrentModel;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>
/// The golden cases (tests/cases: inputs and outputs from PyTorch / ONNX Runtime) through every importer that can
/// read them, the emitter and the compiler: the generated model must reproduce the framework's output within 1e-5.
/// </summary>
public sealed class GoldenCaseTests
{
    private readonly ITestOutputHelper _output;

    public GoldenCaseTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void GeneratedModelsReproduceTheFrameworks()
    {
        var imported = new List<(string Name, NetworkModel Network, GoldenCase Case)>();
        foreach (string directory in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "cases")).OrderBy(d => d, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(directory);
            GoldenCase golden = GoldenCase.Load(name);
            var files = Directory.GetFiles(directory, "model.*").ToList();
            string rtneural = Path.Combine(AppContext.BaseDirectory, "rtneural", name + ".rtneural.json");
            if (File.Exists(rtneural)) files.Add(rtneural);
            foreach (string file in files)
            {
                try
                {
                    // A .pt state_dict cannot say its head activation or RNN nonlinearity: the user passes them, as here.
                    ImportOptions options = ImportOptions.From(golden.StateDictOptionsFor(file).Select(o => (o.Key, (string?)o.Value)).ToArray());
                    NetworkModel network = ModelImporter.Load(File.ReadAllBytes(file), Path.GetFileName(file), options);
                    imported.Add(($"{name} via {Path.GetFileName(file)}", network, golden));
                }
                catch (ModelFormatException e)
                {
                    _output.WriteLine($"not covered yet: {name}/{Path.GetFileName(file)}: {e.Message}");
                }
            }
        }

        // Every case has at least one importable file (all importers are merged).
        Assert.True(imported.Select(m => m.Case).Distinct().Count() == Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "cases")).Length,
            "some golden case could not be imported through any format");

        var specs = imported.Select((m, i) => new ModelClassSpec("EdgeLstm.Golden", EquatableArray<string>.Empty, EquatableArray<string>.Empty, $"Golden{i}", m.Name, m.Network,
            new SelfTestData(1, new float[m.Network.InputSize], new float[m.Network.OutputSize]))).ToList();
        EmittedAssembly assembly = EmittedAssembly.Compile(specs.Select(ModelEmitter.Emit));
        Assert.Empty(assembly.Diagnostics);

        var failures = new List<string>();
        for (int i = 0; i < imported.Count; i++)
        {
            GoldenCase golden = imported[i].Case;
            IRecurrentModel model = assembly.Create(TestSpecs.FullName(specs[i]));
            var outputs = new float[golden.Output.Length];
            model.Run(golden.Input, outputs);
            double worst = golden.Output.Zip(outputs, (e, a) => Math.Abs((double)e - a)).Max();
            _output.WriteLine($"{imported[i].Name}: max |error| {worst:E2}");
            if (!(worst <= 1e-5)) failures.Add($"{imported[i].Name}: max |error| {worst:E2}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
