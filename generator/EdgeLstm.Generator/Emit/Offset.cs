namespace EdgeLstm.Generator.Emit;

/// <summary>
/// An element offset in generated code: a loop variable plus a constant, or a constant alone when everything is
/// unrolled. Formats as the shortest C# expression ("48", "u", "u + 8").
/// </summary>
internal readonly struct Offset
{
    private readonly string? _variable;
    private readonly long _constant;

    private Offset(string? variable, long constant)
    {
        _variable = variable;
        _constant = constant;
    }

    public static Offset Constant(long value) => new(null, value);

    public static Offset Variable(string name) => new(name, 0);

    public static Offset operator +(Offset offset, long delta) => new(offset._variable, offset._constant + delta);

    public override string ToString()
        => _variable is null ? _constant.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : _constant == 0 ? _variable
            : $"{_variable} + {_constant.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
