using System;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace EdgeLstm.Generator.Tests.Pipeline;

/// <summary>An AdditionalFile held in memory; counts reads so that tests can check which files the generator opened.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText? _text;
    private readonly Exception? _failure;
    private int _reads;

    public InMemoryAdditionalText(string path, string? content, Exception? failure = null)
    {
        Path = path;
        _text = content is null ? null : SourceText.From(content, Encoding.UTF8);
        _failure = failure;
    }

    public override string Path { get; }

    /// <summary>How many times the generator asked for the content.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public override SourceText? GetText(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        if (_failure is not null)
        {
            throw _failure;
        }
        return _text;
    }
}
