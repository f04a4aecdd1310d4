using EdgeLstm;

namespace MachineMonitor;

/// <summary>
/// The next-step predictor trained by <c>training/train.py</c>: LSTM(1→32) + Linear(32→1) on standardised values.
/// The EdgeLstm source generator turns the ONNX file into this class's Step/Run/Reset at build time.
/// </summary>
[RecurrentModel("models/machine.onnx")]
public sealed partial class MachineModel;
