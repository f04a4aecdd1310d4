using System.Globalization;
using System.IO;

namespace EdgeLstm.Cli.Csv;

/// <summary>Writes numeric CSV that <see cref="CsvMatrix"/> (and NumPy, pandas) read back exactly.</summary>
internal static class CsvWriter
{
    /// <summary>Writes a header line <c>prefix0,prefix1,...</c>.</summary>
    public static void WriteHeader(TextWriter writer, string prefix, int columns)
    {
        for (int c = 0; c < columns; c++)
        {
            if (c > 0) writer.Write(',');
            writer.Write(prefix);
            writer.Write(c.ToString(CultureInfo.InvariantCulture));
        }
        writer.WriteLine();
    }

    /// <summary>Writes row-major [rows, columns] values, shortest round-trip form, invariant culture.</summary>
    public static void WriteRows(TextWriter writer, double[] values, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                if (c > 0) writer.Write(',');
                writer.Write(values[r * columns + c].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.WriteLine();
        }
    }
}
