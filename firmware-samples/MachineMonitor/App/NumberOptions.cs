using System;
using System.CommandLine;
using System.Globalization;

namespace MachineMonitor.App;

/// <summary>
/// Numeric options parsed in the invariant culture (a dot is the decimal separator on every board, whatever its
/// locale) and range-checked at parse time, so a bad value is a usage error naming the option.
/// </summary>
internal static class NumberOptions
{
    public static Option<double> Double(string name, string description, double defaultValue, Func<double, bool> isValid, string range)
        => Create(name, description, defaultValue, isValid, range,
            (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value));

    public static Option<int> Int(string name, string description, int defaultValue, Func<int, bool> isValid, string range)
        => Create(name, description, defaultValue, isValid, range,
            (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value));

    private delegate bool TryParse<T>(string text, out T value);

    private static Option<T> Create<T>(string name, string description, T defaultValue, Func<T, bool> isValid, string range, TryParse<T> tryParse)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (tryParse(text, out T value) && isValid(value))
                {
                    return value;
                }

                result.AddError($"{name} '{text}' is not valid; expected {range}.");
                return defaultValue;
            },
        };
        return option;
    }
}
