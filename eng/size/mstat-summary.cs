// Where the bytes of a Native AOT executable go, from the .mstat file ILCompiler writes with
// -p:IlcGenerateMstatFile=true (obj/<config>/<tfm>/<rid>/native/<app>.mstat).
//   dotnet run eng/size/mstat-summary.cs -- APP.mstat [top-N] [namespace-prefix]
// Prints the compiled size (type structures + method code, gc info and unwind data, + frozen blobs) per assembly,
// per namespace and per type, largest first; with a namespace prefix, only the types under it.
//
// The .mstat file is an ECMA-335 assembly whose global methods "Types", "Methods" (and "Blobs") are IL sequences:
//   Types:   ldtoken <TypeRef|TypeSpec>  ldc.i4 size  [ldc.i4 node-id]
//   Methods: ldtoken <MemberRef|MethodSpec>  ldc.i4 code  ldc.i4 gc-info  ldc.i4 eh/unwind  [ldc.i4 node-id]
//   RvaFields: ldtoken <MemberRef of a field>  ldc.i4 size  ldc.i4 node-id
//   FrozenObjects: ldtoken <type>  ldc.i4 size  ldc.i4 node-id  (ldtoken <owner> | ldc.i4.0)
//   Blobs:   ldstr name  ldc.i4 size
// (format version in the assembly version; node ids from 2.0 on). Sizes are what ILCompiler emitted for the node;
// they do not include reflection metadata or the native runtime, so the totals are below the file size.
#:property TreatWarningsAsErrors=false
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: mstat-summary.cs APP.mstat [top-N] [namespace-prefix]");
    return 2;
}

int top = args.Length > 1 ? int.Parse(args[1]) : 25;
string? prefix = args.Length > 2 ? args[2] : null;

using var pe = new PEReader(File.OpenRead(args[0]));
MetadataReader md = pe.GetMetadataReader();
int version = md.GetAssemblyDefinition().Version.Major;

var byType = new Dictionary<(string Assembly, string Namespace, string Type), long>();
long typeBytes = 0, methodBytes = 0, dataBytes = 0, blobBytes = 0;
var blobs = new Dictionary<string, long>();

foreach (var (token, size) in Entries("Types", sizesPerEntry: 1))
{
    typeBytes += size;
    Add(OwnerOfType(token), size);
}

foreach (var (token, size) in Entries("Methods", sizesPerEntry: 3))
{
    methodBytes += size;
    EntityHandle member = token.Kind == HandleKind.MethodSpecification
        ? md.GetMethodSpecification((MethodSpecificationHandle)token).Method
        : token;
    Add(OwnerOfType(md.GetMemberReference((MemberReferenceHandle)member).Parent), size);
}

// Static data (RVA fields: lookup tables, UTF-8 literals) is charged to the field's type.
if (HasGlobalMethod("RvaFields"))
{
    foreach (var (token, size) in Entries("RvaFields", sizesPerEntry: 1))
    {
        dataBytes += size;
        Add(OwnerOfType(md.GetMemberReference((MemberReferenceHandle)token).Parent), size);
    }
}

// Objects preallocated in the image (static readonly arrays and strings) are charged to their own type: a string
// table shows up under System.String, an array of units under its element type.
if (HasGlobalMethod("FrozenObjects"))
{
    foreach (var (token, size) in Entries("FrozenObjects", sizesPerEntry: 1, trailing: 2))
    {
        dataBytes += size;
        Add(OwnerOfType(token), size);
    }
}

if (HasGlobalMethod("Blobs"))
{
    var il = Body("Blobs");
    while (il.RemainingBytes > 0)
    {
        if (il.ReadByte() != 0x72) throw new InvalidDataException("Blobs: expected ldstr");
        string name = md.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF));
        long size = ReadI4(ref il);
        blobBytes += size;
        blobs[name] = blobs.GetValueOrDefault(name) + size;
    }
}

var selected = byType.Where(kv => prefix is null || kv.Key.Namespace.StartsWith(prefix, StringComparison.Ordinal)).ToList();
Console.WriteLine($"{args[0]}: types {typeBytes:N0}, methods {methodBytes:N0}, data {dataBytes:N0}, blobs {blobBytes:N0}, total {typeBytes + methodBytes + dataBytes + blobBytes:N0} bytes"
    + (prefix is null ? "" : $"; under '{prefix}': {selected.Sum(kv => kv.Value):N0}"));
