using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace EdgeLstm.Evaluation.Nab;

/// <summary>
/// A detector's per-row output in NAB's results layout: for data file <c>&lt;category&gt;/&lt;name&gt;.csv</c>, a CSV
/// <c>&lt;category&gt;/&lt;detector&gt;_&lt;name&gt;.csv</c> (or <c>&lt;category&gt;/&lt;name&gt;.csv</c>) with a header
/// naming an <c>anomaly_score</c> column and one row per data row; NAB writes <c>timestamp,value,anomaly_score,…</c>.
/// </summary>
public static class NabResultsFolder
{
    /// <summary>The header this code writes.</summary>
    public const string Header = "timestamp,value,anomaly_score";

    /// <summary>The timestamp format of NAB's files.</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>Finds the results file of <paramref name="file"/> under <paramref name="directory"/>.</summary>
    /// <returns>The path, or null when there is none.</returns>
    /// <exception cref="InvalidDataException">Several files could be it.</exception>
    public static string? Find(string directory, NabDataFile file, string? detector = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        string category = Path.GetDirectoryName(file.Name) ?? "";
        string name = Path.GetFileName(file.Name);
        string folder = Path.Combine(directory, category);
        if (detector is not null)
        {
            string named = Path.Combine(folder, detector + "_" + name);
            return File.Exists(named) ? named : null;
        }

        string plain = Path.Combine(folder, name);
        if (File.Exists(plain))
        {
            return plain;
        }

        if (!System.IO.Directory.Exists(folder))
        {
            return null;
        }

        string[] prefixed = System.IO.Directory.GetFiles(folder, "*_" + name);
        return prefixed.Length switch
        {
            0 => null,
            1 => prefixed[0],
            _ => throw new InvalidDataException($"{folder}: {prefixed.Length} results files end in _{name}; name the detector (--detector) to choose one."),
        };
    }

    /// <summary>Reads the <c>anomaly_score</c> column of a results file for <paramref name="file"/>.</summary>
    /// <exception cref="InvalidDataException">No such column, a row count or timestamp that does not match the data file,
    /// or a score outside [0, 1]; the message names the file and line.</exception>
    public static double[] ReadScores(string path, NabDataFile file)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(file);
        var scores = new double[file.Length];
        int lineNumber = 0, row = 0, scoreColumn = -1, timeColumn = -1;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (scoreColumn < 0)
            {
                scoreColumn = Array.IndexOf(fields, "anomaly_score");
                timeColumn = Array.IndexOf(fields, "timestamp");
                if (scoreColumn < 0)
                {
                    throw new InvalidDataException($"{path}: line 1: no 'anomaly_score' column in the header '{line}'.");
                }

                continue;
            }

            if (row >= file.Length)
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: more rows than the {file.Length} of {file.Name}.");
            }

            if (fields.Length <= scoreColumn
                || !double.TryParse(fields[scoreColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out double score)
                || !(score >= 0 && score <= 1))
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: anomaly_score must be a number in [0, 1], found '{line}'.");
            }

            if (timeColumn >= 0 && (fields.Length <= timeColumn || !NabCorpus.TryParseTime(fields[timeColumn], out var time) || time != file.Timestamps[row]))
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: timestamp '{(fields.Length > timeColumn ? fields[timeColumn] : "")}' is not row {row} of {file.Name} ({file.Timestamps[row].ToString(TimeFormat, CultureInfo.InvariantCulture)}).");
            }

            scores[row++] = score;
        }

        if (row != file.Length)
        {
            throw new InvalidDataException($"{path}: {row} rows, but {file.Name} has {file.Length}.");
        }

        return scores;
    }

    /// <summary>Writes <c>timestamp,value,anomaly_score</c> for every row of <paramref name="file"/>.</summary>
    public static void Write(string path, NabDataFile file, ReadOnlySpan<double> scores)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (scores.Length != file.Length)
        {
            throw new ArgumentException($"{file.Name}: {scores.Length} scores for {file.Length} rows.", nameof(scores));
        }

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = new StringBuilder(file.Length * 40);
        text.Append(Header).Append('\n');
        for (int i = 0; i < file.Length; i++)
        {
            text.Append(file.Timestamps[i].ToString(TimeFormat, CultureInfo.InvariantCulture)).Append(',')
                .Append(file.Values[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(scores[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Where <see cref="Write"/> puts <paramref name="file"/>'s results for <paramref name="detector"/>, as NAB names it.</summary>
    public static string PathFor(string directory, NabDataFile file, string detector)
    {
        ArgumentNullException.ThrowIfNull(file);
        string category = Path.GetDirectoryName(file.Name) ?? "";
        return Path.Combine(directory, category, detector + "_" + Path.GetFileName(file.Name));
    }
}
