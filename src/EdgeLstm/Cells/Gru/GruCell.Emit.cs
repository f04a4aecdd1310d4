using System;
using System.Collections.Generic;
using System.Globalization;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;

namespace EdgeLstm.Cells;

// Compiled into the generator only: the GRU update in generated code, beside its definition and reference equations.
public sealed partial class GruCell
{
    internal override CellCode Code(RecurrentLayer layer)
        => layer.LinearBeforeReset ? new LinearBeforeResetCode(layer) : new ResetFirstCode(layer);

    // linear_before_reset = 1: n = g(nx + r * nh), where nh (the recurrent part with its bias Rbn) has its own accumulator.
    private sealed class LinearBeforeResetCode : CellCode
    {
        private static readonly string[] Input = { "z", "r", "nx" }, Recurrent = { "z", "r", "nh" };

        public LinearBeforeResetCode(RecurrentLayer layer)
            : base(layer)
            => _resetThroughTanh = ResetGoesThroughTanh(layer);

        // With a sigmoid reset gate (PyTorch's GRU, ONNX's default), r nh = (1/2 + tanh(r' / 2) / 2) nh, so n's input is
        // tanh(r' / 2) (nh / 2) + (nx + nh / 2): one multiply-add after r's tanh, where the sigmoid would add its own
        // (1/2 + t / 2) in front of the product. r's weights and bias are baked halved (CellPacking.HalvedGate), so
        // its accumulator is r' / 2 and nothing multiplies it by 1/2 either: the reset gate lies on the step's critical
        // path (r, then n, then h).
        private readonly bool _resetThroughTanh;

        public override IReadOnlyList<string> InputAccumulators => Input;

        public override IReadOnlyList<string> RecurrentAccumulators => Recurrent;

        public override string DescribeBias(int padded)
            => $"Accumulator start values z, r (input + recurrent bias), n input part (Wbn), n recurrent part (Rbn, inside the reset product), each padded to {padded}.";

        public override string DescribeOptions() => ", linear_before_reset = 1";

        public override IReadOnlyList<(string Gate, int Activation)> DirectGateActivations
            => _resetThroughTanh ? new[] { ("z", 0) } : new[] { ("z", 0), ("r", 0) };

        // n = g(nx + r nh) and h = (1 - z) n + z h: r's product and the blend are multiply-adds whose other inputs
        // (nx, nh; 1 - z and z h) are ready long before, so the chain from r's activation to the new h is one
        // multiply-add, n's activation and one multiply-add.
        public override void EmitVectorUpdate(CellWriter w, int block, Offset at)
        {
            string q = block.ToString(CultureInfo.InvariantCulture);
            w.ActivateInPlace(0, "z" + q);
            w.Line($"{w.Vector} n{q} = {w.Activate(1, NewGateInput(ResetGate(w, "r" + q), "nh" + q, "nx" + q, w.MultiplyAdd))};");
            w.Line(w.StoreNextHidden(w.MultiplyAdd("n" + q, $"{w.Vector}.One - z{q}", $"z{q} * {w.Load("h", at)}"), at));
        }

        public override bool UpdatesBlockPairs => true;

        // The 256-bit path: n and the new h of blocks 2k and 2k + 1 on 8 lanes, from the 8-lane activation of z (and r).
        // Every lane sees the same operations as on 4 lanes, so the floats are the same.
        public override bool EmitPairedVectorUpdate(CellWriter w, int blocks, Func<int, Offset> at)
        {
            string v = GlobalNames.Vector256, vf = GlobalNames.Vector256OfFloat;
            string MultiplyAdd(string a, string b, string c) => $"{v}.MultiplyAddEstimate({a}, {b}, {c})";
            for (int p = 0; p + 1 < blocks; p += 2)
            {
                string q = p.ToString(CultureInfo.InvariantCulture);
                string z = w.ActivatedPair(0, "z", p), r = _resetThroughTanh ? w.Pair("r", p) : w.ActivatedPair(0, "r", p);
                w.Line($"{vf} nhPair{q} = {w.Pair("nh", p)};");
                w.Line($"{vf} nPair{q} = {w.Activate(1, NewGateInput(r, "nhPair" + q, w.Pair("nx", p), MultiplyAdd))};");
                w.Line($"{vf} hPair{q} = {MultiplyAdd("nPair" + q, $"{vf}.One - {z}", $"{z} * {v}.LoadUnsafe(ref h, {at(p)})")};");
                w.StoreNextHiddenPair("hPair" + q, at(p));
            }
            if (blocks % 2 != 0)
            {
                EmitVectorUpdate(w, blocks - 1, at(blocks - 1));
            }
            return true;
        }

