using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeLstm.Iot.Fleet;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeLstm.Fleet.Tests.Support;

/// <summary>
/// The test's own subscriber to <c>edgelstm/+/events</c>: a persistent session (clean session off, QoS 1) that
/// reconnects on its own, so the broker queues events for it while it is away — the subscriber side of
/// at-least-once. Records every payload received, by id, duplicates included.
/// </summary>
public sealed class EventCollector : IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly ConcurrentQueue<(string Topic, string Payload)> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public EventCollector(MqttConnectionSettings broker, string clientId = "test-collector")
    {
        _options = new MqttClientOptionsFactory(broker).Create(clientId);
        _options.CleanSession = false;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            _received.Enqueue((args.ApplicationMessage.Topic, Encoding.UTF8.GetString(args.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        _loop = Task.Run(KeepConnectedAsync);
        Poll.Until(() => IsSubscribed, "the collector to subscribe");
    }

    public bool IsSubscribed { get; private set; }

    /// <summary>Every event payload received so far, parsed, in arrival order.</summary>
    public IReadOnlyList<(string Topic, string Id, JsonElement Event)> Events
        => _received.Select(m => (m.Topic, JsonDocument.Parse(m.Payload).RootElement)).Select(m => (m.Topic, m.RootElement.GetProperty("id").GetString()!, m.RootElement)).ToList();

    public int Count => _received.Count;

    public HashSet<string> Ids => Events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task KeepConnectedAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    IsSubscribed = false;
                    await _client.ConnectAsync(_options, _stop.Token);
                    await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter("edgelstm/+/events", MqttQualityOfServiceLevel.AtLeastOnce).Build(), _stop.Token);
                    IsSubscribed = true;
                }

                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
    }
}
