using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;

namespace EdgeLstm.Cli.Infrastructure;

/// <summary>
/// A numeric option parsed in the invariant culture (a dot as the decimal separator on every machine) and checked
/// against its range at parse time, so that a bad value is a parse error: exit 2 with a message naming the option.
/// </summary>
internal static class NumberOption
{
    /// <param name="name">The option, e.g. "--tolerance".</param>
    /// <param name="alias">A short alias, or null.</param>
    /// <param name="description">Help text.</param>
    /// <param name="defaultValue">The value when the option is absent.</param>
    /// <param name="isValid">The accepted range.</param>
    /// <param name="range">The accepted range in words, for the error message ("a number >= 0").</param>
    public static Option<double> Create(string name, string? alias, string description, double defaultValue, Func<double, bool> isValid, string range)
    {
        Option<double> option = alias is null ? new Option<double>(name) : new Option<double>(name, alias);
        option.Description = description;
        option.DefaultValueFactory = _ => defaultValue;
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && isValid(value))
            {
                return value;
            }
            result.AddError($"{name} '{text}' is not valid; expected {range}.");
            return defaultValue;
        };
        return option;
    }
}
