using System.IO;
using System.Threading;
using MachineMonitor.App;
using MachineMonitor.Device;
using Xunit;

namespace MachineMonitor.Tests;

public sealed class SelfTestGateTests
{
    [Theory]
    [InlineData(2e-4f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void AModelThatComputesWrongNumbersIsRefusedWithExitCode3(float error)
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        int exit = MonitorRun.Execute(new MonitorSettings { Source = SourceKind.Sim }, output, errors, CancellationToken.None, () => error);

        Assert.Equal(ExitCodes.SelfTestFailed, exit);
        Assert.Contains("FAILED", errors.ToString());
        Assert.Contains("limit 0.0001", errors.ToString());
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void TheGeneratedModelPassesItsSelfTest()
        => Assert.InRange(MachineFeatures.SelfTest(), 0f, MachineDetector.SelfTestTolerance);
}