Print("assembly", selected.GroupBy(kv => kv.Key.Assembly));
Print("namespace", selected.GroupBy(kv => $"{kv.Key.Namespace}  [{kv.Key.Assembly}]"));
Print("type", selected.GroupBy(kv => $"{kv.Key.Namespace}.{kv.Key.Type}  [{kv.Key.Assembly}]"));
if (prefix is null && blobs.Count > 0)
{
    Console.WriteLine($"\n-- largest blobs");
    foreach (var (name, size) in blobs.OrderByDescending(b => b.Value).Take(top)) Console.WriteLine($"{size,12:N0}  {name}");
}
return 0;

void Print(string title, IEnumerable<IGrouping<string, KeyValuePair<(string Assembly, string Namespace, string Type), long>>> groups)
{
    Console.WriteLine($"\n-- by {title}");
    foreach (var g in groups.Select(g => (g.Key, Size: g.Sum(kv => kv.Value))).OrderByDescending(g => g.Size).Take(top))
        Console.WriteLine($"{g.Size,12:N0}  {g.Key}");
}

void Add((string, string, string) owner, long size) => byType[owner] = byType.GetValueOrDefault(owner) + size;

IEnumerable<(EntityHandle Token, long Size)> Entries(string method, int sizesPerEntry, int trailing = 1)
{
    var list = new List<(EntityHandle, long)>();
    var il = Body(method);
    while (il.RemainingBytes > 0)
    {
        if (il.ReadByte() != 0xD0) throw new InvalidDataException($"{method}: expected ldtoken at {il.Offset - 1}");
        var token = MetadataTokens.EntityHandle(il.ReadInt32());
        long size = 0;
        for (int i = 0; i < sizesPerEntry; i++) size += ReadI4(ref il, method);
        if (version >= 2) ReadI4(ref il, method); // node id
        if (trailing > 1)
        {
            // FrozenObjects: the owner (ldtoken of the type whose static field holds the object) or ldc.i4.0.
            if (il.ReadByte() == 0xD0) il.ReadInt32();
        }
        list.Add((token, size));
    }
    return list;
}

// The assembly, namespace and outermost type a type token stands for (generic instantiations and arrays are charged
// to their generic definition or element type; primitive-only specs to System.Private.CoreLib).
(string Assembly, string Namespace, string Type) OwnerOfType(EntityHandle handle)
{
    if (handle.Kind == HandleKind.TypeSpecification)
    {
        var blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
        while (true)
        {
            var code = blob.ReadSignatureTypeCode();
            if (code is SignatureTypeCode.GenericTypeInstance or SignatureTypeCode.SZArray or SignatureTypeCode.Pointer
                or SignatureTypeCode.ByReference or SignatureTypeCode.Array)
                continue;
            if (code == SignatureTypeCode.TypeHandle) { handle = blob.ReadTypeHandle(); break; }
            return ("System.Private.CoreLib", "System", code.ToString());
        }
    }

    var typeRef = md.GetTypeReference((TypeReferenceHandle)handle);
    string name = md.GetString(typeRef.Name);
    while (typeRef.ResolutionScope.Kind == HandleKind.TypeReference)
    {
        typeRef = md.GetTypeReference((TypeReferenceHandle)typeRef.ResolutionScope);
        name = md.GetString(typeRef.Name);
    }

    string assembly = typeRef.ResolutionScope.Kind == HandleKind.AssemblyReference
        ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)typeRef.ResolutionScope).Name)
        : "?";
    return (assembly, md.GetString(typeRef.Namespace), name);
}

bool HasGlobalMethod(string name) => GlobalMethod(name) is not null;

MethodDefinition? GlobalMethod(string name)
{
    var global = md.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1));
    foreach (var h in global.GetMethods())
    {
        var m = md.GetMethodDefinition(h);
        if (md.StringComparer.Equals(m.Name, name)) return m;
    }
    return null;
}

BlobReader Body(string name) =>
    pe.GetMethodBody(GlobalMethod(name)?.RelativeVirtualAddress ?? throw new InvalidDataException($"no global method {name}")).GetILReader();

static int ReadI4(ref BlobReader il, string where = "Blobs")
{
    byte op = il.ReadByte();
    return op switch
    {
        0x20 => il.ReadInt32(),                // ldc.i4
        0x1F => il.ReadSByte(),                // ldc.i4.s
        >= 0x16 and <= 0x1E => op - 0x16,      // ldc.i4.0 .. ldc.i4.8
        0x15 => -1,                            // ldc.i4.m1
        _ => throw new InvalidDataException($"{where}: expected ldc.i4 at {il.Offset - 1}, found opcode 0x{op:X2}"),
    };
}
