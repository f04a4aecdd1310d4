namespace EdgeLstm.Model;

/// <summary>A fully connected layer y = act(W x + b), W row-major [Outputs, Inputs].</summary>
public sealed record DenseLayer(
    int Inputs,
    int Outputs,
    EquatableArray<float> Weights,
    EquatableArray<float> Bias,
    ActivationFunction Activation) : Layer
{
    public override int InputSize => Inputs;

    public override int OutputSize => Outputs;
}
