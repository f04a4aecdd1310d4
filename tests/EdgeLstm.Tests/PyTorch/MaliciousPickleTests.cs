using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EdgeLstm.Import.PyTorch;
using Xunit;

namespace EdgeLstm.Tests.PyTorch;

/// <summary>
/// Pickles that would run code under Python's pickle.load. The importer must refuse the global by name before its
/// REDUCE is reached; the shell commands used would leave a file behind if anything executed them.
/// </summary>
public sealed class MaliciousPickleTests
{
    private static readonly string Marker = Path.Combine(Path.GetTempPath(), $"edgelstm-pickle-ran-{Guid.NewGuid():N}");

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] ShortString(string text) => new byte[] { 0x8C, (byte)text.Length }.Concat(Ascii(text)).ToArray();

    private static byte[] Pickle(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static string Refused(byte[] pickle)
    {
        string message = Assert.ThrowsAny<ModelFormatException>(() => PyTorchImporter.Import(TorchArchiveBuilder.WithPickle(pickle), "evil.pt")).Message;
        Assert.False(File.Exists(Marker), "the pickle's payload ran");
        return message;
    }

    [Theory]
    [InlineData("os", "system")]
    [InlineData("posix", "system")]
    [InlineData("subprocess", "check_call")]
    [InlineData("builtins", "exec")]
    [InlineData("torch", "load")]
    public void GlobalAndReduceIsRefusedByName(string module, string name)
    {
        byte[] pickle = Pickle(new byte[] { 0x80, 2 }, Ascii($"c{module}\n{name}\n"), ShortString($"touch {Marker}"), new byte[] { 0x85, (byte)'R', (byte)'.' });

        string message = Refused(pickle);

        Assert.Contains($"refusing global {module}.{name}: only a state_dict's tensors are read", message);
        Assert.Contains("archive/data.pkl offset 2", message);
    }

    [Fact]
    public void StackGlobalIsRefusedByName()
    {
        byte[] pickle = Pickle(new byte[] { 0x80, 4 }, ShortString("os"), ShortString("system"), new byte[] { 0x93 },
            ShortString($"touch {Marker}"), new byte[] { 0x85, (byte)'R', (byte)'.' });

        Assert.Contains("refusing global os.system", Refused(pickle));
    }

    [Fact]
    public void PayloadHiddenInsideAStateDictIsRefused()
    {
        byte[] pickle = Pickle(new byte[] { 0x80, 2 }, Ascii("ccollections\nOrderedDict\n"), new byte[] { (byte)')', (byte)'R', (byte)'(' },
            ShortString("rnn.weight_ih_l0"), Ascii("cos\nsystem\n"), ShortString($"touch {Marker}"), new byte[] { 0x85, (byte)'R', (byte)'u', (byte)'.' });

        Assert.Contains("refusing global os.system", Refused(pickle));
    }

    [Fact]
    public void WholeModuleObjectGetsAHintToSaveTheStateDict()
    {
        byte[] pickle = Pickle(new byte[] { 0x80, 2 }, Ascii("ctorch.nn.modules.rnn\nLSTM\n"), new byte[] { (byte)')', 0x81, (byte)'.' });

        Assert.Contains("state_dict()", Refused(pickle));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'i' })]          // INST: imports and calls in one opcode
    [InlineData(new byte[] { (byte)'o' })]          // OBJ
    [InlineData(new byte[] { 0x81 })]               // NEWOBJ
    [InlineData(new byte[] { (byte)'S' })]          // STRING (protocol 0)
    public void OpcodesAStateDictDoesNotUseAreRefused(byte[] opcode)
    {
        Assert.Contains("not one a state_dict pickle uses", Refused(Pickle(new byte[] { 0x80, 2, (byte)')' }, opcode, new byte[] { (byte)'.' })));
    }

    [Fact]
    public void NonTensorValuesAreRefused()
    {
        byte[] pickle = Pickle(new byte[] { 0x80, 2, (byte)'}' }, ShortString("epoch"), new byte[] { (byte)'K', 3, (byte)'s', (byte)'.' });

        Assert.Contains("'epoch'", Refused(pickle));
    }

    [Fact]
    public void ManyMarksAndListsStayBoundedAndAreRefused()
    {
        byte[] pickle = new byte[] { 0x80, 2 }.Concat(Enumerable.Repeat((byte)'(', 10_000)).Concat(Enumerable.Repeat((byte)']', 10_000)).Append((byte)'.').ToArray();

        Assert.Contains("STOP with", Refused(pickle));
    }

    [Fact]
    public void MarksAndListsBeyondTheObjectBudgetAreRefusedByTheBudget()
    {
        // 200,000 objects and marks from a 200 KB pickle: past the budget of 16,384 + A/256 = 78,884 (A = 16,000,000
        // bytes for the default 4,000,000 parameters), which is refused where it runs out, at the 78,885th charge.
        byte[] pickle = new byte[] { 0x80, 2 }.Concat(Enumerable.Repeat((byte)'(', 100_000)).Concat(Enumerable.Repeat((byte)']', 100_000)).Append((byte)'.').ToArray();

        string message = Refused(pickle);

        Assert.Contains("archive/data.pkl offset 78886: needs more pickle objects, memo entries and marks than the import budget allows: more than 78,884", message);
        Assert.Contains("<EdgeLstmMaxParameters>", message);
    }

    [Fact]
    public void UnknownMemoEntryIsRefused()
    {
        Assert.Contains("memo entry 7", Refused(new byte[] { 0x80, 2, (byte)'h', 7, (byte)'.' }));
    }

    [Fact]
    public void TruncatedPickleIsRefused()
    {
        Assert.Contains("truncated", Refused(Pickle(new byte[] { 0x80, 2, (byte)'X', 100, 0, 0, 0 }, Ascii("short"))));
    }
}
