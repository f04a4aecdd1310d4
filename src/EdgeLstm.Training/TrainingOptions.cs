using System;
using EdgeLstm.Model;

namespace EdgeLstm.Training;

/// <summary>How to train: the network's shape, the windows, the optimiser and when to stop.</summary>
/// <remarks>
/// The defaults were chosen on NAB's 56 probationary periods (a few hundred rows each, the small data a machine
/// records in a day or two): with 32 windows per batch and patience 10 an epoch held one or two updates and training
/// stopped before it had learned much (validation loss 0.77 of a persistence forecast's, geometric mean over the
/// files); batches of 8, overlapping windows (stride window/8), patience 20 and up to 200 epochs reach 0.44.
/// </remarks>
public sealed record TrainingOptions
{
    /// <summary>The longest window chosen when <see cref="Window"/> is not given.</summary>
    public const int DefaultWindow = 64;

    /// <summary>The shortest window chosen when <see cref="Window"/> is not given; less data than that is an error.</summary>
    public const int MinimumAutomaticWindow = 8;

    /// <summary>The recurrent cell.</summary>
    public CellKind Cell { get; init; } = CellKind.Lstm;

    /// <summary>An RNN cell's activation (tanh or relu); LSTM and GRU use their own.</summary>
    public ActivationKind Nonlinearity { get; init; } = ActivationKind.Tanh;

    /// <summary>Units per recurrent layer.</summary>
    public int Hidden { get; init; } = 32;

    /// <summary>Stacked recurrent layers.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>What the output means: next-step prediction or reconstruction.</summary>
    public TrainingTask Task { get; init; } = TrainingTask.NextStep;

    /// <summary>Passes over the training windows, at most (early stopping may end sooner).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>
    /// Steps per training window, which is also how far back gradients flow (truncated backpropagation through time);
    /// every window starts from the zero state, as the device does. Null: <see cref="DefaultWindow"/>, or less when
    /// the training or validation span is shorter.
    /// </summary>
    public int? Window { get; init; }

    /// <summary>Rows between the starts of consecutive windows; null: an eighth of the window (each row in about eight windows).</summary>
    public int? Stride { get; init; }

    /// <summary>Windows per optimiser step.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Adam's learning rate (β1 0.9, β2 0.999, ε 1e-8, as PyTorch's defaults).</summary>
    public double LearningRate { get; init; } = 0.005;

    /// <summary>Seeds the initial weights, the window order of every epoch and the autoencoder's noise.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The fraction of rows, taken from the end, kept aside to measure the validation loss (0 for none).</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Stop after this many epochs without a better validation loss; the best epoch's weights are kept.</summary>
    public int Patience { get; init; } = 20;

    /// <summary>Rescale the gradient when its global L2 norm exceeds this (PyTorch's clip_grad_norm_); 0 for none.</summary>
    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>Autoencoder: the standard deviation of the Gaussian noise added to the standardised inputs.</summary>
    public double Noise { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of its range.</summary>
    public void Validate()
    {
        Require(Enum.IsDefined(Cell), nameof(Cell), Cell, "LSTM, GRU or RNN");
        Require(Nonlinearity is ActivationKind.Tanh or ActivationKind.Relu, nameof(Nonlinearity), Nonlinearity, "tanh or relu");
        Require(Cell == CellKind.Rnn || Nonlinearity == ActivationKind.Tanh, nameof(Nonlinearity), Nonlinearity, "tanh for an LSTM or GRU (relu applies to RNN cells only)");
        Require(Hidden is >= 1 and <= ModelValidator.MaxDimension, nameof(Hidden), Hidden, $"1..{ModelValidator.MaxDimension}");
        Require(Layers is >= 1 and <= 16, nameof(Layers), Layers, "1..16");
        Require(Enum.IsDefined(Task), nameof(Task), Task, "NextStep or Autoencoder");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        Require(Window is null or >= 1, nameof(Window), Window, "at least 1");
        Require(Stride is null or >= 1, nameof(Stride), Stride, "at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a positive number");
        Require(ValidationFraction is >= 0 and < 1, nameof(ValidationFraction), ValidationFraction, "0 <= fraction < 1");
        Require(Patience >= 1, nameof(Patience), Patience, "at least 1");
        Require(GradientClipNorm >= 0 && double.IsFinite(GradientClipNorm), nameof(GradientClipNorm), GradientClipNorm, "0 (off) or a positive number");
        Require(Noise >= 0 && double.IsFinite(Noise), nameof(Noise), Noise, "0 or a positive number");
    }

    private static void Require(bool condition, string name, object? value, string expected)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} is {value}; expected {expected}.", name);
        }
    }
}
