using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeLstm.Cli.Tests.Infrastructure;

/// <summary>One message as a subscriber saw it, with the broker's retain flag.</summary>
public sealed record ReceivedMessage(string Topic, string Payload, bool Retained);

/// <summary>
/// An independent MQTT subscriber (MQTTnet, not the code under test's publisher) that records every message on a
/// filter. It speaks MQTT 5 with "retain as published", so a message a device published retained still carries the
/// retain flag when it reaches this already-subscribed client (MQTT 3.1.1 brokers clear it on live delivery).
/// </summary>
public sealed class MqttRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();

    private MqttRecorder(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            var message = args.ApplicationMessage;
            _received.Enqueue(new ReceivedMessage(message.Topic, Encoding.UTF8.GetString(message.Payload), message.Retain));
            return Task.CompletedTask;
        };
    }

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> Messages => _received.ToList();

    /// <summary>Connects to the broker on loopback <paramref name="port"/> and subscribes to <paramref name="filter"/> (QoS 1).</summary>
    public static async Task<MqttRecorder> StartAsync(int port, string filter, bool retainAsPublished = true)
    {
        var recorder = new MqttRecorder(new MqttClientFactory().CreateMqttClient());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // only stops a broken set-up from hanging
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("template-test-" + Guid.NewGuid().ToString("N")[..8])
            .Build();
        await recorder._client.ConnectAsync(options, timeout.Token);
        await recorder._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce, noLocal: false, retainAsPublished: retainAsPublished)
            .Build(), timeout.Token);
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
