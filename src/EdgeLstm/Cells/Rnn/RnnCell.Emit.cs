using System.Collections.Generic;
using System.Globalization;
using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;

namespace EdgeLstm.Cells;

// Compiled into the generator only: the RNN update in generated code, beside its definition and reference equation.
public sealed partial class RnnCell
{
    internal override CellCode Code(RecurrentLayer layer) => new RnnCode(layer);

    private sealed class RnnCode : CellCode
    {
        private static readonly string[] Accumulators = { "a" };

        public RnnCode(RecurrentLayer layer)
            : base(layer)
        {
        }

        public override IReadOnlyList<string> InputAccumulators => Accumulators;

        public override IReadOnlyList<string> RecurrentAccumulators => Accumulators;

        public override string DescribeBias(int padded)
            => $"Accumulator start values (input + recurrent bias), padded to {padded}.";

        public override string DescribeOptions() => "";

        public override IReadOnlyList<(string Gate, int Activation)> DirectGateActivations => new[] { ("a", 0) };

        public override void EmitVectorUpdate(CellWriter w, int block, Offset at)
            => w.Line(w.StoreNextHidden(w.Activate(0, "a" + block.ToString(CultureInfo.InvariantCulture)), at));

        public override void EmitScalarUpdate(CellWriter w) => w.Line($"{w.Element("hNext")} = {w.Activate(0, "a")};");
    }
}
