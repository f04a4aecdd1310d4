using System.Text;

namespace EdgeLstm.Cli.Validation;

/// <summary>
/// The CSV the generated code's device-side logging writes and <c>edgelstm validate --device-log</c> reads:
/// a header <c>step,out0,out1,...,out{N-1}</c>, then one line per logged step with the 0-based input row index and
/// the N outputs in invariant culture (round-trip float formatting). Steps increase; gaps are allowed, so a device
/// may log every k-th step. Blank lines and lines starting with '#' are ignored. See docs/cli.md.
/// </summary>
internal static class DeviceLogFormat
{
    public const string StepColumn = "step";

    public const string OutputPrefix = "out";

    /// <summary>The header line for a model with <paramref name="outputs"/> outputs.</summary>
    public static string Header(int outputs)
    {
        var header = new StringBuilder(StepColumn);
        for (int i = 0; i < outputs; i++)
        {
            header.Append(',').Append(OutputPrefix).Append(i);
        }
        return header.ToString();
    }
}
