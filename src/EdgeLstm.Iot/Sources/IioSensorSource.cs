using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// Reads Linux Industrial I/O channels through sysfs: value = (<c>in_X_raw</c> + offset) × scale, where offset and
/// scale come from the channel's own <c>in_X_offset</c>/<c>in_X_scale</c>, else the type's shared
/// <c>in_T_offset</c>/<c>in_T_scale</c>, else 0 and 1. Scale and offset are read once when the source opens (and
/// again on <see cref="Reconnect"/>); raw files stay open and are re-read with <c>pread</c> at offset 0, which makes
/// sysfs produce a fresh value without allocating.
/// </summary>
public sealed class IioSensorSource : ISensorSource, IReconnectableSource
{
    /// <summary>Where the kernel lists IIO devices.</summary>
    public const string DefaultSysfsRoot = "/sys/bus/iio/devices";

    private readonly string _deviceDirectory;
    private readonly IioChannel[] _channels;
    private readonly TimeProvider _clock;
    private readonly SafeFileHandle?[] _rawFiles;
    private readonly double[] _scales;
    private readonly double[] _offsets;

    /// <summary>Opens <paramref name="channels"/> of the device in <paramref name="deviceDirectory"/>.</summary>
    /// <param name="deviceDirectory">For example <c>/sys/bus/iio/devices/iio:device0</c>; see <see cref="FindDevice"/>.</param>
    /// <param name="channels">The channels, in sample order.</param>
    /// <param name="clock">Stamps samples; defaults to the system clock.</param>
    /// <exception cref="IOException">A raw file is missing or a scale/offset file does not hold a number.</exception>
    public IioSensorSource(string deviceDirectory, IReadOnlyList<IioChannel> channels, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(deviceDirectory);
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 0)
        {
            throw new ArgumentException("At least one channel is needed.", nameof(channels));
        }

        _deviceDirectory = deviceDirectory;
        _channels = new IioChannel[channels.Count];
        for (int i = 0; i < channels.Count; i++)
        {
            _channels[i] = channels[i];
        }

        _clock = clock ?? TimeProvider.System;
        _rawFiles = new SafeFileHandle?[_channels.Length];
        _scales = new double[_channels.Length];
        _offsets = new double[_channels.Length];
        Open();
    }

    /// <summary>
    /// Finds the device whose <c>name</c> file reads <paramref name="deviceName"/> (for example <c>mpu6050</c>)
    /// under <paramref name="sysfsRoot"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such device.</exception>
    public static string FindDevice(string deviceName, string sysfsRoot = DefaultSysfsRoot)
    {
        if (Directory.Exists(sysfsRoot))
        {
            var candidates = Directory.GetDirectories(sysfsRoot, "iio:device*");
            Array.Sort(candidates, StringComparer.Ordinal);
            foreach (var directory in candidates)
            {
                string nameFile = Path.Combine(directory, "name");
                if (File.Exists(nameFile) && File.ReadAllText(nameFile).Trim() == deviceName)
                {
                    return directory;
                }
            }
        }

        throw new DirectoryNotFoundException($"No IIO device named '{deviceName}' under {sysfsRoot}.");
    }

    /// <inheritdoc/>
    public int ChannelCount => _channels.Length;

    /// <summary>The scale applied to each channel (for diagnostics).</summary>
    public ReadOnlySpan<double> Scales => _scales;

    /// <summary>The offset added to each channel before scaling (for diagnostics).</summary>
    public ReadOnlySpan<double> Offsets => _offsets;

    /// <inheritdoc/>
    public SampleResult Read(Span<float> values)
    {
        SourceGuard.RequireLength(values, ChannelCount);
        var now = _clock.GetUtcNow();
        Span<byte> text = stackalloc byte[64];
        for (int i = 0; i < _channels.Length; i++)
        {
            var handle = _rawFiles[i];
            if (handle is null || handle.IsClosed)
            {
                return SampleResult.Failed(SourceFaultKind.Disconnected, now, $"{RawPath(i)} is not open");
            }

            int length;
            try
            {
                length = RandomAccess.Read(handle, text, fileOffset: 0);
            }
            catch (IOException ex)
            {
                return SampleResult.Failed(SourceFaultKind.IoError, now, $"{RawPath(i)}: {ex.Message}");
            }

            if (!TryParseInteger(text[..length], out long raw))
            {
                return SampleResult.Failed(SourceFaultKind.Malformed, now, $"{RawPath(i)} does not hold an integer");
            }

            values[i] = (float)((raw + _offsets[i]) * _scales[i]);
        }

        return SampleResult.Ok(now);
    }

    /// <summary>Closes and re-opens the raw files and re-reads scale and offset (a driver reload can change them).</summary>
    public void Reconnect()
    {
        Close();
        Open();
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    private void Open()
    {
        try
        {
            for (int i = 0; i < _channels.Length; i++)
            {
                string name = _channels[i].Name;
                string type = _channels[i].Type;
                _scales[i] = ReadAttribute($"in_{name}_scale") ?? ReadAttribute($"in_{type}_scale") ?? 1.0;
                _offsets[i] = ReadAttribute($"in_{name}_offset") ?? ReadAttribute($"in_{type}_offset") ?? 0.0;
                string raw = RawPath(i);
                if (!File.Exists(raw))
                {
                    throw new FileNotFoundException($"IIO channel '{name}' has no raw file {raw}.", raw);
                }

                _rawFiles[i] = File.OpenHandle(raw, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            }
        }
        catch
        {
            Close();
            throw;
        }
    }

    private void Close()
    {
        for (int i = 0; i < _rawFiles.Length; i++)
        {
            _rawFiles[i]?.Dispose();
            _rawFiles[i] = null;
        }
    }

    private string RawPath(int channel) => Path.Combine(_deviceDirectory, $"in_{_channels[channel].Name}_raw");

    private double? ReadAttribute(string fileName)
    {
        string path = Path.Combine(_deviceDirectory, fileName);
        if (!File.Exists(path))
        {
            return null;
        }

        string text = File.ReadAllText(path).Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new IOException($"{path} holds '{text}', not a number.");
        }

        return value;
    }

    private static bool TryParseInteger(ReadOnlySpan<byte> text, out long value)
    {
        // sysfs values end with a newline; Utf8Parser stops at it and reports how much it consumed.
        int start = 0;
        while (start < text.Length && text[start] == (byte)' ')
        {
            start++;
        }

        if (!Utf8Parser.TryParse(text[start..], out value, out int consumed) || consumed == 0)
        {
            return false;
        }

        var rest = text[(start + consumed)..];
        foreach (byte b in rest)
        {
            if (b is not ((byte)'\n' or (byte)' ' or (byte)'\r' or 0))
            {
                return false;
            }
        }

        return true;
    }
}
