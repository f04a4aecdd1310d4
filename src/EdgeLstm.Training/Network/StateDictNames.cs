using System.Globalization;

namespace EdgeLstm.Training.Network;

/// <summary>
/// The state_dict keys a trained model is written under: those of a PyTorch module with an <c>nn.LSTM</c> (or
/// <c>nn.GRU</c>, <c>nn.RNN</c>) named <c>rnn</c> and an <c>nn.Linear</c> named <c>head</c>, as the importers and the
/// MachineMonitor training script expect.
/// </summary>
internal static class StateDictNames
{
    public const string RecurrentModule = "rnn", HeadModule = "head";

    public static string InputWeights(int layer) => Recurrent("weight_ih_l", layer);

    public static string RecurrentWeights(int layer) => Recurrent("weight_hh_l", layer);

    public static string InputBias(int layer) => Recurrent("bias_ih_l", layer);

    public static string RecurrentBias(int layer) => Recurrent("bias_hh_l", layer);

    public const string HeadWeight = HeadModule + ".weight", HeadBias = HeadModule + ".bias";

    private static string Recurrent(string stem, int layer)
        => RecurrentModule + "." + stem + layer.ToString(CultureInfo.InvariantCulture);
}
