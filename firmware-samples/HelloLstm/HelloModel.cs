namespace HelloLstm;

/// <summary>Two stacked LSTM layers (6 inputs, 64 hidden units), baked from models/lstm_i6_h64_l2.onnx at build time.</summary>
[EdgeLstm.RecurrentModel("models/lstm_i6_h64_l2.onnx")]
public sealed partial class HelloModel;
