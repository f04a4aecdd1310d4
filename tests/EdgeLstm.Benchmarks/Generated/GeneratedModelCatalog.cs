using System;
using System.Collections.Generic;

namespace EdgeLstm.Benchmarks.Generated;

/// <summary>Consumes one input row (or T rows) and writes the outputs.</summary>
public delegate void SpanTransform(ReadOnlySpan<float> inputs, Span<float> outputs);

/// <summary>A generated model reached through delegates: for the output check and the report, not for timing.</summary>
/// <param name="Name">The model's file stem under models/.</param>
/// <param name="AdapterType">The struct the benchmark classes are instantiated over.</param>
public sealed record GeneratedModelHandle(string Name, Type AdapterType, SpanTransform Step, SpanTransform Run, Action Reset);

/// <summary>Every generated benchmark model, by name.</summary>
public static class GeneratedModelCatalog
{
    public static IReadOnlyList<GeneratedModelHandle> All { get; } =
    [
        Handle<Lstm8Model>(),
        Handle<Lstm16Model>(),
        Handle<Lstm32Model>(),
        Handle<Lstm64Model>(),
        Handle<Lstm128Model>(),
        Handle<Lstm256Model>(),
        Handle<Gru8Model>(),
        Handle<Gru16Model>(),
        Handle<Gru32Model>(),
        Handle<Gru64Model>(),
        Handle<Gru128Model>(),
        Handle<Gru256Model>(),
        Handle<Lstm2x64Model>(),
    ];

    private static GeneratedModelHandle Handle<TModel>() where TModel : struct, IGeneratedModel<TModel>
    {
        TModel model = TModel.Create();
        return new GeneratedModelHandle(TModel.Name, typeof(TModel), (i, o) => model.Step(i, o), (i, o) => model.Run(i, o), () => model.Reset());
    }
}
