using System;
using System.Globalization;
using EdgeLstm.Cli.Csv;

namespace EdgeLstm.Cli.Validation;

/// <summary>
/// The outputs a model should produce, each tagged with the input step it belongs to.
/// </summary>
/// <param name="Source">The file they came from.</param>
/// <param name="Steps">For each expected row, the 0-based input row it answers; strictly increasing.</param>
/// <param name="Values">Row-major [Steps.Length, Channels].</param>
/// <param name="Channels">Outputs per row.</param>
internal sealed record ExpectedOutputs(string Source, int[] Steps, double[] Values, int Channels)
{
    /// <summary>
    /// A plain output CSV (for example written by PyTorch/NumPy): one row per input row, in order, header optional.
    /// </summary>
    public static ExpectedOutputs FromOutputCsv(CsvMatrix csv, int inputRows, int outputSize)
    {
        csv.RequireColumns(outputSize, $"the model writes {outputSize} output(s) per step");
        if (csv.Rows != inputRows)
        {
            throw new CsvFormatException(csv.Source, 0,
                $"has {csv.Rows} output row(s) but the input has {inputRows}; expected one output row per input row.");
        }
        var steps = new int[csv.Rows];
        for (int i = 0; i < steps.Length; i++) steps[i] = i;
        return new ExpectedOutputs(csv.Source, steps, csv.Values, outputSize);
    }

    /// <summary>
    /// A device log: header <c>step,out0,out1,...</c>, then one row per logged step. The step is the 0-based index of
    /// the input row the outputs belong to; the device may log only some steps, but in increasing order.
    /// </summary>
    public static ExpectedOutputs FromDeviceLog(CsvMatrix csv, int inputRows, int outputSize)
    {
        if (csv.Header is null || !string.Equals(csv.Header[0], DeviceLogFormat.StepColumn, StringComparison.OrdinalIgnoreCase))
        {
            throw new CsvFormatException(csv.Source, 0,
                $"a device log starts with the header '{DeviceLogFormat.Header(outputSize)}'; the first column must be '{DeviceLogFormat.StepColumn}'.");
        }
        csv.RequireColumns(outputSize + 1, $"'{DeviceLogFormat.StepColumn}' then the model's {outputSize} output(s)");

        var steps = new int[csv.Rows];
        var values = new double[csv.Rows * outputSize];
        for (int row = 0; row < csv.Rows; row++)
        {
            double step = csv[row, 0];
            int line = csv.LineNumbers[row];
            if (step != Math.Floor(step) || step < 0 || step >= inputRows)
            {
                throw new CsvFormatException(csv.Source, line,
                    $"step {step.ToString(CultureInfo.InvariantCulture)} is not an input row; expected a whole number in 0..{inputRows - 1}.");
            }
            steps[row] = (int)step;
            if (row > 0 && steps[row] <= steps[row - 1])
            {
                throw new CsvFormatException(csv.Source, line,
                    $"step {steps[row]} follows step {steps[row - 1]}; steps must increase.");
            }
            Array.Copy(csv.Values, row * csv.Columns + 1, values, row * outputSize, outputSize);
        }
        return new ExpectedOutputs(csv.Source, steps, values, outputSize);
    }
}
