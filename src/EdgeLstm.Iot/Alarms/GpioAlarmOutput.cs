using System;
using System.Device.Gpio;

namespace EdgeLstm.Iot.Alarms;

/// <summary>
/// Drives one GPIO output pin: active level while an anomaly is open, inactive otherwise. The pin is driven
/// inactive when opened and again on dispose, so a restarted monitor never leaves a stale alarm on.
/// </summary>
public sealed class GpioAlarmOutput : IAlarmOutput
{
    private readonly GpioController _controller;
    private readonly bool _ownsController;
    private readonly int _pin;
    private readonly PinValue _active;
    private readonly PinValue _inactive;

    /// <summary>Opens <paramref name="pin"/> as an output.</summary>
    /// <param name="controller">The controller (on a Raspberry Pi, <c>new GpioController()</c>).</param>
    /// <param name="pin">The pin number in the controller's numbering.</param>
    /// <param name="activeHigh">True when the alarm is on at a high level (an LED to ground); false for active-low relays.</param>
    /// <param name="ownsController">Dispose <paramref name="controller"/> with this object.</param>
    public GpioAlarmOutput(GpioController controller, int pin, bool activeHigh = true, bool ownsController = false)
    {
        ArgumentNullException.ThrowIfNull(controller);
        _controller = controller;
        _ownsController = ownsController;
        _pin = pin;
        _active = activeHigh ? PinValue.High : PinValue.Low;
        _inactive = activeHigh ? PinValue.Low : PinValue.High;
        _controller.OpenPin(pin, PinMode.Output, _inactive);
    }

    /// <inheritdoc/>
    public bool IsActive { get; private set; }

    /// <inheritdoc/>
    public void Set(bool active)
    {
        _controller.Write(_pin, active ? _active : _inactive);
        IsActive = active;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            if (_controller.IsPinOpen(_pin))
            {
                _controller.Write(_pin, _inactive);
                _controller.ClosePin(_pin);
            }
        }
        finally
        {
            if (_ownsController)
            {
                _controller.Dispose();
            }
        }
    }
}
