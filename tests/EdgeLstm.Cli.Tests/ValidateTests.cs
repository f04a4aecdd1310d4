using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Cli.Csv;
using EdgeLstm.Cli.Tests.Infrastructure;
using EdgeLstm.Testing;
using Xunit;

namespace EdgeLstm.Cli.Tests;

/// <summary>validate against the golden outputs computed by PyTorch / ONNX Runtime.</summary>
public sealed class ValidateTests
{
    [Theory]
    [MemberData(nameof(CaseFiles.ModelFilesOfAllCases), MemberType = typeof(CaseFiles))]
    public void GoldenOutputsPass(string caseName, string file)
    {
        GoldenCase golden = GoldenCase.Load(caseName);
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);
        string expected = CaseFiles.WriteCsv(temp.File("out.csv"), golden.Output, golden.OutputSize,
            header: string.Join(",", Enumerable.Range(0, golden.OutputSize).Select(i => $"y{i}")));
        // A .pt state_dict cannot say its head activation or RNN nonlinearity: stated as a user would (case.json says them).
        string[] options = file.EndsWith(".pt")
            ? new[] { "--head-activation", golden.HeadActivation, "--nonlinearity", golden.Nonlinearity }
            : new string[0];

        CliResult result = Tool.Run(new[] { "validate", golden.PathOf(file), "--input", input, "--expected", expected }.Concat(options).ToArray());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Compared {golden.Steps} step(s) x {golden.OutputSize} output(s)", result.Out);
        Assert.Contains("PASS", result.Out);
        Assert.Equal(string.Empty, result.Error);
    }

    [Theory]
    [InlineData("lstm_i1_h24_dense1_sigmoid")]
    [InlineData("rnn_relu_i3_h12")]
    public void CatchesAPtFileThatLacksItsHeadActivationOrNonlinearity(string caseName)
    {
        // A .pt state_dict cannot say "sigmoid head" or "relu RNN"; the importer documents that it assumes none and
        // tanh. Exactly the kind of mismatch validate exists to catch before the model is baked into firmware.
        GoldenCase golden = GoldenCase.Load(caseName);
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);
        string expected = CaseFiles.WriteCsv(temp.File("out.csv"), golden.Output, golden.OutputSize);

        CliResult result = Tool.Run("validate", Path.Combine(golden.Folder, "model.pt"), "--input", input, "--expected", expected);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("FAIL: first step over tolerance: 0 ", result.Out);
        // ...and the assumption behind it was reported, with the option that states it.
        Assert.Contains("is assumed", result.Error);
        Assert.Contains(caseName.StartsWith("rnn") ? "--nonlinearity" : "--head-activation", result.Error);
    }

    [Theory]
    [InlineData("lstm_i3_h16_dense3", 17, 2)]
    [InlineData("lstm_i3_h12_bidir_dense2", 0, 1)]
    [InlineData("gru_i4_h32_l2_dense1", 63, 0)]
    public void APerturbedExpectedValueFailsAtItsStep(string caseName, int step, int channel)
    {
        GoldenCase golden = GoldenCase.Load(caseName);
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);
        double[] perturbed = System.Array.ConvertAll(golden.Output, v => (double)v);
        perturbed[step * golden.OutputSize + channel] += 1e-3;
        // A later, larger error too: the report must name the first step over tolerance, not the worst.
        perturbed[(golden.Steps - 1) * golden.OutputSize] += 0.5;
        string expected = CaseFiles.WriteCsv(temp.File("out.csv"), perturbed, golden.OutputSize);

        CliResult result = Tool.Run("validate", golden.AnyModel, "--input", input, "--expected", expected);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"FAIL: first step over tolerance: {step} (out{channel}:", result.Out);
    }

    [Fact]
    public void ToleranceDecidesWhatFails()
    {
        GoldenCase golden = GoldenCase.Load("rnn_tanh_i2_h8_dense2");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);
        double[] perturbed = System.Array.ConvertAll(golden.Output, v => (double)v);
        perturbed[5 * golden.OutputSize + 1] += 1e-3;
        string expected = CaseFiles.WriteCsv(temp.File("out.csv"), perturbed, golden.OutputSize);

        Assert.Equal(1, Tool.Run("validate", golden.AnyModel, "-i", input, "-e", expected).ExitCode);
        Assert.Equal(0, Tool.Run("validate", golden.AnyModel, "-i", input, "-e", expected, "--tolerance", "2e-3").ExitCode);
    }

    [Fact]
    public void ReportsMaxAndMeanErrorPerChannel()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);
        double[] perturbed = System.Array.ConvertAll(golden.Output, v => (double)v);
        perturbed[10 * 3 + 1] += 0.25; // out1 at step 10: max 0.25, mean about 0.25 / 64
        string expected = CaseFiles.WriteCsv(temp.File("out.csv"), perturbed, golden.OutputSize);

        CliResult result = Tool.Run("validate", golden.AnyModel, "-i", input, "-e", expected);

        string row = result.Out.Split('\n').Single(l => l.StartsWith("out1 "));
        string[] cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0.25, double.Parse(cells[1], CultureInfo.InvariantCulture), 4);
        Assert.Equal("10", cells[2]);
        Assert.Equal(0.25 / 64, double.Parse(cells[3], CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public void DeviceLogWithEveryThirdStepPassesAndAPerturbedOneFails()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);

        string WriteLog(string name, int perturbStep)
        {
            var log = new StringBuilder("step,out0,out1,out2\n");
            for (int step = 0; step < golden.Steps; step += 3)
            {
                log.Append(step.ToString(CultureInfo.InvariantCulture));
                for (int c = 0; c < golden.OutputSize; c++)
                {
                    double value = golden.Output[step * golden.OutputSize + c] + (step == perturbStep && c == 2 ? 1e-2 : 0);
                    log.Append(',').Append(((float)value).ToString("R", CultureInfo.InvariantCulture));
                }
                log.Append('\n');
            }
            File.WriteAllText(temp.File(name), log.ToString());
            return temp.File(name);
        }

        CliResult pass = Tool.Run("validate", golden.AnyModel, "--input", input, "--device-log", WriteLog("good.csv", -1));
        CliResult fail = Tool.Run("validate", golden.AnyModel, "--input", input, "--device-log", WriteLog("bad.csv", 33));

        Assert.True(pass.ExitCode == 0, pass.ToString());
        Assert.Contains($"Compared {(golden.Steps + 2) / 3} step(s)", pass.Out);
        Assert.True(fail.ExitCode == 1, fail.ToString());
        Assert.Contains("first step over tolerance: 33 (out2:", fail.Out);
    }

    [Theory]
    [InlineData("out0,out1,out2,out3\n0,1,2,3\n", "first column must be 'step'")]
    [InlineData("step,out0,out1\n0,1,2\n", "expected 4")]
    [InlineData("step,out0,out1,out2\n0.5,1,2,3\n", "log.csv:2: step 0.5 is not an input row")]
    [InlineData("step,out0,out1,out2\n64,1,2,3\n", "log.csv:2: step 64 is not an input row; expected a whole number in 0..63")]
    [InlineData("step,out0,out1,out2\n3,1,2,3\n\n3,1,2,3\n", "log.csv:4: step 3 follows step 3")]
    public void AMalformedDeviceLogIsBadInput(string log, string message)
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);
        File.WriteAllText(temp.File("log.csv"), log);

        CliResult result = Tool.Run("validate", golden.AnyModel, "--input", input, "--device-log", temp.File("log.csv"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void WithoutExpectedOutputsWritesTheReferenceOutputsAsCsv()
    {
        GoldenCase golden = GoldenCase.Load("onnx_lstm_peephole_i3_h10");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize, header: "a,b,c");

        CliResult result = Tool.Run("validate", golden.AnyModel, "--input", input);

        Assert.True(result.ExitCode == 0, result.ToString());
        CsvMatrix outputs = CsvMatrix.Parse(new StringReader(result.Out), "stdout");
        Assert.Equal(new[] { "out0", "out1" }, outputs.Header);
        Assert.Equal(golden.Steps, outputs.Rows);
        for (int i = 0; i < golden.Output.Length; i++)
        {
            Assert.True(Math.Abs(outputs.Values[i] - golden.Output[i]) <= 1e-5, $"value {i}: {outputs.Values[i]} vs {golden.Output[i]}");
        }
    }

    [Fact]
    public void InputWithTheWrongWidthIsBadInput()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), new double[] { 1, 2, 3, 4 }, 2);

        CliResult result = Tool.Run("validate", golden.AnyModel, "--input", input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}: has 2 column(s); expected 3 (the model reads 3 input(s) per step)", result.Error);
        Assert.Equal(string.Empty, result.Out);
    }

    [Fact]
    public void ExpectedOutputsWithTheWrongRowCountAreBadInput()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");
        using var temp = new TempDirectory();
        string input = CaseFiles.WriteCsv(temp.File("in.csv"), golden.Input, golden.InputSize);
        string expected = CaseFiles.WriteCsv(temp.File("out.csv"), golden.Output.Take(golden.Output.Length - 3).ToArray(), golden.OutputSize);

        CliResult result = Tool.Run("validate", golden.AnyModel, "--input", input, "--expected", expected);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has 63 output row(s) but the input has 64", result.Error);
    }

    [Fact]
    public void AMissingInputFileIsBadInputNamingIt()
    {
        GoldenCase golden = GoldenCase.Load("lstm_i3_h16_dense3");

        CliResult result = Tool.Run("validate", golden.AnyModel, "--input", "nowhere/in.csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: nowhere/in.csv: file not found.", result.Error.Trim());
    }
}
