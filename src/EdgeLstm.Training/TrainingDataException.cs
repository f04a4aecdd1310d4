using System;

namespace EdgeLstm.Training;

/// <summary>
/// The data cannot be trained on as asked (too few rows for the window, a validation span shorter than one window,
/// an initial model of another shape). The message names the data's source and says what would work.
/// </summary>
public sealed class TrainingDataException : Exception
{
    public TrainingDataException(string message)
        : base(message)
    {
    }
}
