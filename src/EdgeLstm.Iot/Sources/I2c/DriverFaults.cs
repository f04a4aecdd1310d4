using System;
using System.IO;

namespace EdgeLstm.Iot.Sources.I2c;

/// <summary>
/// Turns what an <c>Iot.Device.Bindings</c> driver throws during a read into a fault result, so a NACK, a stuck
/// conversion or a device unplugged from the bus is reported and the loop goes on.
/// </summary>
internal static class DriverFaults
{
    /// <summary>Whether <paramref name="ex"/> is a device failure (as opposed to a bug in our code).</summary>
    public static bool IsDeviceFailure(Exception ex)
        => ex is IOException or TimeoutException or InvalidOperationException or UnauthorizedAccessException or ObjectDisposedException;

    /// <summary>The fault that <paramref name="ex"/> (a device failure) stands for.</summary>
    public static SampleResult ToFault(Exception ex, DateTimeOffset timestamp) => ex switch
    {
        IOException => SampleResult.Failed(SourceFaultKind.IoError, timestamp, ex.Message),
        TimeoutException => SampleResult.Failed(SourceFaultKind.Stalled, timestamp, ex.Message),
        _ => SampleResult.Failed(SourceFaultKind.Disconnected, timestamp, ex.Message),
    };
}
