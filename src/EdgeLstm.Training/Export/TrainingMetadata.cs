using System.Collections.Generic;
using EdgeLstm.Model;
using EdgeLstm.Training.Data;

namespace EdgeLstm.Training.Export;

/// <summary>The <c>training</c> metadata value: how the model was trained and how well, as one JSON object.</summary>
internal static class TrainingMetadata
{
    public static string Describe(TimeSeries series, TrainingOptions options, TrainingDataSummary data,
        IReadOnlyList<EpochSummary> history, int bestEpoch, bool stoppedEarly) => JsonText.Write(json =>
    {
        EpochSummary best = history[bestEpoch - 1];
        json.WriteStartObject();
        // The file name only: a model file should not carry the folders of the machine it was trained on.
        json.WriteString("source", System.IO.Path.GetFileName(series.Source));
        json.WriteNumber("rows", data.Rows);
        json.WriteNumber("training_rows", data.TrainingRows);
        json.WriteNumber("validation_rows", data.ValidationRows);
        json.WriteNumber("window", data.Window);
        json.WriteNumber("stride", data.Stride);
        json.WriteNumber("batch_size", options.BatchSize);
        json.WritePropertyName("learning_rate");
        json.WriteDouble(options.LearningRate);
        json.WritePropertyName("gradient_clip_norm");
        json.WriteDouble(options.GradientClipNorm);
        if (options.Task == TrainingTask.Autoencoder)
        {
            json.WritePropertyName("noise");
            json.WriteDouble(options.Noise);
        }
        json.WriteNumber("seed", options.Seed);
        json.WriteNumber("epochs", options.Epochs);
        json.WriteNumber("epochs_run", history.Count);
        json.WriteNumber("patience", options.Patience);
        json.WriteBoolean("stopped_early", stoppedEarly);
        json.WriteNumber("best_epoch", bestEpoch);
        json.WritePropertyName("training_loss");
        json.WriteDouble(best.TrainingLoss);
        if (best.ValidationLoss is { } validation)
        {
            json.WritePropertyName("validation_loss");
            json.WriteDouble(validation);
        }
        json.WriteEndObject();
    });
}
