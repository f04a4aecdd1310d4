using System.Collections.Generic;
using System.Globalization;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;

namespace EdgeLstm.Cells;

// Compiled into the generator only: the LSTM update in generated code, beside its definition and reference equations.
public sealed partial class LstmCell
{
    internal override CellCode Code(RecurrentLayer layer) => new LstmCode(layer);

    private sealed class LstmCode : CellCode
    {
        private static readonly string[] Accumulators = { "i", "f", "g", "o" };

        public LstmCode(RecurrentLayer layer)
            : base(layer)
        {
        }

        public override IReadOnlyList<string> InputAccumulators => Accumulators;

        public override IReadOnlyList<string> RecurrentAccumulators => Accumulators;

        public override IReadOnlyList<(string Gate, int Activation)> DirectGateActivations
            => Layer.HasPeepholes ? System.Array.Empty<(string, int)>()
                : Layer.InputForget ? new[] { ("i", 0), ("g", 1), ("o", 0) }
                : new[] { ("i", 0), ("f", 0), ("g", 1), ("o", 0) };

        public override string DescribeBias(int padded)
            => $"Accumulator start values i, f, g, o (input + recurrent bias), each padded to {padded}.";

        public override string DescribeOptions()
            => (Layer.HasPeepholes ? ", peepholes" : "") + (Layer.InputForget ? ", input_forget (f = 1 - i)" : "")
               + (Layer.HasProjection ? $", projection of h to {Layer.ProjectionSize}" : "");

        public override string DescribeSecondPhase()
            => "Second section: the projection W_hr, read after every m = o * h(c) is known; its outputs are the next h.";

        /// <summary>Where o ⊙ h(c) goes: straight into the next h, or into m for the projection.</summary>
        private string Unprojected => Layer.HasProjection ? "m" : "hNext";

        // c = f c_prev + i g(.); the output gate's peephole reads the new c; h = o h(c) (or m = o h(c), h = W_hr m).
        public override void EmitVectorUpdate(CellWriter w, int block, Offset at)
        {
            EmitCellState(w, block, at);
            EmitOutput(w, block, at, w.ActivateUnclipped(2, "cNew" + block.ToString(CultureInfo.InvariantCulture)));
        }

        // The 256-bit path: c and h of blocks 2k and 2k + 1 on 8 lanes, from the gates' 8-lane activations; the cell
        // state is loaded and stored 8 floats at a time (blocks are adjacent in c). Between the gates' accumulators and
        // the new h nothing is split into halves and joined again (each an extract or insert on the critical path), and
        // every lane sees the 4-lane path's operations, so the floats are the same.
        public override bool UpdatesBlockPairs => !Layer.HasPeepholes;

        public override bool EmitPairedVectorUpdate(CellWriter w, int blocks, System.Func<int, Offset> at)
        {
            if (Layer.HasPeepholes) return false;
            string v = GlobalNames.Vector256, vf = GlobalNames.Vector256OfFloat;
            for (int p = 0; p + 1 < blocks; p += 2)
            {
                string q = p.ToString(CultureInfo.InvariantCulture);
                string i = w.ActivatedPair(0, "i", p);
                string f = Layer.InputForget ? $"({vf}.One - {i})" : w.ActivatedPair(0, "f", p);
                w.Line($"{vf} cPair{q} = {f} * {v}.LoadUnsafe(ref c, {at(p)}) + {i} * {w.ActivatedPair(1, "g", p)};");
                w.Line($"{v}.StoreUnsafe(cPair{q}, ref c, {at(p)});");
                w.Line($"{vf} hPair{q} = {w.ActivatedPair(0, "o", p)} * {w.ActivateUnclipped(2, "cPair" + q)};");
                if (Layer.HasProjection)
                {
                    w.Line($"{v}.StoreUnsafe(hPair{q}, ref m, {at(p)});");
                }
                else
                {
                    w.StoreNextHiddenPair("hPair" + q, at(p));
                }
            }
            if (blocks % 2 != 0)
            {
                EmitVectorUpdate(w, blocks - 1, at(blocks - 1));
            }
            return true;
        }

        private void EmitCellState(CellWriter w, int block, Offset at)
        {
            string q = block.ToString(CultureInfo.InvariantCulture);
            int hp = w.PaddedUnits;
            w.Line($"{w.Vector} cPrev{q} = {w.Load("c", at)};");
            if (Layer.HasPeepholes)
            {
                w.Line($"i{q} = {w.MultiplyAdd(w.Load("peep", at), "cPrev" + q, "i" + q)};");
                w.Line($"f{q} = {w.MultiplyAdd(w.Load("peep", at + hp), "cPrev" + q, "f" + q)};");
            }
            w.ActivateInPlace(0, "i" + q);
            if (Layer.InputForget) w.Line($"f{q} = {w.Vector}.One - i{q};");
            else w.ActivateInPlace(0, "f" + q);
            w.Line($"{w.Vector} cNew{q} = f{q} * cPrev{q} + i{q} * {w.Activate(1, "g" + q)};");
            w.Line(w.Store("cNew" + q, "c", at));
        }

        // ONNX Runtime clips gate pre-activations only, not the cell state fed to h(c).
        private void EmitOutput(CellWriter w, int block, Offset at, string cellActivation)
        {
            string q = block.ToString(CultureInfo.InvariantCulture);
            int hp = w.PaddedUnits;
            if (Layer.HasPeepholes)
            {
                w.Line($"o{q} = {w.MultiplyAdd(w.Load("peep", at + 2L * hp), "cNew" + q, "o" + q)};");
            }
            string output = $"{w.Activate(0, "o" + q)} * {cellActivation}";
            w.Line(Layer.HasProjection ? w.Store(output, "m", at) : w.StoreNextHidden(output, at));
        }

        public override void EmitScalarUpdate(CellWriter w)
        {
            int hp = w.PaddedUnits;
            w.Line($"float cPrev = {w.Element("c")};");
            if (Layer.HasPeepholes)
            {
                w.Line($"i += {w.Element("peep")} * cPrev;");
                w.Line($"f += {w.Element("peep", $"{hp} + u")} * cPrev;");
            }
            w.Line($"i = {w.Activate(0, "i")};");
            w.Line(Layer.InputForget ? "f = 1f - i;" : $"f = {w.Activate(0, "f")};");
            w.Line($"float cNew = f * cPrev + i * {w.Activate(1, "g")};");
            w.Line($"{w.Element("c")} = cNew;");
            if (Layer.HasPeepholes) w.Line($"o += {w.Element("peep", $"{2 * hp} + u")} * cNew;");
            w.Line($"{w.Element(Unprojected)} = {w.Activate(0, "o")} * {w.ActivateUnclipped(2, "cNew")};");
        }

        // The projection: next h = W_hr m, no bias, no activation.
        public override string SecondPhaseAccumulator => "y";

        public override string SecondPhaseSource => "m";

        public override string VectorSecondPhaseStart(CellWriter w, Offset at) => $"{w.Vector}.Zero";

        public override void EmitVectorSecondPhaseEnd(CellWriter w, int block, Offset at) => w.Line(w.StoreNextHidden($"y{block}", at));

        public override string ScalarSecondPhaseStart(CellWriter w) => "0f";

        public override void EmitScalarSecondPhaseEnd(CellWriter w) => w.Line($"{w.Element("hNext")} = y;");
    }
}
