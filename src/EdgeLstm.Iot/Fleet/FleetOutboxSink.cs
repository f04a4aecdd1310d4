using System;
using EdgeLstm.Iot.Events;

namespace EdgeLstm.Iot.Fleet;

/// <summary>
/// The event sink that follows the <see cref="JsonLinesEventLog"/> in a <see cref="CompositeEventSink"/>: by the time
/// it runs, the event is on disk, and it only tells the <see cref="FleetPublisher"/> to look (no network, no waiting).
/// </summary>
public sealed class FleetOutboxSink : IEventSink
{
    private readonly FleetPublisher _publisher;

    /// <summary>Signals <paramref name="publisher"/> for every event (the publisher is not disposed with this sink).</summary>
    public FleetOutboxSink(FleetPublisher publisher)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        _publisher = publisher;
    }

    /// <inheritdoc/>
    public void Write(in MonitorEvent monitorEvent) => _publisher.EventLogged();

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
