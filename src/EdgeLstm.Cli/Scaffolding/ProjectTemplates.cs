using System;
using System.Collections.Generic;
using System.IO;
using System.Security;
using System.Text;
using EdgeLstm.Import;

namespace EdgeLstm.Cli.Scaffolding;

/// <summary>The files <c>edgelstm new</c> writes. Each returns the whole file's text.</summary>
internal static class ProjectTemplates
{
    /// <summary>The project file; <paramref name="monitor"/> adds the device library and the command line the monitor
    /// template's Program uses.</summary>
    public static string ProjectFile(string edgeLstmVersion, bool monitor = false) => $$"""
        <Project Sdk="Microsoft.NET.Sdk">

          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <!-- One self-contained native binary for the board: no JIT, fast start, small footprint. -->
            <PublishAot>true</PublishAot>
            <InvariantGlobalization>true</InvariantGlobalization>{{(monitor ? MonitorPublishProperties : "")}}
            <!-- The EdgeLstm {{(monitor ? "packages" : "package")}} this project was created with. To try another build: -p:EdgeLstmVersion=... -->
            <EdgeLstmVersion Condition="'$(EdgeLstmVersion)' == ''">{{SecurityElement.Escape(edgeLstmVersion)}}</EdgeLstmVersion>
          </PropertyGroup>

          <!--
            Cross-linking for a 64-bit ARM board (Raspberry Pi 4/5 and the like) from an x64 Linux host:
              dotnet publish -c Release -r linux-arm64
            needs clang, lld and the aarch64 C runtime (Debian/Ubuntu: clang lld gcc-aarch64-linux-gnu
            binutils-aarch64-linux-gnu libc6-dev-arm64-cross).
          -->
          <PropertyGroup Condition="'$(RuntimeIdentifier)' == 'linux-arm64' and '$([System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture)' == 'X64'">
            <CppCompilerAndLinker>clang</CppCompilerAndLinker>
            <LinkerFlavor>lld</LinkerFlavor>
            <ObjCopyName>aarch64-linux-gnu-objcopy</ObjCopyName>
          </PropertyGroup>

          <ItemGroup>
        {{(monitor ? MonitorPackageReferences : ConsolePackageReferences)}}
          </ItemGroup>

        </Project>

        """;

    /// <summary>A NuGet.config adding a local folder of packages (for EdgeLstm builds not on nuget.org) to the user's sources.</summary>
    public static string NuGetConfig(string packageSource) => $$"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="edgelstm-local" value="{{SecurityElement.Escape(packageSource)}}" />
          </packageSources>
        </configuration>

        """;

    public static string ModelClass(string @namespace, string className, string modelPath, string? headActivation = null,
        string? nonlinearity = null, IReadOnlyList<ImportAssumption>? assumptions = null)
    {
        var arguments = new StringBuilder($"\"{modelPath}\"");
        if (headActivation is not null) arguments.Append($", HeadActivation = \"{headActivation}\"");
        if (nonlinearity is not null) arguments.Append($", Nonlinearity = \"{nonlinearity}\"");
        var notes = new StringBuilder();
        foreach (ImportAssumption assumption in assumptions ?? Array.Empty<ImportAssumption>())
        {
            // The build warns (ELSTM009) until the value is stated; the comment says how, where it is to be done.
            notes.Append($"// {Path.GetFileName(modelPath)} does not say {assumption.Subject}; EdgeLstm assumes {assumption.Assumed}. If forward()\n")
                 .Append($"// applies another ({assumption.Choices}), say so: {assumption.AttributeProperty} = \"...\" in the attribute.\n");
        }

        return $$"""
            using EdgeLstm;

            namespace {{@namespace}};

            /// <summary>
            /// The network in {{modelPath}}, compiled by the EdgeLstm source generator into fixed-size, allocation-free code
            /// with the weights baked in. Edit the weight file and rebuild to update it.
            /// </summary>
            {{notes}}[RecurrentModel({{arguments}})]
            public sealed partial class {{className}};

