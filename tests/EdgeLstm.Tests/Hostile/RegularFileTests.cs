using System;
using System.IO;
using EdgeLstm.Import;
using Xunit;

namespace EdgeLstm.Tests.Hostile;

/// <summary>
/// Loading from a path reads regular files only. The device, FIFO and /dev/zero cases run in child processes in
/// <see cref="HostileFileTests"/> (a regression there would hang or exhaust this process); here the cases that are
/// safe in-process, and the one that must keep working: a link to a real weight file.
/// </summary>
public sealed class RegularFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("edgelstm-regular-");

    private static string GoldenOnnx => Path.Combine(AppContext.BaseDirectory, "cases", "lstm_i3_h16_dense3", "model.onnx");

    [Fact]
    public void ALinkToARegularWeightFileLoads()
    {
        string link = Path.Combine(_directory.FullName, "linked.onnx");
        File.CreateSymbolicLink(link, GoldenOnnx);

        Assert.Equal(ModelImporter.Load(GoldenOnnx).Layers, ModelImporter.Load(link).Layers);
    }

    [Fact]
    public void ADirectoryIsRefusedAsADirectory()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_directory.FullName, "model.onnx")).FullName;

        var e = Assert.ThrowsAny<ModelFormatException>(() => ReferenceModel.Load(folder));

        Assert.Equal($"{folder}: is a directory, not a weight file; name the file inside it.", e.Message);
    }

    [Fact]
    public void AMissingFileAndADanglingLinkAreNotFound()
    {
        string missing = Path.Combine(_directory.FullName, "missing.onnx");
        string dangling = Path.Combine(_directory.FullName, "dangling.onnx");
        File.CreateSymbolicLink(dangling, missing);

        Assert.Equal($"{missing}: file not found.", Assert.ThrowsAny<ModelFormatException>(() => ModelImporter.Load(missing)).Message);
        Assert.Equal($"{dangling}: file not found.", Assert.ThrowsAny<ModelFormatException>(() => ModelImporter.Load(dangling)).Message);
    }

    [Fact]
    public void ReadFileReturnsTheBytesLoadReads()
        => Assert.Equal(File.ReadAllBytes(GoldenOnnx), ModelImporter.ReadFile(GoldenOnnx));

    public void Dispose() => _directory.Delete(recursive: true);
}