        // What NewGateInput takes for r: the accumulator itself when r goes through tanh, else its activation.
        private string ResetGate(CellWriter w, string accumulator) => _resetThroughTanh ? accumulator : w.Activate(0, accumulator);

        // nx + r nh, as a multiply-add on the critical path's side (nh is a variable).
        private string NewGateInput(string r, string nh, string nx, Func<string, string, string, string> multiplyAdd)
        {
            if (!_resetThroughTanh) return multiplyAdd(r, nh, nx);
            // r holds r' / 2: clip(r', bound) / 2 = clip(r' / 2, bound / 2), exactly.
            string clipped = Layer.Clip is { } bound ? $"{GlobalNames.VectorMath}.Clip({r}, {FloatLiteral.Format(bound / 2)})" : r;
            string half = $"{nh} * 0.5f";
            return multiplyAdd($"{GlobalNames.VectorMath}.Tanh({clipped})", half, $"{nx} + {half}");
        }

        public override void EmitScalarUpdate(CellWriter w)
        {
            w.Line($"z = {w.Activate(0, "z")};");
            w.Line($"float n = {w.Activate(1, NewGateInput(ResetGate(w, "r"), "nh", "nx", (a, b, c) => $"{a} * ({b}) + ({c})"))};");
            w.Line($"{w.Element("hNext")} = n * (1f - z) + z * {w.Element("h")};");
        }
    }

    // linear_before_reset = 0: the first phase stores z, r * h and the new gate's input part; the second phase
    // multiplies the new gate's recurrent weights by r * h: n = g(nx + Rn (r * h)), h = (1 - z) n + z h.
    private sealed class ResetFirstCode : CellCode
    {
        private static readonly string[] Input = { "z", "r", "nx" }, Recurrent = { "z", "r" };

        public ResetFirstCode(RecurrentLayer layer)
            : base(layer)
        {
        }

        public override IReadOnlyList<string> InputAccumulators => Input;

        public override IReadOnlyList<string> RecurrentAccumulators => Recurrent;

        public override string DescribeBias(int padded)
            => $"Accumulator start values z, r, n (input + recurrent bias), each padded to {padded}.";

        public override string DescribeOptions() => ", linear_before_reset = 0";

        public override string DescribeSecondPhase()
            => "Second section: the new gate's recurrent weights, read after every r is known (they multiply r * h).";

        public override IReadOnlyList<(string Gate, int Activation)> DirectGateActivations => new[] { ("z", 0), ("r", 0) };

        public override void EmitVectorUpdate(CellWriter w, int block, Offset at)
        {
            string q = block.ToString(CultureInfo.InvariantCulture);
            w.Line(w.Store(w.Activate(0, "z" + q), "zs", at));
            w.Line(w.Store($"{w.Activate(0, "r" + q)} * {w.Load("h", at)}", "rhs", at));
            w.Line(w.Store("nx" + q, "nxs", at));
        }

        public override void EmitScalarUpdate(CellWriter w)
        {
            w.Line($"{w.Element("zs")} = {w.Activate(0, "z")};");
            w.Line($"{w.Element("rhs")} = {w.Activate(0, "r")} * {w.Element("h")};");
            w.Line($"{w.Element("nxs")} = nx;");
        }

        public override string SecondPhaseAccumulator => "n";

        public override string SecondPhaseSource => "rhs";

        public override string VectorSecondPhaseStart(CellWriter w, Offset at) => w.Load("nxs", at);

        public override void EmitVectorSecondPhaseEnd(CellWriter w, int block, Offset at)
        {
            w.Line($"n{block} = {w.Activate(1, "n" + block)};");
            w.Line(w.StoreNextHidden(w.MultiplyAdd(w.Load("zs", at), $"{w.Load("h", at)} - n{block}", "n" + block), at));
        }

        public override string ScalarSecondPhaseStart(CellWriter w) => w.Element("nxs");

        public override void EmitScalarSecondPhaseEnd(CellWriter w)
        {
            w.Line($"n = {w.Activate(1, "n")};");
            w.Line($"{w.Element("hNext")} = n + {w.Element("zs")} * ({w.Element("h")} - n);");
        }
    }
}
