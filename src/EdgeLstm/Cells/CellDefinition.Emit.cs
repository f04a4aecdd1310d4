using EdgeLstm.Generator.Emit;
using EdgeLstm.Model;

namespace EdgeLstm.Cells;

// Compiled into the generator only (EdgeLstm.csproj removes Cells/**/*.Emit.cs): the hook through which the emitter
// asks a cell for its update code.
public abstract partial class CellDefinition
{
    /// <summary>The code that updates this cell's state in a generated kernel for <paramref name="layer"/>.</summary>
    internal abstract CellCode Code(RecurrentLayer layer);
}
