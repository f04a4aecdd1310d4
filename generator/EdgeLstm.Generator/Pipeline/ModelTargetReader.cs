using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EdgeLstm.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeLstm.Generator.Pipeline;

/// <summary>Turns the attributed class symbol into a <see cref="ModelTarget"/>; the only step that sees symbols.</summary>
internal static class ModelTargetReader
{
    private static readonly SymbolDisplayFormat QualifiedName = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>"Outer&lt;T&gt;": the name as a partial declaration repeats it (constraints may be left out).</summary>
    private static readonly SymbolDisplayFormat NameWithTypeParameters = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    public static ModelTarget Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        AttributeData attribute = context.Attributes[0];

        // A missing or null path reads as empty, which is reported as not found.
        string path = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
        var request = new ModelRequest(path, NamedString(attribute, "HeadActivation"), NamedString(attribute, "Nonlinearity"));
        Location? location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()
                             ?? context.TargetNode.GetLocation();

        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        List<INamedTypeSymbol> containing = ContainingTypes(type);
        LanguageVersion language = (context.TargetNode.SyntaxTree.Options as CSharpParseOptions)?.LanguageVersion ?? LanguageVersion.Default;

        return new ModelTarget(
            Namespace: ns,
            ContainingTypes: containing.Select(Declaration).ToArray(),
            ContainingTypeNames: containing.Select(t => t.Name).ToArray(),
            ClassName: type.Name,
            Declaration: Declaration(type),
            IsStatic: type.IsStatic,
            DisplayName: type.ToDisplayString(QualifiedName),
            HintName: HintName(type),
            Model: request,
            NonPartialType: FirstNonPartial(type, containing, cancellationToken),
            UnsupportedReason: UnsupportedReason(type, containing),
            LanguageVersion: language,
            Location: LocationInfo.From(location),
            Streams: NamedInt(attribute, "Streams") ?? 1);
    }

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value as string;
            }
        }
        return null;
    }

    private static int? NamedInt(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value as int?;
            }
        }
        return null;
    }

    /// <summary>Outermost first.</summary>
    private static List<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        var result = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? t = type.ContainingType; t is not null; t = t.ContainingType)
        {
            result.Insert(0, t);
        }
        return result;
    }

    private static string Declaration(INamedTypeSymbol type)
    {
        string kind = type.TypeKind switch
        {
            TypeKind.Struct when type.IsRecord => "record struct",
            TypeKind.Struct => "struct",
            TypeKind.Interface => "interface",
            _ when type.IsRecord => "record",
            _ => "class",
        };
        // 'static' may be repeated on every part; leaving it out of one part is allowed too, but repeating it keeps
        // the generated part valid whatever the user wrote on theirs.
        string modifiers = type.IsStatic ? "static partial" : "partial";
        return $"{modifiers} {kind} {type.ToDisplayString(NameWithTypeParameters)}";
    }

    private static string? FirstNonPartial(INamedTypeSymbol type, List<INamedTypeSymbol> containing, CancellationToken cancellationToken)
    {
        foreach (INamedTypeSymbol t in containing.Concat(new[] { type }))
        {
            if (!IsPartial(t, cancellationToken))
            {
                return t.ToDisplayString(QualifiedName);
            }
        }
        return null;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration &&
                declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }
        return false;
    }

    private static string? UnsupportedReason(INamedTypeSymbol type, List<INamedTypeSymbol> containing)
    {
        // IsGenericType is also true for a type nested in a generic one; Arity counts only its own type parameters.
        if (type.Arity > 0)
        {
            return "it is generic (a model's weights and sizes are fixed, so there is nothing to vary)";
        }
        INamedTypeSymbol? genericOuter = containing.FirstOrDefault(t => t.Arity > 0);
        if (genericOuter is not null)
        {
            return $"it is nested in the generic type '{genericOuter.ToDisplayString(QualifiedName)}'";
        }
        if (type.IsStatic)
        {
            return "it is static (a model holds its recurrent state in an instance)";
        }
        if (type.IsRecord)
        {
            return "it is a record";
        }
        if (type.IsAbstract)
        {
            return "it is abstract (a model is an instance that holds its recurrent state)";
        }
        if (!HasAccessibleParameterlessConstructor(type))
        {
            return "it has no public or internal parameterless constructor (a model starts from the zero state, and code that runs models creates them with new())";
        }
        return null;
    }

    /// <summary>True for an implicit default constructor or a declared one without parameters that the assembly can call.</summary>
    private static bool HasAccessibleParameterlessConstructor(INamedTypeSymbol type)
        => type.InstanceConstructors.Any(c => c.Parameters.Length == 0 &&
            c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal);

    /// <summary>"Namespace.Outer.Inner.g.cs": unique per type, and readable in the obj folder and the IDE.</summary>
    private static string HintName(INamedTypeSymbol type)
    {
        string name = type.ToDisplayString(QualifiedName);
        var chars = name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_').ToArray();
        return new string(chars) + ".g.cs";
    }
}
