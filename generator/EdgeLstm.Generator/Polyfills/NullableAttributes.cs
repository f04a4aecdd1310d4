namespace System.Diagnostics.CodeAnalysis;

[System.AttributeUsage(System.AttributeTargets.Parameter)]
internal sealed class NotNullWhenAttribute : System.Attribute
{
    public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

    public bool ReturnValue { get; }
}

[System.AttributeUsage(System.AttributeTargets.Parameter | System.AttributeTargets.Property | System.AttributeTargets.Field | System.AttributeTargets.ReturnValue)]
internal sealed class MaybeNullAttribute : System.Attribute
{
}

[System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Constructor)]
internal sealed class DoesNotReturnAttribute : System.Attribute
{
}
