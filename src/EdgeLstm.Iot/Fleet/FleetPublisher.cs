using System;
using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Protocol;

namespace EdgeLstm.Iot.Fleet;

/// <summary>
/// Sends a device's event log to the fleet's MQTT broker, store-and-forward: a background task reads the
/// <see cref="EventOutbox"/> and publishes each event (QoS 1) to <c>edgelstm/&lt;id&gt;/events</c>, moving the
/// persisted cursor only past events the broker acknowledged; it also keeps a retained health report and an
/// <c>online</c>/<c>offline</c> status (with a last will). With no broker or a cut network it retries with
/// exponential back-off and the events wait in the log. The sensor loop only calls <see cref="EventLogged"/>,
/// which never blocks.
/// </summary>
/// <remarks>
/// Delivery is at-least-once: an event whose acknowledgement was lost (a broker restart, a kill) is sent again
/// with the same <c>id</c>, so subscribers deduplicate by id.
/// </remarks>
public sealed class FleetPublisher : IDisposable
{
    /// <summary>The retained status while connected.</summary>
    public const string Online = "online";

    /// <summary>The retained status after a clean stop, and the last will.</summary>
    public const string Offline = "offline";

    private static readonly TimeSpan DrainRetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly FleetPublisherOptions _options;
    private readonly EventOutbox _outbox;
    private readonly Func<FleetHealth> _health;
    private readonly Action<string> _log;
    private readonly MqttClientOptionsFactory _factory;
    private readonly IMqttClient _client;
    private readonly string _eventsTopic;
    private readonly string _healthTopic;
    private readonly string _statusTopic;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _drainRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _signalled;
    private volatile bool _draining;
    private Task? _loop;
    private long _published;

    /// <summary>Creates the publisher; <see cref="Start"/> starts it.</summary>
    /// <param name="options">Broker, device id, intervals.</param>
    /// <param name="outbox">The event log read as an outbox (owned by the caller, who disposes it after <see cref="Stop"/>).</param>
    /// <param name="health">Reads the device's counters for a health report (called on the background task).</param>
    /// <param name="log">Connection news, one line each (connected, cannot connect, lost); never credentials.</param>
    /// <exception cref="ArgumentException">The device id is invalid or a certificate file cannot be loaded.</exception>
    public FleetPublisher(FleetPublisherOptions options, EventOutbox outbox, Func<FleetHealth> health, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(health);
        FleetTopics.ValidateDeviceId(options.DeviceId);
        _options = options;
        _outbox = outbox;
        _health = health;
        _log = log ?? (_ => { });
        _factory = new MqttClientOptionsFactory(options.Connection);
        // Not new MqttClientFactory(): that one creates MQTTnet's adapter factory, whose WebSocket support a native
        // build would then carry along (see TcpMqttClientAdapterFactory).
        _client = new MqttClientFactory(MqttNetNullLogger.Instance, new TcpMqttClientAdapterFactory()).CreateMqttClient();
        _eventsTopic = FleetTopics.Events(options.DeviceId);
        _healthTopic = FleetTopics.Health(options.DeviceId);
        _statusTopic = FleetTopics.Status(options.DeviceId);
    }

    /// <summary>Whether the client is connected to the broker now.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Events published and acknowledged by this instance (re-sends included).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Starts the background task.</summary>
    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>
    /// Tells the publisher that one more event is in the log (after the log's write returned). Called from the
    /// sensor loop: never blocks, never touches the network.
    /// </summary>
    public void EventLogged()
    {
        _outbox.Appended();
        Wake();
    }

    /// <summary>
    /// Waits up to <paramref name="drainTimeout"/> for the broker to acknowledge the backlog, then publishes
    /// <c>offline</c>, disconnects and returns the events still waiting (they stay in the log for the next run).
    /// </summary>
    public long Stop(TimeSpan drainTimeout)
    {
        if (_loop is null)
        {
            return _outbox.Backlog;
        }

        _draining = true;
        _drainRequested.TrySetResult();
        Wake();
        try
        {
            if (!_loop.Wait(drainTimeout))
            {
                _stop.Cancel();
                _loop.Wait(TimeSpan.FromSeconds(10));
            }
        }
        catch (AggregateException ex)
        {
            // The loop handles its own errors; only its last cursor write (a full disk) can end up here.
            _log($"mqtt: stopping: {ex.InnerException?.Message}");
        }

        return _outbox.Backlog;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_loop is { IsCompleted: false })
        {
            Stop(TimeSpan.Zero);
        }