            """;
    }

    public static string Program(string @namespace, string className, bool streaming)
    {
        string run = streaming
            ? $$"""
                    // The model streams: one output row per accepted input row, as soon as the row arrives.
                    float[] output = new float[{{className}}.OutputSize];
                    string? line;
                    while ((line = Console.In.ReadLine()) is not null)
                    {
                        if (rows.TryRead(line, input))
                        {
                            model.Step(input, output);
                            RowReader.Write(output);
                        }
                    }
                    return rows.Finish();
            """
            : $$"""
                    // The model has a reverse or bidirectional layer: it needs the whole window, so read every row first.
                    var window = new List<float>();
                    string? line;
                    while ((line = Console.In.ReadLine()) is not null)
                    {
                        if (rows.TryRead(line, input)) window.AddRange(input);
                    }
                    float[] inputs = window.ToArray();
                    float[] outputs = new float[inputs.Length / {{className}}.InputSize * {{className}}.OutputSize];
                    model.Run(inputs, outputs);
                    for (int start = 0; start < outputs.Length; start += {{className}}.OutputSize)
                    {
                        RowReader.Write(outputs.AsSpan(start, {{className}}.OutputSize));
                    }
                    return rows.Finish();
            """;

        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Globalization;

            namespace {{@namespace}};

            /// <summary>
            /// Reads CSV rows of {{className}}.InputSize numbers from stdin (a header line is skipped) and writes one CSV row of
            /// {{className}}.OutputSize outputs per accepted input row to stdout. As on the device, a row with the wrong number of
            /// fields, a field that is not a number, or a NaN or infinite value is reported on stderr and skipped: it never
            /// reaches the model, whose recurrent state it would poison. The self-test runs first; the program stops with
            /// exit code 3 when the generated code disagrees with the reference by more than 1e-4.
            /// </summary>
            internal static class Program
            {
                /// <summary>The largest self-test error accepted: float32 kernels agree with the double reference far closer.</summary>
                private const float SelfTestTolerance = 1e-4f;

                private const int SelfTestFailed = 3;

                private static int Main()
                {
                    var model = new {{className}}();

                    // The generated code checks itself against outputs the reference implementation computed at build time,
                    // so a miscompiled or mis-deployed binary is caught at boot, not in the field.
                    float selfTest = {{className}}.SelfTest();
                    bool passed = selfTest <= SelfTestTolerance; // false for NaN too
                    Console.Error.WriteLine($"self-test: max |error| {selfTest:E2} against the reference (limit 1e-4): {(passed ? "ok" : "FAILED")}");
                    if (!passed)
                    {
                        return SelfTestFailed;
                    }

                    float[] input = new float[{{className}}.InputSize];
                    var rows = new RowReader();
            {{run}}
                }
            }

            /// <summary>Parses CSV lines into rows of floats (invariant culture), reports the ones it skips, and writes rows back out.</summary>
            internal sealed class RowReader
            {
                private int _lineNumber;
                private int _skipped;

                /// <summary>True when <paramref name="line"/> is a good row, now in <paramref name="row"/>; false for a blank
                /// line, the header, or a bad row (reported on stderr).</summary>
                public bool TryRead(string line, float[] row)
                {
                    _lineNumber++;
                    if (line.Trim().Length == 0)
                    {
                        return false;
                    }
                    string[] fields = line.Split(',');
                    if (fields.Length != row.Length)
                    {
                        // A first line that is not numbers is the header, whatever its width.
                        return _lineNumber == 1 && !IsNumber(fields[0]) ? false : Skip($"{fields.Length} field(s); expected {row.Length}");
                    }
                    for (int i = 0; i < fields.Length; i++)
                    {
                        if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                        {
                            return _lineNumber == 1 ? false : Skip($"field {i + 1} is not a number");
                        }
                        if (!float.IsFinite(row[i]))
                        {
                            return Skip($"field {i + 1} is {fields[i].Trim()}; expected a finite number");
                        }
                    }
                    return true;
                }

                /// <summary>Says how many rows were skipped; the exit code (0: the stream was read to its end).</summary>
                public int Finish()
                {
                    if (_skipped > 0)
                    {
                        Console.Error.WriteLine($"stdin: {_skipped} row(s) skipped; the outputs are for the other rows, in order.");
                    }
                    return 0;
                }

                public static void Write(ReadOnlySpan<float> row)
                {
                    for (int i = 0; i < row.Length; i++)
                    {
                        if (i > 0) Console.Out.Write(',');
                        Console.Out.Write(row[i].ToString("R", CultureInfo.InvariantCulture));
                    }
                    Console.Out.WriteLine();
                }

                private bool Skip(string problem)
                {
                    _skipped++;
                    Console.Error.WriteLine($"stdin:{_lineNumber}: skipped: {problem}.");
                    return false;
                }

                private static bool IsNumber(string field)
                    => double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            }

            """;
    }

    public static string GitIgnore => """
        bin/
        obj/

        """;

    // Package references of the two templates, indented as the project file's items are.
    private const string ConsolePackageReferences = """
            <PackageReference Include="EdgeLstm" Version="$(EdgeLstmVersion)" />
        """;

    // The monitor's sources hand out floats, so nothing in the generated app formats a UnitsNet quantity; this keeps
    // UnitsNet's quantity tables (about 5 MB) out of a native build that includes the BME280 source. See
    // buildTransitive/UnitsNet.Formatting.ILLink.Substitutions.xml in EdgeLstm.Iot.
    private const string MonitorPublishProperties = """

            <!-- Leaves UnitsNet's quantity tables (about 5 MB) out of the native build. Nothing here formats a UnitsNet
                 quantity; if your code does (ToString, string interpolation), remove this line: in the native build
                 such a call would throw NotSupportedException. -->
            <EdgeLstmUnitsNetFormattingSupport>false</EdgeLstmUnitsNetFormattingSupport>
        """;

    private const string MonitorPackageReferences = """
            <!-- The generator that compiles the model, and the device library (sources, detector, event log, GPIO). -->
            <PackageReference Include="EdgeLstm" Version="$(EdgeLstmVersion)" />
            <PackageReference Include="EdgeLstm.Iot" Version="$(EdgeLstmVersion)" />
            <PackageReference Include="System.CommandLine" Version="2.0.0" />
        """;
}
