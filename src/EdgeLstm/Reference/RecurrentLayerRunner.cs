using System;
using EdgeLstm.Model;

namespace EdgeLstm.Reference;

/// <summary>
/// Runs a recurrent layer's direction(s) over a block of steps. A forward direction continues from its state, so
/// consecutive blocks behave like one long sequence; a reverse direction walks its block from the last row to the
/// first, starting from the zero state, because the block is the whole window. A bidirectional layer writes
/// [forward h_t, reverse h_t] into output row t.
/// </summary>
internal sealed class RecurrentLayerRunner : LayerRunner
{
    private readonly RecurrentLayer _layer;
    private readonly ReferenceCell[] _cells;
    private readonly CellState[] _states;
    private readonly bool[] _isReverse;
    private readonly double[] _row;

    public RecurrentLayerRunner(RecurrentLayer layer)
    {
        _layer = layer;
        int count = layer.Directions.Count;
        _cells = new ReferenceCell[count];
        _states = new CellState[count];
        _isReverse = new bool[count];
        for (int d = 0; d < count; d++)
        {
            _cells[d] = layer.Definition.CreateReference(layer, layer.Directions[d]);
            _states[d] = _cells[d].NewState();
            // Bidirectional layers hold forward then reverse; a reverse layer holds its one direction.
            _isReverse[d] = layer.Direction == Direction.Reverse || (layer.Direction == Direction.Bidirectional && d == 1);
        }
        _row = new double[layer.Input];
    }

    public override int InputSize => _layer.InputSize;

    public override int OutputSize => _layer.OutputSize;

    public override void Reset()
    {
        foreach (CellState state in _states)
        {
            state.Clear();
        }
    }

    public override void Run(double[] inputs, double[] outputs, int steps)
    {
        int width = _layer.OutputsPerDirection;
        for (int d = 0; d < _cells.Length; d++)
        {
            CellState state = _states[d];
            if (_isReverse[d])
            {
                state.Clear();
            }
            for (int n = 0; n < steps; n++)
            {
                int t = _isReverse[d] ? steps - 1 - n : n;
                Array.Copy(inputs, t * _layer.Input, _row, 0, _layer.Input);
                _cells[d].Step(_row, state);
                Array.Copy(state.Hidden, 0, outputs, t * OutputSize + d * width, width);
            }
        }
    }
}
