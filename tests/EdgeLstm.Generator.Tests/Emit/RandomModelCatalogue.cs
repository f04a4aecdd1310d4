using System.Collections.Generic;
using EdgeLstm.Model;

namespace EdgeLstm.Generator.Tests.Emit;

/// <summary>
/// One random model per feature combination (fixed seeds), sized to reach every padding case and every code shape
/// (unrolled, loop over passes, loop over columns, a short last pass).
/// </summary>
internal static class RandomModelCatalogue
{
    public static IReadOnlyDictionary<string, NetworkModel> All { get; } = Build();

    private static Dictionary<string, NetworkModel> Build()
    {
        var r = new RandomModels(20261122);
        ActivationFunction[] exotic = { ActivationFunction.HardSigmoid(), new(ActivationKind.ScaledTanh, 1.5f, 0.7f), new(ActivationKind.Softsign) };
        ActivationFunction[] linear = { ActivationFunction.HardSigmoid(0.3f, 0.4f), ActivationFunction.LeakyRelu(0.1f), new(ActivationKind.Affine, 0.5f, 0.1f) };
        return new Dictionary<string, NetworkModel>
        {
            ["LstmI8H16Dense4"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 8, 16), r.Dense(16, 4, ActivationFunction.Identity)),
            ["LstmI3H10Dense3"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 3, 10), r.Dense(10, 3, ActivationFunction.Tanh)),
            ["LstmPeepholeClipI5H7"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 5, 7, peepholes: true, clip: 0.6f)),
            ["LstmInputForgetI4H12"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 4, 12, inputForget: true, peepholes: true)),
            ["LstmExoticI3H9"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 3, 9, activations: exotic), r.Dense(9, 2, ActivationFunction.LeakyRelu(0.2f))),
            ["LstmLinearI6H5"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 6, 5, activations: linear, clip: 2f), r.Dense(5, 3, ActivationFunction.Relu)),
            ["GruI4H13"] = RandomModels.Network(null, r.Recurrent(CellKind.Gru, 4, 13), r.Dense(13, 1, ActivationFunction.Sigmoid)),
            ["GruResetFirstI3H11"] = RandomModels.Network(null, r.Recurrent(CellKind.Gru, 3, 11, linearBeforeReset: false)),
            ["GruClipExoticI5H6"] = RandomModels.Network(null, r.Recurrent(CellKind.Gru, 5, 6, clip: 0.8f, activations: new[] { ActivationFunction.HardSigmoid(), new ActivationFunction(ActivationKind.Softsign) })),
            ["RnnTanhI2H6Dense2"] = RandomModels.Network(null, r.Recurrent(CellKind.Rnn, 2, 6), r.Dense(6, 2, new ActivationFunction(ActivationKind.Affine, 2f, -1f))),
            ["RnnReluI3H12"] = RandomModels.Network(null, r.Recurrent(CellKind.Rnn, 3, 12, activations: new[] { ActivationFunction.Relu })),
            ["StackedNormalizedSoftmax"] = RandomModels.Network(r.Normalization(6),
                r.Recurrent(CellKind.Lstm, 6, 20), r.Recurrent(CellKind.Gru, 20, 12), r.Dense(12, 5, ActivationFunction.Softmax)),
            ["NormalizedI8H4"] = RandomModels.Network(r.Normalization(8), r.Recurrent(CellKind.Rnn, 8, 4)),
            ["ReverseLstmI3H9"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 3, 9, Direction.Reverse), r.Dense(9, 2, ActivationFunction.Identity)),
            ["BidirLstmI3H12"] = RandomModels.Network(r.Normalization(3), r.Recurrent(CellKind.Lstm, 3, 12, Direction.Bidirectional), r.Dense(24, 2, ActivationFunction.Sigmoid)),
            ["BidirGruRnnI4H6"] = RandomModels.Network(null, r.Recurrent(CellKind.Gru, 4, 6, Direction.Bidirectional, linearBeforeReset: false),
                r.Recurrent(CellKind.Rnn, 12, 5, Direction.Bidirectional)),
            ["LstmI8H64Dense4"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 8, 64, clip: 3f), r.Dense(64, 4, ActivationFunction.Identity)),
            ["GruI20H150"] = RandomModels.Network(null, r.Recurrent(CellKind.Gru, 20, 150), r.Dense(150, 3, ActivationFunction.Identity)),
            ["GruResetFirstI8H66"] = RandomModels.Network(null, r.Recurrent(CellKind.Gru, 8, 66, linearBeforeReset: false)),
            ["RnnI5H90"] = RandomModels.Network(null, r.Recurrent(CellKind.Rnn, 5, 90)),
            ["BidirLstmI7H84Dense40"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 7, 84, Direction.Bidirectional, peepholes: true),
                r.Dense(168, 40, ActivationFunction.Tanh), r.Dense(40, 3, ActivationFunction.Softmax)),
            // Projections (PyTorch proj_size): padding of H and P apart, exotic activations with peepholes (the mask of c
            // keeps padded units finite before the projection), bidirectional stacking, and a looped kernel.
            ["LstmProjI3H9P5"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 3, 9, activations: linear, peepholes: true, projection: 5)),
            ["BidirLstmProjI4H5P3L2Dense2"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 4, 5, Direction.Bidirectional, projection: 3),
                r.Recurrent(CellKind.Lstm, 6, 7, Direction.Bidirectional, projection: 2), r.Dense(4, 2, ActivationFunction.Identity)),
            ["LstmProjI140H72P30Dense3"] = RandomModels.Network(r.Normalization(140), r.Recurrent(CellKind.Lstm, 140, 72, clip: 3f, projection: 30), r.Dense(30, 3, ActivationFunction.Identity)),
            ["LstmI4H40Dense200"] = RandomModels.Network(null, r.Recurrent(CellKind.Lstm, 4, 40), r.Dense(40, 200, ActivationFunction.Relu), r.Dense(200, 2, ActivationFunction.Identity)),
            // Wider than RunEmitter.StepLoopMaxHidden, so Run projects chunks: peepholes, a coupled input-forget gate and
            // exotic activations in the chunked recurrence, and a small GRU fed through the scratch rows (the models above
            // with these features are small, so their Run loops over Step).
            ["StackedLstmPeepholeI5H36GruH12"] = RandomModels.Network(null,
                r.Recurrent(CellKind.Lstm, 5, 36, activations: exotic, inputForget: true, peepholes: true, clip: 1.5f),
                r.Recurrent(CellKind.Gru, 36, 12), r.Dense(12, 2, ActivationFunction.Identity)),
        };
    }
}
