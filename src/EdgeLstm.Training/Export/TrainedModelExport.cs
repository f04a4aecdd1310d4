using System;
using System.Collections.Generic;
using System.Linq;
using EdgeLstm.Model;
using EdgeLstm.Training.Network;

namespace EdgeLstm.Training.Export;

/// <summary>
/// A trained network as a safetensors file the importers, the reference implementation and the generator read:
/// the state_dict (<c>rnn.*</c>, <c>head.*</c>, float32) and the <c>__metadata__</c> keys they interpret —
/// <c>cell</c>, <c>head_activation</c> (none), <c>nonlinearity</c> (RNN), <c>input_mean</c>/<c>input_std</c> — plus
/// what a user wants to know later: <c>task</c>, <c>columns</c>, <c>producer</c> and <c>training</c> (the settings and
/// losses, as JSON).
/// </summary>
internal static class TrainedModelExport
{
    public const string TaskKey = "task", ColumnsKey = "columns", ProducerKey = "producer", TrainingKey = "training";

    public static byte[] ToSafeTensors(NetworkShape shape, ParameterSet parameters, InputNormalization normalization,
        TrainingTask task, IReadOnlyList<string> columns, string trainingJson)
    {
        var tensors = parameters.All
            .Select(p => new TensorEntry(p.Name, p.Shape, p.Values.Select(v => (float)v).ToArray()))
            .ToList();
        var metadata = new List<KeyValuePair<string, string>>
        {
            new("cell", shape.Cell.ToString().ToUpperInvariant()),
            new("head_activation", "none"),
        };
        if (shape.Cell == CellKind.Rnn)
        {
            metadata.Add(new("nonlinearity", shape.Nonlinearity == ActivationKind.Relu ? "relu" : "tanh"));
        }
        metadata.Add(new("input_mean", FloatArray(normalization.Mean.AsArray())));
        metadata.Add(new("input_std", FloatArray(normalization.Std.AsArray())));
        metadata.Add(new(TaskKey, TaskName(task)));
        metadata.Add(new(ColumnsKey, StringArray(columns)));
        metadata.Add(new(ProducerKey, "EdgeLstm.Training " + Version));
        metadata.Add(new(TrainingKey, trainingJson));
        return SafeTensorsWriter.Write(tensors, metadata);
    }

    /// <summary>The task's name in the file and on the command line.</summary>
    public static string TaskName(TrainingTask task) => task == TrainingTask.NextStep ? "next-step" : "autoencoder";

    private static string Version =>
        typeof(TrainedModelExport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>A JSON array of float32 values that read back to the same bits.</summary>
    private static string FloatArray(float[] values) => JsonText.Write(json =>
    {
        json.WriteStartArray();
        foreach (float value in values) json.WriteFloat(value);
        json.WriteEndArray();
    });

    private static string StringArray(IReadOnlyList<string> values) => JsonText.Write(json =>
    {
        json.WriteStartArray();
        foreach (string value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    });
}
