using System;
using EdgeLstm.Iot.Sources;

namespace MachineMonitor.Device;

/// <summary>
/// A simulated machine shaped like the series the model learned (a daily cycle sampled every 5 minutes, around the
/// training mean), with one stuck sensor and one spike, so the app can be tried on any computer.
/// </summary>
internal static class Simulation
{
    public const long DefaultLength = 4000;

    public static SimulatedSensorSource Create(ulong seed, long? length)
    {
        var signal = new SimulatedSignal
        {
            Offset = 42,
            Components = [new SineComponent(Amplitude: 25, PeriodSamples: 288)],
            NoiseStd = 1,
        };
        SimulatedAnomaly[] anomalies =
        [
            new(SimulatedAnomalyKind.StuckValue, Start: 2400, Length: 150),
            new(SimulatedAnomalyKind.Spike, Start: 3300, Magnitude: 80),
        ];
        return new SimulatedSensorSource([signal], seed, anomalies, TimeSpan.FromMinutes(5), length ?? DefaultLength);
    }
}
