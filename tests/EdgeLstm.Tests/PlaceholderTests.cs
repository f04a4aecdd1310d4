using Xunit;

namespace EdgeLstm.Tests;

// PLACEHOLDER: removed when the project gets its real tests.
public sealed class PlaceholderTests
{
    [Fact]
    public void ProjectBuilds() => Assert.True(typeof(PlaceholderTests).Assembly.GetName().Name == "EdgeLstm.Tests");
}
