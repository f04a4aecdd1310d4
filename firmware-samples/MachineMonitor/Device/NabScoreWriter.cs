using System;
using System.Globalization;
using System.IO;
using System.Text;
using EdgeLstm.Iot.Detection;

namespace MachineMonitor.Device;

/// <summary>
/// <c>--scores FILE</c>: one row per processed sample in NAB's results format, <c>timestamp,value,anomaly_score</c>,
/// so NAB's scorer (or <c>edgelstm-nab score</c>) reads a replay's output as it reads any detector's. Allocation-free
/// per row: fields are formatted into a reused buffer. Scores are written round-trip exact.
/// </summary>
internal sealed class NabScoreWriter : IScoreSink, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly char[] _line = new char[128];

    public NabScoreWriter(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        _writer.Write("timestamp,value,anomaly_score\n");
    }

    public void Write(DateTimeOffset timestamp, ReadOnlySpan<float> sample, in DetectorStep step)
    {
        Span<char> line = _line;
        timestamp.UtcDateTime.TryFormat(line, out int n, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        line[n++] = ',';
        sample[0].TryFormat(line[n..], out int written, "R", CultureInfo.InvariantCulture);
        n += written;
        line[n++] = ',';
        double score = double.IsFinite(step.Score) ? step.Score : 0.0;
        score.TryFormat(line[n..], out written, "R", CultureInfo.InvariantCulture);
        n += written;
        line[n++] = '\n';
        _writer.Write(line[..n]);
    }

    public void Dispose() => _writer.Dispose();
}
