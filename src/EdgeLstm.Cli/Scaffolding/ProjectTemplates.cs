using System.Security;

namespace EdgeLstm.Cli.Scaffolding;

/// <summary>The files <c>edgelstm new</c> writes. Each returns the whole file's text.</summary>
internal static class ProjectTemplates
{
    public static string ProjectFile(string edgeLstmVersion) => $$"""
        <Project Sdk="Microsoft.NET.Sdk">

          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <!-- One self-contained native binary for the board: no JIT, fast start, small footprint. -->
            <PublishAot>true</PublishAot>
            <InvariantGlobalization>true</InvariantGlobalization>
            <!-- The EdgeLstm package this project was created with. To try another build: -p:EdgeLstmVersion=... -->
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
            <PackageReference Include="EdgeLstm" Version="$(EdgeLstmVersion)" />
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

    public static string ModelClass(string @namespace, string className, string modelPath) => $$"""
        using EdgeLstm;

        namespace {{@namespace}};

        /// <summary>
        /// The network in {{modelPath}}, compiled by the EdgeLstm source generator into fixed-size, allocation-free code
        /// with the weights baked in. Edit the weight file and rebuild to update it.
        /// </summary>
        [RecurrentModel("{{modelPath}}")]
        public sealed partial class {{className}};

        """;

    public static string Program(string @namespace, string className, bool streaming)
    {
        string run = streaming
            ? $$"""
                    // The model streams: one output row per input row, as soon as the row arrives.
                    float[] output = new float[{{className}}.OutputSize];
                    string? line;
                    int lineNumber = 0;
                    while ((line = Console.In.ReadLine()) is not null)
                    {
                        lineNumber++;
                        if (!RowReader.TryRead(line, input, lineNumber, out bool skip)) return 2;
                        if (skip) continue;
                        model.Step(input, output);
                        RowReader.Write(output);
                    }
                    return 0;
            """
            : $$"""
                    // The model has a reverse or bidirectional layer: it needs the whole window, so read every row first.
                    var rows = new List<float>();
                    string? line;
                    int lineNumber = 0;
                    while ((line = Console.In.ReadLine()) is not null)
                    {
                        lineNumber++;
                        if (!RowReader.TryRead(line, input, lineNumber, out bool skip)) return 2;
                        if (!skip) rows.AddRange(input);
                    }
                    float[] inputs = rows.ToArray();
                    float[] outputs = new float[inputs.Length / {{className}}.InputSize * {{className}}.OutputSize];
                    model.Run(inputs, outputs);
                    for (int start = 0; start < outputs.Length; start += {{className}}.OutputSize)
                    {
                        RowReader.Write(outputs.AsSpan(start, {{className}}.OutputSize));
                    }
                    return 0;
            """;

        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Globalization;

            namespace {{@namespace}};

            /// <summary>
            /// Reads CSV rows of {{className}}.InputSize numbers from stdin (a header line is skipped) and writes one CSV row of
            /// {{className}}.OutputSize outputs per input row to stdout. The self-test runs first and its result goes to stderr.
            /// </summary>
            internal static class Program
            {
                private static int Main()
                {
                    var model = new {{className}}();

                    // The generated code checks itself against outputs the reference implementation computed at build time,
                    // so a miscompiled or mis-deployed binary is caught at boot, not in the field.
                    Console.Error.WriteLine($"self-test: max |error| {{{className}}.SelfTest():E2} against the reference");

                    float[] input = new float[{{className}}.InputSize];
            {{run}}
                }
            }

            /// <summary>Parses one CSV line into a row of floats (invariant culture) and writes rows back out.</summary>
            internal static class RowReader
            {
                public static bool TryRead(string line, float[] row, int lineNumber, out bool skip)
                {
                    skip = false;
                    string[] fields = line.Split(',');
                    if (line.Trim().Length == 0)
                    {
                        skip = true;
                        return true;
                    }
                    if (fields.Length != row.Length)
                    {
                        Console.Error.WriteLine($"stdin:{lineNumber}: {fields.Length} field(s); expected {row.Length}.");
                        return false;
                    }
                    for (int i = 0; i < fields.Length; i++)
                    {
                        if (!float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                        {
                            // A header line: skip it. Anything else that is not a number is an error.
                            skip = lineNumber == 1;
                            if (!skip) Console.Error.WriteLine($"stdin:{lineNumber}: field {i + 1} is not a number.");
                            return skip;
                        }
                    }
                    return true;
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
            }

            """;
    }

    public static string GitIgnore => """
        bin/
        obj/

        """;
}
