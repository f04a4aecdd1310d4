using Microsoft.ML.OnnxRuntime;

namespace EdgeLstm.Benchmarks.OnnxRuntime;

/// <summary>How many threads ONNX Runtime may use for one inference.</summary>
public enum OrtThreads
{
    /// <summary>One intra-op and one inter-op thread: the same single core the generated code uses.</summary>
    One,

    /// <summary>ONNX Runtime's defaults (intra-op threads = physical cores).</summary>
    Default,
}

/// <summary>Session settings that give ONNX Runtime its best showing on these small graphs.</summary>
public static class OnnxSessions
{
    public static InferenceSession Open(string path, OrtThreads threads)
    {
        using SessionOptions options = new()
        {
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (threads == OrtThreads.One)
        {
            options.IntraOpNumThreads = 1;
            options.InterOpNumThreads = 1;
        }
        return new InferenceSession(path, options);
    }
}
