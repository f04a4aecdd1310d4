namespace EdgeLstm.Benchmarks.Report;

/// <summary>What one benchmark row measured.</summary>
public enum Series
{
    EdgeLstmStep,
    OnnxRuntimeStep,
    ReferenceStep,
    EdgeLstmRun,
    OnnxRuntimeRunOneThread,
    OnnxRuntimeRunDefaultThreads,
    EightSingleSteps,
    OneStepOfEightStreams,
}

/// <summary>One benchmark result: BenchmarkDotNet's median per operation and managed bytes allocated per operation.</summary>
public sealed record Measurement(double MedianNanoseconds, long? AllocatedBytes);
