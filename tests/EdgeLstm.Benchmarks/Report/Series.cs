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

/// <summary>One benchmark result: ns per operation (the median, or the fastest iteration of a CPU-time run) and managed bytes allocated per operation.</summary>
public sealed record Measurement(double Nanoseconds, long? AllocatedBytes);
