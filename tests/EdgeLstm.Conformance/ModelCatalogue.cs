using EdgeLstm.Conformance.Checks;
using EdgeLstm.Conformance.Models;

namespace EdgeLstm.Conformance;

/// <summary>
/// Every generated model of GoldenModels.cs with the golden case and format it comes from. Written out by hand
/// (not discovered by reflection) so that Native AOT sees each generic instantiation; a weight file missing here is
/// reported by <see cref="ConformanceRun.ReportUnchecked"/>.
/// </summary>
public static class ModelCatalogue
{
    /// <summary>The multi-stream forms <see cref="CheckAll"/> checks (three checks each), beside one check set per golden weight file.</summary>
    public const int MultiStreamForms = 11;

    /// <summary>Checks per multi-stream form: golden outputs on every stream, same floats as single streams, SelfTest.</summary>
    public const int ChecksPerMultiStreamForm = 3;

    /// <summary>Checks every model.</summary>
    public static void CheckAll(ConformanceRun run)
    {
        run.Streaming<GruI4H32L2Dense1Onnx>("gru_i4_h32_l2_dense1", "onnx", GruI4H32L2Dense1Onnx.SelfTest);
        run.Streaming<GruI4H32L2Dense1Safetensors>("gru_i4_h32_l2_dense1", "safetensors", GruI4H32L2Dense1Safetensors.SelfTest);
        run.Streaming<GruI4H32L2Dense1Pt>("gru_i4_h32_l2_dense1", "pt", GruI4H32L2Dense1Pt.SelfTest);
        run.Streaming<LstmI1H24Dense1SigmoidSafetensors>("lstm_i1_h24_dense1_sigmoid", "safetensors", LstmI1H24Dense1SigmoidSafetensors.SelfTest);
        run.Streaming<LstmI1H24Dense1SigmoidPt>("lstm_i1_h24_dense1_sigmoid", "pt", LstmI1H24Dense1SigmoidPt.SelfTest);
        run.Window<LstmI3H12BidirDense2Onnx>("lstm_i3_h12_bidir_dense2", "onnx", LstmI3H12BidirDense2Onnx.SelfTest);
        run.Window<LstmI3H12BidirDense2Safetensors>("lstm_i3_h12_bidir_dense2", "safetensors", LstmI3H12BidirDense2Safetensors.SelfTest);
        run.Window<LstmI3H12BidirDense2Pt>("lstm_i3_h12_bidir_dense2", "pt", LstmI3H12BidirDense2Pt.SelfTest);
        run.Streaming<LstmI3H16Dense3Onnx>("lstm_i3_h16_dense3", "onnx", LstmI3H16Dense3Onnx.SelfTest);
        run.Streaming<LstmI3H16Dense3Safetensors>("lstm_i3_h16_dense3", "safetensors", LstmI3H16Dense3Safetensors.SelfTest);
        run.Streaming<LstmI3H16Dense3Pt>("lstm_i3_h16_dense3", "pt", LstmI3H16Dense3Pt.SelfTest);
        run.Streaming<LstmI4H20Dense5SoftmaxSafetensors>("lstm_i4_h20_dense5_softmax", "safetensors", LstmI4H20Dense5SoftmaxSafetensors.SelfTest);
        run.Streaming<LstmI4H20Dense5SoftmaxPt>("lstm_i4_h20_dense5_softmax", "pt", LstmI4H20Dense5SoftmaxPt.SelfTest);
        run.Streaming<LstmI6H64L2Onnx>("lstm_i6_h64_l2", "onnx", LstmI6H64L2Onnx.SelfTest);
        run.Streaming<LstmI6H64L2Safetensors>("lstm_i6_h64_l2", "safetensors", LstmI6H64L2Safetensors.SelfTest);
        run.Streaming<LstmI6H64L2Pt>("lstm_i6_h64_l2", "pt", LstmI6H64L2Pt.SelfTest);
        run.Streaming<LstmProjI2H5P3L2Safetensors>("lstm_proj_i2_h5_p3_l2", "safetensors", LstmProjI2H5P3L2Safetensors.SelfTest);
        run.Streaming<LstmProjI2H5P3L2Pt>("lstm_proj_i2_h5_p3_l2", "pt", LstmProjI2H5P3L2Pt.SelfTest);
        run.Window<LstmProjI3H10P6L2BidirDense2Safetensors>("lstm_proj_i3_h10_p6_l2_bidir_dense2", "safetensors", LstmProjI3H10P6L2BidirDense2Safetensors.SelfTest);
        run.Window<LstmProjI3H10P6L2BidirDense2Pt>("lstm_proj_i3_h10_p6_l2_bidir_dense2", "pt", LstmProjI3H10P6L2BidirDense2Pt.SelfTest);
        run.Streaming<LstmProjI4H12P5Dense3Safetensors>("lstm_proj_i4_h12_p5_dense3", "safetensors", LstmProjI4H12P5Dense3Safetensors.SelfTest);
        run.Streaming<LstmProjI4H12P5Dense3Pt>("lstm_proj_i4_h12_p5_dense3", "pt", LstmProjI4H12P5Dense3Pt.SelfTest);
        run.Streaming<LstmI8H128SaturatingOnnx>("lstm_i8_h128_saturating", "onnx", LstmI8H128SaturatingOnnx.SelfTest);
        run.Streaming<LstmI8H128SaturatingSafetensors>("lstm_i8_h128_saturating", "safetensors", LstmI8H128SaturatingSafetensors.SelfTest);
        run.Streaming<LstmI8H128SaturatingPt>("lstm_i8_h128_saturating", "pt", LstmI8H128SaturatingPt.SelfTest);
        run.Streaming<OnnxGruLbr0I3H16Onnx>("onnx_gru_lbr0_i3_h16", "onnx", OnnxGruLbr0I3H16Onnx.SelfTest);
        run.Streaming<OnnxLstmCifgI4H12Onnx>("onnx_lstm_cifg_i4_h12", "onnx", OnnxLstmCifgI4H12Onnx.SelfTest);
        run.Streaming<OnnxLstmClipI2H8Onnx>("onnx_lstm_clip_i2_h8", "onnx", OnnxLstmClipI2H8Onnx.SelfTest);
        run.Streaming<OnnxLstmPeepholeI3H10Onnx>("onnx_lstm_peephole_i3_h10", "onnx", OnnxLstmPeepholeI3H10Onnx.SelfTest);
        run.Streaming<OnnxRnnTanhI2H6GemmTanhOnnx>("onnx_rnn_tanh_i2_h6_gemm_tanh", "onnx", OnnxRnnTanhI2H6GemmTanhOnnx.SelfTest);
        run.Streaming<RnnReluI3H12Onnx>("rnn_relu_i3_h12", "onnx", RnnReluI3H12Onnx.SelfTest);
        run.Streaming<RnnReluI3H12Safetensors>("rnn_relu_i3_h12", "safetensors", RnnReluI3H12Safetensors.SelfTest);
        run.Streaming<RnnReluI3H12Pt>("rnn_relu_i3_h12", "pt", RnnReluI3H12Pt.SelfTest);
        run.Streaming<RnnTanhI2H8Dense2Onnx>("rnn_tanh_i2_h8_dense2", "onnx", RnnTanhI2H8Dense2Onnx.SelfTest);
        run.Streaming<RnnTanhI2H8Dense2Safetensors>("rnn_tanh_i2_h8_dense2", "safetensors", RnnTanhI2H8Dense2Safetensors.SelfTest);
        run.Streaming<RnnTanhI2H8Dense2Pt>("rnn_tanh_i2_h8_dense2", "pt", RnnTanhI2H8Dense2Pt.SelfTest);

        run.MultiStream<LstmI3H16Dense3OnnxX8, LstmI3H16Dense3Onnx>("lstm_i3_h16_dense3", "onnx", LstmI3H16Dense3OnnxX8.SelfTest);
        run.MultiStream<LstmI3H16Dense3OnnxX3, LstmI3H16Dense3Onnx>("lstm_i3_h16_dense3", "onnx", LstmI3H16Dense3OnnxX3.SelfTest);
        run.MultiStream<GruI4H32L2Dense1OnnxX8, GruI4H32L2Dense1Onnx>("gru_i4_h32_l2_dense1", "onnx", GruI4H32L2Dense1OnnxX8.SelfTest);
        run.MultiStream<LstmI4H20Dense5SoftmaxSafetensorsX4, LstmI4H20Dense5SoftmaxSafetensors>("lstm_i4_h20_dense5_softmax", "safetensors", LstmI4H20Dense5SoftmaxSafetensorsX4.SelfTest);
        run.MultiStream<LstmI4H20Dense5SoftmaxSafetensorsX8, LstmI4H20Dense5SoftmaxSafetensors>("lstm_i4_h20_dense5_softmax", "safetensors", LstmI4H20Dense5SoftmaxSafetensorsX8.SelfTest);
        run.MultiStream<LstmI6H64L2OnnxX8, LstmI6H64L2Onnx>("lstm_i6_h64_l2", "onnx", LstmI6H64L2OnnxX8.SelfTest);
        run.MultiStream<LstmI8H128SaturatingOnnxX16, LstmI8H128SaturatingOnnx>("lstm_i8_h128_saturating", "onnx", LstmI8H128SaturatingOnnxX16.SelfTest);
        run.MultiStream<OnnxLstmCifgI4H12OnnxX4, OnnxLstmCifgI4H12Onnx>("onnx_lstm_cifg_i4_h12", "onnx", OnnxLstmCifgI4H12OnnxX4.SelfTest);
        run.MultiStream<OnnxLstmClipI2H8OnnxX5, OnnxLstmClipI2H8Onnx>("onnx_lstm_clip_i2_h8", "onnx", OnnxLstmClipI2H8OnnxX5.SelfTest);
        run.MultiStream<RnnTanhI2H8Dense2OnnxX8, RnnTanhI2H8Dense2Onnx>("rnn_tanh_i2_h8_dense2", "onnx", RnnTanhI2H8Dense2OnnxX8.SelfTest);
        run.MultiStream<RnnReluI3H12OnnxX2, RnnReluI3H12Onnx>("rnn_relu_i3_h12", "onnx", RnnReluI3H12OnnxX2.SelfTest);
    }
}
