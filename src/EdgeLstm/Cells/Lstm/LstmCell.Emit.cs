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
            string q = block.ToString(CultureInfo.InvariantCulture);
            int hp = w.PaddedUnits;
            w.Line($"{w.Vector} cPrev{q} = {w.Load("c", at)};");
            if (Layer.HasPeepholes)
            {
                w.Line($"i{q} = {w.MultiplyAdd(w.Load("peep", at), "cPrev" + q, "i" + q)};");
                w.Line($"f{q} = {w.MultiplyAdd(w.Load("peep", at + hp), "cPrev" + q, "f" + q)};");
            }
            w.Line($"i{q} = {w.Activate(0, "i" + q)};");
            w.Line(Layer.InputForget ? $"f{q} = {w.Vector}.One - i{q};" : $"f{q} = {w.Activate(0, "f" + q)};");
            w.Line($"{w.Vector} cNew{q} = f{q} * cPrev{q} + i{q} * {w.Activate(1, "g" + q)};");
            w.Line(w.Store("cNew" + q, "c", at));
            if (Layer.HasPeepholes)
            {
                w.Line($"o{q} = {w.MultiplyAdd(w.Load("peep", at + 2L * hp), "cNew" + q, "o" + q)};");
            }
            // ONNX Runtime clips gate pre-activations only, not the cell state fed to h(c).
            w.Line(w.Store($"{w.Activate(0, "o" + q)} * {w.ActivateUnclipped(2, "cNew" + q)}", Unprojected, at));
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

        public override void EmitVectorSecondPhaseEnd(CellWriter w, int block, Offset at) => w.Line(w.Store($"y{block}", "hNext", at));

        public override string ScalarSecondPhaseStart(CellWriter w) => "0f";

        public override void EmitScalarSecondPhaseEnd(CellWriter w) => w.Line($"{w.Element("hNext")} = y;");
    }
}
