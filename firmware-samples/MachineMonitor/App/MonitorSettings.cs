namespace MachineMonitor.App;

/// <summary>Where samples come from.</summary>
internal enum SourceKind
{
    /// <summary>A deterministic simulated machine (sines, noise, one injected fault): try the app without hardware.</summary>
    Sim,

    /// <summary>A CSV file or standard input: replays, and pipelines from other tools.</summary>
    Csv,

    /// <summary>A Linux Industrial I/O device through sysfs (kernel driver for the sensor).</summary>
    Iio,

    /// <summary>An MPU-6050 accelerometer/gyroscope on I2C, read at register level.</summary>
    Mpu6050,

    /// <summary>CSV lines from a microcontroller on a serial port.</summary>
    Serial,
}

/// <summary>Everything the monitor command line says, parsed and range-checked.</summary>
internal sealed record MonitorSettings
{
    public SourceKind Source { get; init; } = SourceKind.Sim;

    /// <summary>CSV file, or "-" for standard input.</summary>
    public string? Input { get; init; }

    /// <summary>The one channel the model reads: a CSV column or IIO channel name, an MPU-6050 channel name, or an index.</summary>
    public string? Channel { get; init; }

    /// <summary>Calibrate on this leading fraction of a CSV file (its length is known).</summary>
    public double CalibrationFraction { get; init; } = 0.15;

    /// <summary>Calibrate on this many scored samples when the stream's length is unknown (stdin, sensors).</summary>
    public int CalibrationSamples { get; init; } = 500;

    /// <summary>Whether --calibration-samples was given (it then wins over the fraction for a CSV file too).</summary>
    public bool CalibrationSamplesGiven { get; init; }

    /// <summary>A saved calibration to start from instead of calibrating.</summary>
    public string? CalibrationFile { get; init; }

    /// <summary>Where to write the calibration learned by this run.</summary>
    public string? SaveCalibrationFile { get; init; }

    /// <summary>Per-sample scores in NAB's results format (<c>timestamp,value,anomaly_score</c>).</summary>
    public string? ScoresFile { get; init; }

    /// <summary>The durable JSON-lines event log.</summary>
    public string? EventsFile { get; init; }

    public int? GpioPin { get; init; }

    public bool GpioActiveLow { get; init; }

    /// <summary>Samples per second; 0 reads as fast as the source delivers.</summary>
    public double Rate { get; init; }

    /// <summary>The simulated source's length (<see cref="SourceKind.Sim"/> only); null for its default.</summary>
    public long? SimulatedSamples { get; init; }

    public string IioDevice { get; init; } = "mpu6050";

    public int I2cBus { get; init; } = 1;

    public string SerialPort { get; init; } = "/dev/ttyACM0";

    public int Baud { get; init; } = 115200;

    /// <summary>Seed of the simulated source.</summary>
    public ulong Seed { get; init; } = 1;
}
