using System;
using EdgeLstm.Model;

namespace EdgeLstm.Training.Data;

/// <summary>
/// How a series is cut for training: the first rows train, the last <see cref="TrainingOptions.ValidationFraction"/>
/// validate (a chronological split, so validation measures what comes later, as the device will see it); both spans
/// are standardised with the training rows' statistics and cut into windows.
/// </summary>
internal sealed class TrainingPlan
{
    private TrainingPlan(int trainingRows, int validationRows, int window, int stride, InputNormalization normalization,
        WindowSet training, WindowSet? validation)
    {
        TrainingRows = trainingRows;
        ValidationRows = validationRows;
        Window = window;
        Stride = stride;
        Normalization = normalization;
        Training = training;
        Validation = validation;
    }

    public int TrainingRows { get; }

    public int ValidationRows { get; }

    public int Window { get; }

    public int Stride { get; }

    public InputNormalization Normalization { get; }

    public WindowSet Training { get; }

    /// <summary>Null when no rows are kept for validation.</summary>
    public WindowSet? Validation { get; }

    /// <param name="series">The data.</param>
    /// <param name="options">Window, stride, validation fraction and task.</param>
    /// <param name="normalization">The standardisation to keep (from an initial model), or null to compute it.</param>
    /// <exception cref="TrainingDataException">The data is too short for what is asked; the message says what fits.</exception>
    public static TrainingPlan Create(TimeSeries series, TrainingOptions options, InputNormalization? normalization)
    {
        int rows = series.Rows;
        int validationRows = (int)Math.Floor(rows * options.ValidationFraction);
        int trainingRows = rows - validationRows;
        // Next-step windows need one row beyond their last input: the last target.
        int extra = options.Task == TrainingTask.NextStep ? 1 : 0;
        int shortestSpan = validationRows > 0 ? Math.Min(trainingRows, validationRows) : trainingRows;
        int window = ChooseWindow(series, options, trainingRows, validationRows, shortestSpan - extra);
        int stride = options.Stride ?? Math.Max(1, window / 8);

        normalization ??= Standardization.Compute(series, trainingRows);
        double[] standardized = Standardization.Apply(series, normalization);
        var training = new WindowSet(standardized, series.ColumnCount, 0, trainingRows, window, stride, options.Task);
        WindowSet? validation = validationRows == 0 ? null
            : new WindowSet(standardized, series.ColumnCount, trainingRows, rows, window, stride, options.Task);
        return new TrainingPlan(trainingRows, validationRows, window, stride, normalization, training, validation);
    }

    private static int ChooseWindow(TimeSeries series, TrainingOptions options, int trainingRows, int validationRows, int longestFit)
    {
        string split = validationRows > 0
            ? $"{trainingRows} training and {validationRows} validation rows"
            : $"{trainingRows} training rows";
        string need = options.Task == TrainingTask.NextStep ? " plus the row it predicts" : string.Empty;
        if (options.Window is { } asked)
        {
            if (asked > longestFit)
            {
                throw new TrainingDataException(
                    $"{series.Source}: {series.Rows} rows give {split}; a window of {asked} steps needs {asked}{need} in each span. " +
                    $"Use a window of at most {Math.Max(longestFit, 0)}, more data, or a different validation fraction.");
            }
            return asked;
        }
        if (longestFit < TrainingOptions.MinimumAutomaticWindow)
        {
            throw new TrainingDataException(
                $"{series.Source}: {series.Rows} rows give {split}; training needs windows of at least " +
                $"{TrainingOptions.MinimumAutomaticWindow} steps{need} in each span. Record more normal operation " +
                "(a few hundred rows at least), or lower the validation fraction.");
        }
        return Math.Min(TrainingOptions.DefaultWindow, longestFit);
    }
}
