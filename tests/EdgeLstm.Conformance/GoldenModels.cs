// One generated model class per weight file of every golden case (tests/cases). Paths are relative to this project's
// folder, as a user writes them; the project file hands these files to the EdgeLstm build targets. A .pt state_dict
// holds tensors only, so its head activation and RNN nonlinearity are stated here (safetensors files carry them in
// __metadata__, ONNX graphs describe them). ModelCatalogue must list every class below.

namespace EdgeLstm.Conformance.Models;

// gru_i4_h32_l2_dense1: GRU
[RecurrentModel("../cases/gru_i4_h32_l2_dense1/model.onnx")] public sealed partial class GruI4H32L2Dense1Onnx;
[RecurrentModel("../cases/gru_i4_h32_l2_dense1/model.safetensors")] public sealed partial class GruI4H32L2Dense1Safetensors;
[RecurrentModel("../cases/gru_i4_h32_l2_dense1/model.pt", HeadActivation = "none")] public sealed partial class GruI4H32L2Dense1Pt;

// lstm_i1_h24_dense1_sigmoid: LSTM, head sigmoid
[RecurrentModel("../cases/lstm_i1_h24_dense1_sigmoid/model.safetensors")] public sealed partial class LstmI1H24Dense1SigmoidSafetensors;
[RecurrentModel("../cases/lstm_i1_h24_dense1_sigmoid/model.pt", HeadActivation = "sigmoid")] public sealed partial class LstmI1H24Dense1SigmoidPt;

// lstm_i3_h12_bidir_dense2: LSTM, bidirectional
[RecurrentModel("../cases/lstm_i3_h12_bidir_dense2/model.onnx")] public sealed partial class LstmI3H12BidirDense2Onnx;
[RecurrentModel("../cases/lstm_i3_h12_bidir_dense2/model.safetensors")] public sealed partial class LstmI3H12BidirDense2Safetensors;
[RecurrentModel("../cases/lstm_i3_h12_bidir_dense2/model.pt", HeadActivation = "none")] public sealed partial class LstmI3H12BidirDense2Pt;

// lstm_i3_h16_dense3: LSTM
[RecurrentModel("../cases/lstm_i3_h16_dense3/model.onnx")] public sealed partial class LstmI3H16Dense3Onnx;
[RecurrentModel("../cases/lstm_i3_h16_dense3/model.safetensors")] public sealed partial class LstmI3H16Dense3Safetensors;
[RecurrentModel("../cases/lstm_i3_h16_dense3/model.pt", HeadActivation = "none")] public sealed partial class LstmI3H16Dense3Pt;

// lstm_i4_h20_dense5_softmax: LSTM, head softmax
[RecurrentModel("../cases/lstm_i4_h20_dense5_softmax/model.safetensors")] public sealed partial class LstmI4H20Dense5SoftmaxSafetensors;
[RecurrentModel("../cases/lstm_i4_h20_dense5_softmax/model.pt", HeadActivation = "softmax")] public sealed partial class LstmI4H20Dense5SoftmaxPt;

// lstm_i6_h64_l2: LSTM
[RecurrentModel("../cases/lstm_i6_h64_l2/model.onnx")] public sealed partial class LstmI6H64L2Onnx;
[RecurrentModel("../cases/lstm_i6_h64_l2/model.safetensors")] public sealed partial class LstmI6H64L2Safetensors;
[RecurrentModel("../cases/lstm_i6_h64_l2/model.pt")] public sealed partial class LstmI6H64L2Pt;

// lstm_proj_i2_h5_p3_l2: LSTM, proj_size 3, two layers (PyTorch only: ONNX has no projection)
[RecurrentModel("../cases/lstm_proj_i2_h5_p3_l2/model.safetensors")] public sealed partial class LstmProjI2H5P3L2Safetensors;
[RecurrentModel("../cases/lstm_proj_i2_h5_p3_l2/model.pt")] public sealed partial class LstmProjI2H5P3L2Pt;

// lstm_proj_i3_h10_p6_l2_bidir_dense2: LSTM, proj_size 6, two bidirectional layers
[RecurrentModel("../cases/lstm_proj_i3_h10_p6_l2_bidir_dense2/model.safetensors")] public sealed partial class LstmProjI3H10P6L2BidirDense2Safetensors;
[RecurrentModel("../cases/lstm_proj_i3_h10_p6_l2_bidir_dense2/model.pt", HeadActivation = "none")] public sealed partial class LstmProjI3H10P6L2BidirDense2Pt;

// lstm_proj_i4_h12_p5_dense3: LSTM, proj_size 5
[RecurrentModel("../cases/lstm_proj_i4_h12_p5_dense3/model.safetensors")] public sealed partial class LstmProjI4H12P5Dense3Safetensors;
[RecurrentModel("../cases/lstm_proj_i4_h12_p5_dense3/model.pt", HeadActivation = "none")] public sealed partial class LstmProjI4H12P5Dense3Pt;

