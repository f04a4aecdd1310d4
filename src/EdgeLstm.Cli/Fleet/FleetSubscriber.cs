using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EdgeLstm.Iot.Fleet;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeLstm.Cli.Fleet;

/// <summary>
/// The fleet view's MQTT side: subscribes to <c>edgelstm/+/{events,health,status}</c> (QoS 1), checks every message
/// into the <see cref="FleetState"/>, appends new events to the --out file, and reconnects after a lost connection.
/// </summary>
internal sealed class FleetSubscriber : IAsyncDisposable
{
    private readonly MqttClientOptionsFactory _factory;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly FileStream? _out;
    private readonly CancellationTokenSource _stop = new();
    private long _lastMessageTicks;
    private Task? _reconnect;

    /// <param name="settings">The broker.</param>
    /// <param name="outFile">Where new events are appended, or null.</param>
    /// <param name="session">
    /// A persistent session name: the broker keeps the subscription and queues events (QoS 1) while the view is not
    /// running, so an --out archive misses nothing between runs. Null for a throw-away session.
    /// </param>
    public FleetSubscriber(MqttConnectionSettings settings, string? outFile, string? session = null)
    {
        if (session is not null && FleetTopics.DeviceIdProblem(session) is { } problem)
        {
            throw new ArgumentException($"--session: {problem.Replace("device id", "session name", StringComparison.Ordinal)}");
        }

        _factory = new MqttClientOptionsFactory(settings);
        _options = _factory.Create(session is null ? $"edgelstm-fleet-{Guid.NewGuid():N}"[..23] : $"edgelstm-fleet-{session}");
        _options.CleanSession = session is null;
        _out = outFile is null ? null : new FileStream(outFile, FileMode.Append, FileAccess.Write, FileShare.Read);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessage;
    }

    public FleetState State { get; } = new();

    public string Broker => _factory.Settings.ToString();

    /// <summary>When the last message arrived, or null before the first.</summary>
    public DateTimeOffset? LastMessage
        => Interlocked.Read(ref _lastMessageTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Connects and subscribes; null on success, else why it failed (the TLS reason when that was it).</summary>
    public async Task<string?> ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConnectAndSubscribeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return _factory.Describe(ex);
        }

        _client.DisconnectedAsync += _ =>
        {
            _reconnect ??= Task.Run(ReconnectAsync);
            return Task.CompletedTask;
        };
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
            }
        }

        if (_reconnect is not null)
        {
            await _reconnect.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _client.Dispose();
        if (_out is not null)
        {
            await _out.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (string filter in FleetTopics.SubscriptionFilters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
    }

    // A lost broker: retry with back-off until it is back or the view closes; retained state arrives again on resubscribe.
    private async Task ReconnectAsync()
    {
        var backoff = new EdgeLstm.Iot.Faults.ExponentialBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15));
        while (!_stop.IsCancellationRequested && !_client.IsConnected)
        {
            try
            {
                await Task.Delay(backoff.Next(), _stop.Token).ConfigureAwait(false);
                await ConnectAndSubscribeAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && !_stop.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
            }
        }

        _reconnect = null;
    }

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs args)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Interlocked.Exchange(ref _lastMessageTicks, now.UtcTicks);
        var message = args.ApplicationMessage;
        FleetMessage? parsed = FleetMessage.Parse(message.Topic, message.Payload, out SkipReason reason);
        if (State.Accept(parsed, reason, now) is { } json && _out is not null)
        {
            lock (_out)
            {
                _out.Write(Encoding.UTF8.GetBytes(json + "\n"));
                _out.Flush();
            }
        }

        return Task.CompletedTask;
    }
}
