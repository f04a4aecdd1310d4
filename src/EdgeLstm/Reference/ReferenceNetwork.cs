using EdgeLstm.Model;

namespace EdgeLstm.Reference;

// PLACEHOLDER: replaced by the reference implementation (double precision, plain loops).
public sealed class ReferenceNetwork
{
    public ReferenceNetwork(NetworkModel model) => Model = model;

    public NetworkModel Model { get; }
}
