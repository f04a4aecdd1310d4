using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>One generator run: the driver (to run again after an edit), its result and the compilation with the output.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Input, Compilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    public static GeneratorRun Start(GeneratorDriver driver, Compilation input)
    {
        GeneratorDriver next = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(next, input, output, diagnostics);
    }

    /// <summary>Runs again on an edited compilation (the driver keeps the previous run's state).</summary>
    public GeneratorRun Next(Compilation input) => Start(Driver, input);

    /// <summary>Runs again with the driver changed (files replaced, options updated).</summary>
    public GeneratorRun Next(System.Func<GeneratorDriver, GeneratorDriver> change) => Start(change(Driver), Input);

    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    /// <summary>What the generator reported (ELSTM*), and CS8785 when it threw.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => DriverDiagnostics;

    /// <summary>Errors in the compilation with the generated code, beyond the generator's own.</summary>
    public ImmutableArray<Diagnostic> CompilationErrors
        => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
}
