using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Generator.Emit;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>The catalogue's models, emitted once and compiled twice per test run: as emitted, and forced onto the scalar path.</summary>
internal static class CompiledCatalogue
{
    public static IReadOnlyDictionary<string, ModelClassSpec> Specs { get; } =
        RandomModelCatalogue.All.ToDictionary(pair => pair.Key, pair => TestSpecs.For(pair.Key, pair.Value));

    public static IReadOnlyDictionary<string, string> Sources { get; } =
        Specs.ToDictionary(pair => pair.Key, pair => ModelEmitter.Emit(pair.Value));

    private static readonly Lazy<EmittedAssembly> VectorAssembly = new(() => EmittedAssembly.Compile(Sources.Values));
    private static readonly Lazy<EmittedAssembly> ScalarAssembly = new(() => EmittedAssembly.Compile(Sources.Values, forceScalar: true));

    public static EmittedAssembly Get(bool scalar) => scalar ? ScalarAssembly.Value : VectorAssembly.Value;

    public static IEnumerable<object[]> Names() => RandomModelCatalogue.All.Keys.Select(name => new object[] { name });

    public static IEnumerable<object[]> NamesAndPaths()
        => RandomModelCatalogue.All.Keys.SelectMany(name => new[] { new object[] { name, false }, new object[] { name, true } });
}
