using System;
using System.Device.Gpio;
using EdgeLstm.Iot.Alarms;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Iot.Events;
using EdgeLstm.Iot.Tests.Support;
using Xunit;

namespace EdgeLstm.Iot.Tests.Alarms;

public sealed class GpioAlarmOutputTests
{
    [Fact]
    public void ActiveHighPinFollowsAnomalyStartAndEnd()
    {
        var driver = new FakeGpioDriver();
        using var controller = new GpioController(driver);
        var sink = new AlarmEventSink(new GpioAlarmOutput(controller, 17));
        var t = DateTimeOffset.UnixEpoch;

        Assert.Equal(PinValue.Low, driver.ValueOf(17));
        sink.Write(MonitorEvent.Started(1, t, 5));
        Assert.Equal(PinValue.High, driver.ValueOf(17));
        sink.Write(MonitorEvent.Recovered(2, t, 1)); // not an anomaly event: no change
        Assert.Equal(PinValue.High, driver.ValueOf(17));
        sink.Write(MonitorEvent.Ended(new AnomalyEvent(1, t, 3, t, 2, t, 7)));
        Assert.Equal(PinValue.Low, driver.ValueOf(17));
        sink.Dispose();
        Assert.False(driver.IsOpen(17));
    }

    [Fact]
    public void ActiveLowRelayIsDrivenInvertedAndReleasedOnDispose()
    {
        var driver = new FakeGpioDriver();
        using var controller = new GpioController(driver);
        var alarm = new GpioAlarmOutput(controller, 4, activeHigh: false);
        Assert.Equal(PinValue.High, driver.ValueOf(4)); // inactive at open

        alarm.Set(true);
        Assert.True(alarm.IsActive);
        Assert.Equal(PinValue.Low, driver.ValueOf(4));

        alarm.Dispose();
        Assert.Equal(PinValue.High, driver.History[^1].Value);
    }
}
