using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EdgeLstm.HostileFiles;
using EdgeLstm.Import;
using EdgeLstm.Model;
using Xunit;

namespace EdgeLstm.Tests.Hostile;

/// <summary>The budget's numbers, and that a legitimate file a budget refuses gets through with a higher model size limit.</summary>
public sealed class ImportBudgetTests
{
    [Fact]
    public void BudgetsFollowTheStatedFormulasForASmallFile()
    {
        // A 1 MB file under the default 4,000,000 parameters: A = max(1,000,000, 16,000,000) = 16,000,000 bytes.
        ImportBudget budget = ImportBudget.For(1_000_000);

        Assert.Equal(16_000_000, budget.AllowanceBytes);
        Assert.Equal(2 * 16_000_000 + 1_048_576, budget.MaxExtractedBytes);
        Assert.Equal(8_000_000 + 65_536, budget.MaxTensorElements);
        Assert.Equal(2_000_000, budget.MaxUnusedStorageBytes);
        Assert.Equal(16_384 + 62_500, budget.MaxObjects);
        Assert.Equal(16_384 + 4_000_000, budget.MaxNumbers);
        Assert.Equal(16_384 + 250_000, budget.MaxTotalRank);
    }

    [Fact]
    public void AFileLargerThanTheModelSizesItsOwnBudget()
    {
        ImportBudget budget = ImportBudget.For(100_000_000, maxParameters: 1_000);

        Assert.Equal(100_000_000, budget.AllowanceBytes);
        Assert.Equal(16_384 + 390_625, budget.MaxObjects);
    }

    [Fact]
    public void NonsenseLimitsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImportBudget.For(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImportBudget.For(10, maxParameters: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImportOptions.None with { MaxParameters = -5 });
    }

    [Fact]
    public void ACompressedLegitimateModelNeedsAndGetsAHigherModelSizeLimit()
    {
        // An untrained LSTM of 1,000 inputs and 1,000 units (8,008,000 parameters) in float64 zeros: 64 MB of storage
        // deflated to a few tens of kilobytes, past the 33,048,576 bytes extracted that 4,000,000 parameters allow.
        byte[] file = LargeModelFiles.CompressedZeros(1_000, 1_000);

        var refusal = Assert.ThrowsAny<ModelFormatException>(() => ModelImporter.Load(file, "untrained.pt"));
        Assert.Contains("needs more bytes extracted from zip entries", refusal.Message);
        Assert.Contains("more than 33,048,576", refusal.Message);
        Assert.Contains("<EdgeLstmMaxParameters>", refusal.Message);
        Assert.Contains("ImportOptions.MaxParameters", refusal.Message);

        NetworkModel model = ModelImporter.Load(file, "untrained.pt", ImportOptions.None with { MaxParameters = 10_000_000 });
        Assert.Equal(8_008_000, model.ParameterCount);
    }

    [Fact]
    public void CancellationIsObservedWhileAFileIsRead()
    {
        // A legitimate 50 MB JSON model takes about a second to read; cancelled a tenth of a second into the read, the
        // read must stop with OperationCanceledException. Were the token looked at only before and after, the model
        // would load. The cancel comes from a dedicated thread, not a CancellationTokenSource timer: a timer's callback
        // runs on the thread pool, which the other test classes running in parallel can keep busy for seconds (a CI
        // run saw a 100 ms timer fire only after the 50 MB model had loaded). Even a dedicated thread can wait for a
        // core on a loaded machine, so a read that ended before the cancel came proves nothing either way: that
        // attempt is repeated. Only a model that loaded although its token had been cancelled during the read fails.
        byte[] json = LargeModelFiles.All.Single(f => f.Name == "large.json").Build();
        const int Attempts = 5;
        var late = new List<long>();
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            using var cancellation = new CancellationTokenSource();
            var canceller = new Thread(() =>
            {
                Thread.Sleep(100);
                cancellation.Cancel();
            }) { IsBackground = true, Name = "cancel after 100 ms" };

            var clock = System.Diagnostics.Stopwatch.StartNew();
            canceller.Start();
            Exception? thrown = Record.Exception(() => ModelImporter.Load(json, "large.json", ImportOptions.None, cancellation.Token));
            bool cancelledDuringTheRead = cancellation.IsCancellationRequested;
            long milliseconds = clock.ElapsedMilliseconds;
            canceller.Join();

            if (thrown is null && !cancelledDuringTheRead)
            {
                late.Add(milliseconds); // the machine kept the canceller from running until the read was over
                continue;
            }
            Assert.True(thrown is OperationCanceledException,
                thrown is null
                    ? $"the model loaded in {milliseconds} ms although the token was cancelled during the read (100 ms into it)"
                    : $"expected OperationCanceledException, got {thrown}");
            return;
        }
        Assert.Fail($"in {Attempts} attempts the cancel never came before the read ended (reads of {string.Join(", ", late)} ms): nothing was tested");
    }
}