        _client.Dispose();
        _stop.Dispose();
        _signal.Dispose();
    }

    private void Wake()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }
    }

    private async Task RunAsync()
    {
        var backoff = new Faults.ExponentialBackoff(_options.ReconnectInitial, _options.ReconnectMaximum);
        var clientOptions = _factory.Create(_options.DeviceId, _statusTopic, Offline);
        string? lastProblem = null;
        bool wasConnected = false;
        bool reportConnect = true; // the first connection, and the first after a reported problem
        long nextHealth = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_draining && _outbox.Backlog == 0)
                {
                    break;
                }

                if (!_client.IsConnected)
                {
                    if (wasConnected)
                    {
                        // Dropped between two passes (the client noticed before a publish did).
                        _log("mqtt: lost the broker; unacknowledged events stay in the log and go again after reconnecting");
                        reportConnect = true;
                        wasConnected = false;
                        _outbox.Rewind();
                    }

                    try
                    {
                        await _client.ConnectAsync(clientOptions, _stop.Token).ConfigureAwait(false);
                        await PublishAsync(_statusTopic, Encoding.UTF8.GetBytes(Online), retain: true).ConfigureAwait(false);
                        _outbox.Rewind();
                        nextHealth = 0;
                        if (reportConnect)
                        {
                            _log($"mqtt: connected to {_options.Connection} as {_options.DeviceId}; {_outbox.Backlog} event(s) to send");
                            reportConnect = false;
                        }

                        wasConnected = true;
                    }
                    catch (Exception ex) when (!_stop.IsCancellationRequested)
                    {
                        string problem = _factory.Describe(ex);
                        TimeSpan delay = backoff.Next();
                        if (problem != lastProblem)
                        {
                            _log($"mqtt: cannot connect to {_options.Connection}: {problem}; events stay in {_outbox.LogPath}, retrying with back-off (up to {_options.ReconnectMaximum.TotalSeconds:0} s)");
                            lastProblem = problem;
                            reportConnect = true;
                        }

                        await BackOffAsync(delay).ConfigureAwait(false);
                        continue;
                    }
                }

                try
                {
                    await SendBacklogAsync().ConfigureAwait(false);
                    if (Stopwatch.GetTimestamp() >= nextHealth)
                    {
                        await PublishHealthAsync().ConfigureAwait(false);
                        nextHealth = Stopwatch.GetTimestamp() + (long)(_options.HealthInterval.TotalSeconds * Stopwatch.Frequency);
                    }

                    // Only a pass that delivered everything proves the link works: a broker that accepts the
                    // connection but refuses messages is retried with growing delays, not hammered.
                    backoff.Reset();
                    lastProblem = null;
                }
                catch (Exception ex) when (!_stop.IsCancellationRequested)
                {
                    _outbox.Rewind();
                    string problem = _factory.Describe(ex);
                    if (problem != lastProblem)
                    {
                        _log($"mqtt: lost the broker ({problem}); unacknowledged events stay in the log and go again after reconnecting");
                        lastProblem = problem;
                        reportConnect = true;
                    }

                    wasConnected = false;
                    await DisconnectQuietlyAsync().ConfigureAwait(false);
                    await BackOffAsync(backoff.Next()).ConfigureAwait(false);
                    continue;
                }

                if (!_draining)
                {
                    TimeSpan untilHealth = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextHealth);
                    await WaitAsync(untilHealth > TimeSpan.Zero ? untilHealth : TimeSpan.Zero).ConfigureAwait(false);
                }
                else if (_outbox.Backlog > 0)
                {
                    await WaitAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false); // a line still being written
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Stopped at the drain deadline, wherever the loop was (MQTTnet reports a cancelled connect in its own exceptions).
        }
        catch (Exception ex)
        {
            // Not a network problem (those are handled above): say so, keep the monitor running; the events are safe in the log.
            _log($"mqtt: the publisher stopped on an unexpected error, a bug in EdgeLstm (please report it): {ex.GetType().Name}: {ex.Message}; events stay in {_outbox.LogPath}");
        }
        finally
        {
            _outbox.Persist();
            await GoOfflineAsync().ConfigureAwait(false);
        }
    }

    private async Task SendBacklogAsync()
    {
        int sinceSave = 0;
        while (_outbox.TryReadNext(out OutboxEntry entry))
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(_eventsTopic)
                .WithPayload(new ReadOnlySequence<byte>(entry.Payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await _client.PublishAsync(message, _stop.Token).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"the broker refused event {_options.DeviceId}:{entry.Sequence} ({result.ReasonCode}: {result.ReasonString})");
            }

            Interlocked.Increment(ref _published);
            _outbox.Acknowledge(entry, persist: ++sinceSave % _options.CursorSaveInterval == 0);
        }

        _outbox.Persist();
    }

    private Task PublishHealthAsync() => PublishAsync(_healthTopic, _health().ToJson(DateTimeOffset.UtcNow), retain: true);

    private async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken = default)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken == default ? _stop.Token : cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"the broker refused a message on {topic} ({result.ReasonCode}: {result.ReasonString})");
        }
    }

    // A clean stop: the last health and "offline" (a clean disconnect does not fire the will), a few seconds at most.
    private async Task GoOfflineAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await PublishAsync(_healthTopic, _health().ToJson(DateTimeOffset.UtcNow), retain: true, timeout.Token).ConfigureAwait(false);
            await PublishAsync(_statusTopic, Encoding.UTF8.GetBytes(Offline), retain: true, timeout.Token).ConfigureAwait(false);
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The broker went away while stopping: its last will says offline for us.
        }
    }

    private async Task DisconnectQuietlyAsync()
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

    // The pause before reconnecting: new events do not shorten it (that would defeat the back-off), the start of the
    // drain does, and while draining the pauses are short so that the drain window gets attempts.
    private async Task BackOffAsync(TimeSpan delay)
    {
        if (_draining)
        {
            await Task.Delay(delay < DrainRetryDelay ? delay : DrainRetryDelay, _stop.Token).ConfigureAwait(false);
            return;
        }

        await Task.WhenAny(Task.Delay(delay, _stop.Token), _drainRequested.Task).ConfigureAwait(false);
        _stop.Token.ThrowIfCancellationRequested();
    }

    // Sleeps until woken by EventLogged/Stop, the delay passes, or the publisher is stopped.
    private async Task WaitAsync(TimeSpan delay)
    {
        if (!_draining)
        {
            await _signal.WaitAsync(delay, _stop.Token).ConfigureAwait(false);
        }
        else if (delay > TimeSpan.Zero)
        {
            // Draining: wake up only to retry the connection (EventLogged no longer comes).
            await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _signalled, 0);
    }
}
