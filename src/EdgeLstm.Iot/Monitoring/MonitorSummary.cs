namespace EdgeLstm.Iot.Monitoring;

/// <summary>Counts at the end of (or during) a monitoring run.</summary>
/// <param name="Samples">Clean samples fed to the detector.</param>
/// <param name="Faults">Source faults (all kinds).</param>
/// <param name="Anomalies">Completed anomaly events.</param>
/// <param name="LateTicks">Pacer ticks taken late.</param>
/// <param name="MissedTicks">Pacer ticks skipped.</param>
public readonly record struct MonitorSummary(long Samples, long Faults, long Anomalies, long LateTicks, long MissedTicks);
