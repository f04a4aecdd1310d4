namespace System.Runtime.CompilerServices;

// Lets records with init accessors compile for netstandard2.0, where the runtime does not define this type.
internal static class IsExternalInit
{
}