// lstm_i8_h128_saturating: LSTM
[RecurrentModel("../cases/lstm_i8_h128_saturating/model.onnx")] public sealed partial class LstmI8H128SaturatingOnnx;
[RecurrentModel("../cases/lstm_i8_h128_saturating/model.safetensors")] public sealed partial class LstmI8H128SaturatingSafetensors;
[RecurrentModel("../cases/lstm_i8_h128_saturating/model.pt", HeadActivation = "none")] public sealed partial class LstmI8H128SaturatingPt;

// onnx_gru_lbr0_i3_h16: GRU, head sigmoid
[RecurrentModel("../cases/onnx_gru_lbr0_i3_h16/model.onnx")] public sealed partial class OnnxGruLbr0I3H16Onnx;

// onnx_lstm_cifg_i4_h12: LSTM
[RecurrentModel("../cases/onnx_lstm_cifg_i4_h12/model.onnx")] public sealed partial class OnnxLstmCifgI4H12Onnx;

// onnx_lstm_clip_i2_h8: LSTM
[RecurrentModel("../cases/onnx_lstm_clip_i2_h8/model.onnx")] public sealed partial class OnnxLstmClipI2H8Onnx;

// onnx_lstm_peephole_i3_h10: LSTM
[RecurrentModel("../cases/onnx_lstm_peephole_i3_h10/model.onnx")] public sealed partial class OnnxLstmPeepholeI3H10Onnx;

// onnx_rnn_tanh_i2_h6_gemm_tanh: RNN, head tanh
[RecurrentModel("../cases/onnx_rnn_tanh_i2_h6_gemm_tanh/model.onnx")] public sealed partial class OnnxRnnTanhI2H6GemmTanhOnnx;

// rnn_relu_i3_h12: RNN, relu
[RecurrentModel("../cases/rnn_relu_i3_h12/model.onnx")] public sealed partial class RnnReluI3H12Onnx;
[RecurrentModel("../cases/rnn_relu_i3_h12/model.safetensors")] public sealed partial class RnnReluI3H12Safetensors;
[RecurrentModel("../cases/rnn_relu_i3_h12/model.pt", Nonlinearity = "relu")] public sealed partial class RnnReluI3H12Pt;

// rnn_tanh_i2_h8_dense2: RNN, tanh
[RecurrentModel("../cases/rnn_tanh_i2_h8_dense2/model.onnx")] public sealed partial class RnnTanhI2H8Dense2Onnx;
[RecurrentModel("../cases/rnn_tanh_i2_h8_dense2/model.safetensors")] public sealed partial class RnnTanhI2H8Dense2Safetensors;
[RecurrentModel("../cases/rnn_tanh_i2_h8_dense2/model.pt", HeadActivation = "none", Nonlinearity = "tanh")] public sealed partial class RnnTanhI2H8Dense2Pt;

// Multi-stream forms (Streams = N) of some of the files above: checked against the golden outputs and, stream by
// stream, against the single-stream classes of the same file (identical floats).
[RecurrentModel("../cases/lstm_i3_h16_dense3/model.onnx", Streams = 8)] public sealed partial class LstmI3H16Dense3OnnxX8;
[RecurrentModel("../cases/lstm_i3_h16_dense3/model.onnx", Streams = 3)] public sealed partial class LstmI3H16Dense3OnnxX3;
[RecurrentModel("../cases/gru_i4_h32_l2_dense1/model.onnx", Streams = 8)] public sealed partial class GruI4H32L2Dense1OnnxX8;
[RecurrentModel("../cases/lstm_i4_h20_dense5_softmax/model.safetensors", Streams = 4)] public sealed partial class LstmI4H20Dense5SoftmaxSafetensorsX4;
[RecurrentModel("../cases/lstm_i4_h20_dense5_softmax/model.safetensors", Streams = 8)] public sealed partial class LstmI4H20Dense5SoftmaxSafetensorsX8; // 8 lanes: a dense head of 5 rows (a block of row pairs and one row)
[RecurrentModel("../cases/lstm_i6_h64_l2/model.onnx", Streams = 8)] public sealed partial class LstmI6H64L2OnnxX8;
[RecurrentModel("../cases/lstm_i8_h128_saturating/model.onnx", Streams = 16)] public sealed partial class LstmI8H128SaturatingOnnxX16;
[RecurrentModel("../cases/onnx_lstm_cifg_i4_h12/model.onnx", Streams = 4)] public sealed partial class OnnxLstmCifgI4H12OnnxX4;
[RecurrentModel("../cases/onnx_lstm_clip_i2_h8/model.onnx", Streams = 5)] public sealed partial class OnnxLstmClipI2H8OnnxX5;
[RecurrentModel("../cases/rnn_tanh_i2_h8_dense2/model.onnx", Streams = 8)] public sealed partial class RnnTanhI2H8Dense2OnnxX8;
[RecurrentModel("../cases/rnn_relu_i3_h12/model.onnx", Streams = 2)] public sealed partial class RnnReluI3H12OnnxX2;
