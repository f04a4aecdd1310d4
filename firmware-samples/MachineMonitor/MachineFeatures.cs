using EdgeLstm;

namespace MachineMonitor;

/// <summary>
/// The recurrent core of the detector: the LSTM(1→32) that <c>training/train.py</c> trained as a next-step predictor,
/// without its linear head, so that its output is the 32-value hidden state. The detector learns its own readout over
/// these features on the device, for the stream it watches (<c>DetectionMode.LearnedReadout</c>). The EdgeLstm source
/// generator turns the safetensors file into this class's Step/Run/Reset at build time.
/// </summary>
[RecurrentModel("models/machine_features.safetensors")]
public sealed partial class MachineFeatures;
