using System;
using System.Net;
using System.Net.Sockets;
using EdgeLstm.Fleet.Tests.Support;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Fleet.Tests;

/// <summary>
/// The test broker itself (tests/Shared/Mqtt/MosquittoBroker.cs): the free port it looked up can be taken by another
/// test's broker or client before mosquitto binds it. Then the first start must move to another port, and "started"
/// must mean that this mosquitto listens, not that something answers on the port.
/// </summary>
public sealed class BrokerHarnessTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AFirstStartWhosePortWasTakenMovesToAFreeOne()
    {
        using var broker = new MosquittoBroker(_directory.Path);
        int lookedUp = broker.Port;
        var squatter = new TcpListener(IPAddress.Loopback, lookedUp); // answers connections, as another broker would
        squatter.Start();
        try
        {
            broker.Start();

            Assert.NotEqual(lookedUp, broker.Port);
            Assert.Contains("Address already in use", broker.Log());
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, broker.Port);
        }
        finally
        {
            squatter.Stop();
        }
    }

    [Fact]
    public void ARestartKeepsItsPortAndSaysSoWhenThePortWasTaken()
    {
        using var broker = new MosquittoBroker(_directory.Path).Start();
        int port = broker.Port;
        broker.Stop();
        var squatter = new TcpListener(IPAddress.Loopback, port);
        squatter.Start();
        try
        {
            var refused = Assert.Throws<InvalidOperationException>(() => broker.Start());

            Assert.Contains($"port {port}", refused.Message);
            Assert.Contains("Address already in use", refused.Message);
        }
        finally
        {
            squatter.Stop();
        }

        broker.Start();
        Assert.Equal(port, broker.Port);
    }
}
