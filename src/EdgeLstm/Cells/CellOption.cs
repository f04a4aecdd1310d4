using System.Globalization;

namespace EdgeLstm.Cells;

/// <summary>One option of a recurrent layer as reports show it, e.g. "peepholes yes" or "linear_before_reset 1".</summary>
/// <param name="Name">The option's name as EdgeLstm JSON and ONNX spell it (snake_case).</param>
/// <param name="JsonName">Its name in <c>inspect --json</c> (camelCase).</param>
/// <param name="Value">A bool or an int.</param>
/// <param name="Text">The value as the text report writes it.</param>
public sealed record CellOption(string Name, string JsonName, object Value, string Text)
{
    /// <summary>A flag shown as yes / no.</summary>
    public static CellOption YesNo(string name, string jsonName, bool value) => new(name, jsonName, value, value ? "yes" : "no");

    /// <summary>A flag shown as ONNX writes it, 0 / 1.</summary>
    public static CellOption ZeroOne(string name, string jsonName, bool value) => new(name, jsonName, value, value ? "1" : "0");

    /// <summary>A size, 0 for none.</summary>
    public static CellOption Size(string name, string jsonName, int value)
        => new(name, jsonName, value, value == 0 ? "none" : value.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => $"{Name} {Text}";
}
