using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;

namespace EdgeLstm.CommandLine;

/// <summary>
/// Numeric options parsed in the invariant culture (a dot is the decimal separator on every machine and board,
/// whatever its locale) and checked against their range at parse time, so that a bad value is a usage error naming
/// the option, not an exception later.
/// </summary>
/// <remarks>
/// Shared source, linked into the two System.CommandLine apps (the edgelstm tool and the MachineMonitor firmware), so
/// that neither library has to depend on System.CommandLine.
/// </remarks>
internal static class InvariantNumberOption
{
    /// <param name="name">The option, e.g. "--tolerance".</param>
    /// <param name="alias">A short alias, or null.</param>
    /// <param name="description">Help text.</param>
    /// <param name="defaultValue">The value when the option is absent.</param>
    /// <param name="isValid">The accepted range.</param>
    /// <param name="range">The accepted range in words, for the error message ("a number >= 0").</param>
    public static Option<double> Double(string name, string? alias, string description, double defaultValue, Func<double, bool> isValid, string range)
        => Create(name, alias, description, defaultValue, isValid, range,
            (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value));

    /// <summary>An integer option; parameters as for <see cref="Double"/>.</summary>
    public static Option<int> Int(string name, string? alias, string description, int defaultValue, Func<int, bool> isValid, string range)
        => Create(name, alias, description, defaultValue, isValid, range,
            (string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value));

    private delegate bool TryParse<T>(string text, out T value);

    private static Option<T> Create<T>(string name, string? alias, string description, T defaultValue, Func<T, bool> isValid, string range, TryParse<T> tryParse)
    {
        Option<T> option = alias is null ? new Option<T>(name) : new Option<T>(name, alias);
        option.Description = description;
        option.DefaultValueFactory = _ => defaultValue;
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
            if (tryParse(text, out T value) && isValid(value))
            {
                return value;
            }
            result.AddError($"{name} '{text}' is not valid; expected {range}.");
            return defaultValue;
        };
        return option;
    }
}
