using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace EdgeLstm.Testing;

/// <summary>
/// Runs a command (dotnet, the tool, a child copy of a test app) to completion with a time limit and captures what it
/// printed. The one process runner for every test project, linked as source (tests/Shared).
/// </summary>
public static class ProcessRunner
{
    /// <param name="ExitCode">The process's exit code.</param>
    /// <param name="StandardOutput">What it wrote to stdout.</param>
    /// <param name="StandardError">What it wrote to stderr.</param>
    /// <param name="Elapsed">Wall-clock time from start to exit.</param>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
    {
        /// <summary>stdout, then stderr.</summary>
        public string Output => StandardOutput + StandardError;

        public void Deconstruct(out int exitCode, out string output)
        {
            exitCode = ExitCode;
            output = Output;
        }
    }

    /// <summary>Runs <paramref name="fileName"/> and waits for it; on timeout the whole process tree is killed and the output so far reported.</summary>
    public static Result Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null,
        string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (environment is not null)
        {
            foreach (KeyValuePair<string, string> pair in environment) info.Environment[pair.Key] = pair.Value;
        }

        var stopwatch = Stopwatch.StartNew();
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(5);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{fileName} {string.Join(" ", arguments)}' did not finish within {limit}. Output so far:\n{stdout.Result}{stderr.Result}");
        }
        process.WaitForExit(); // flushes the asynchronous readers
        return new Result(process.ExitCode, stdout.Result, stderr.Result, stopwatch.Elapsed);
    }
}
