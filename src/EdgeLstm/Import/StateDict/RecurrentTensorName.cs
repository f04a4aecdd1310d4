using System.Globalization;

namespace EdgeLstm.Import.StateDict;

/// <summary>Which parameter of a recurrent layer a state_dict key names.</summary>
internal enum RecurrentParameter
{
    InputWeights,
    RecurrentWeights,
    InputBias,
    RecurrentBias,

    /// <summary>LSTM projection W_hr (<c>proj_size &gt; 0</c>), [P, H].</summary>
    Projection,
}

/// <summary>
/// A parsed PyTorch recurrent parameter key: <c>&lt;module&gt;.weight_ih_l{k}[_reverse]</c> and its siblings
/// <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c>, <c>weight_hr</c>, as nn.LSTM, nn.GRU and nn.RNN name them.
/// </summary>
internal readonly struct RecurrentTensorName
{
    private static readonly (string Stem, RecurrentParameter Parameter)[] Stems =
    {
        ("weight_ih_l", RecurrentParameter.InputWeights),
        ("weight_hh_l", RecurrentParameter.RecurrentWeights),
        ("bias_ih_l", RecurrentParameter.InputBias),
        ("bias_hh_l", RecurrentParameter.RecurrentBias),
        ("weight_hr_l", RecurrentParameter.Projection),
    };

    private const string ReverseSuffix = "_reverse";

    private RecurrentTensorName(string module, RecurrentParameter parameter, int layer, bool reverse)
    {
        Module = module;
        Parameter = parameter;
        Layer = layer;
        Reverse = reverse;
    }

    /// <summary>The owning module's path ("rnn", "encoder.lstm"), empty for a bare nn.LSTM's own state_dict.</summary>
    public string Module { get; }

    public RecurrentParameter Parameter { get; }

    /// <summary>The layer index k of <c>_l{k}</c>.</summary>
    public int Layer { get; }

    /// <summary>True for the reverse direction of a bidirectional layer.</summary>
    public bool Reverse { get; }

    /// <summary>Parses <paramref name="key"/>; false when it is not a recurrent parameter name.</summary>
    public static bool TryParse(string key, out RecurrentTensorName name)
    {
        name = default;
        int dot = key.LastIndexOf('.');
        string module = dot < 0 ? string.Empty : key.Substring(0, dot);
        string leaf = key.Substring(dot + 1);
        foreach ((string stem, RecurrentParameter parameter) in Stems)
        {
            if (!leaf.StartsWith(stem, System.StringComparison.Ordinal)) continue;
            string rest = leaf.Substring(stem.Length);
            bool reverse = rest.EndsWith(ReverseSuffix, System.StringComparison.Ordinal);
            string digits = reverse ? rest.Substring(0, rest.Length - ReverseSuffix.Length) : rest;
            // PyTorch writes plain decimal indices ("l0", "l12"); anything else is not its key.
            if (digits.Length == 0 || digits.Length > 4 || (digits.Length > 1 && digits[0] == '0')) return false;
            foreach (char c in digits)
            {
                if (c < '0' || c > '9') return false;
            }
            name = new RecurrentTensorName(module, parameter, int.Parse(digits, CultureInfo.InvariantCulture), reverse);
            return true;
        }
        return false;
    }
}
