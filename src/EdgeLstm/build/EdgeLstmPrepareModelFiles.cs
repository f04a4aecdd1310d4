// The EdgeLstm build step (compiled by MSBuild's RoslynCodeTaskFactory from build/EdgeLstm.targets, against
// netstandard2.0, so newer .NET APIs are reached by reflection where they help). It hands the compiler a text form of
// each weight file a [RecurrentModel] attribute names, rewritten only when the file's content changed, and tells the
// generator, through item metadata, why a named file could not be prepared. See docs/build-integration.md.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class EdgeLstmPrepareModelFiles : Task
{
    // Metadata the generator reads (build/EdgeLstm.props makes them compiler-visible).
    private const string SourceFileMetadata = "EdgeLstmSourceFile";
    private const string EncodingMetadata = "EdgeLstmEncoding";
    private const string ProblemMetadata = "EdgeLstmProblem";
    private const string ProblemDetailMetadata = "EdgeLstmProblemDetail";

    private static readonly string[] WeightExtensions = { ".onnx", ".safetensors", ".pt", ".pth", ".json" };

    // [RecurrentModel("path")], [EdgeLstm.RecurrentModelAttribute(path: @"path")], [RecurrentModel("""path""")]: the
    // attribute's path as a string literal. A path given any other way (a constant, an interpolation) is not seen here;
    // docs/build-integration.md says to list such a file as an item, and ELSTM001 says so too.
    private static readonly Regex AttributePath = new Regex(
        "\\bRecurrentModel(?:Attribute)?\\s*\\(\\s*(?:path\\s*:\\s*)?" +
        "(?:(?<raw>\"{3,})(?<rawText>[^\\r\\n]*?)\\k<raw>|@\"(?<verbatim>(?:[^\"]|\"\")*)\"|\"(?<regular>(?:[^\"\\\\\\r\\n]|\\\\.)*)\")",
        RegexOptions.CultureInvariant);

    [Required]
    public string ProjectDirectory { get; set; }

    [Required]
    public string IntermediateDirectory { get; set; }

    public ITaskItem[] Sources { get; set; }

    public ITaskItem[] WeightFiles { get; set; }

    public ITaskItem[] JsonModelFiles { get; set; }

    [Required]
    public long MaxFileBytes { get; set; }

    [Output]
    public ITaskItem[] ModelFiles { get; set; }

    [Output]
    public ITaskItem[] WrittenFiles { get; set; }

    public override bool Execute()
    {
        var outputs = new List<ITaskItem>();
        var written = new List<string>();
        try
        {
            Directory.CreateDirectory(IntermediateDirectory);
            HashSet<string> named = FindNamedPaths();
            Dictionary<string, ListedFile> listed = ListedFiles();

            foreach (ListedFile file in listed.Values.OrderBy(f => f.FullPath, StringComparer.Ordinal))
            {
                // A file the default globs found costs nothing unless an attribute names it; one the project lists is the user's choice.
                if (file.IsDefaultItem && !named.Contains(file.FullPath))
                {
                    continue;
                }
                outputs.Add(Prepare(file, written));
            }
            foreach (string path in named.OrderBy(p => p, StringComparer.Ordinal))
            {
                if (!listed.ContainsKey(path))
                {
                    ITaskItem marker = Unlisted(path, written);
                    if (marker != null) outputs.Add(marker);
                }
            }
            RemoveStaleFiles(written);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            Log.LogError(null, "ELSTM100", null, IntermediateDirectory, 0, 0, 0, 0,
                "EdgeLstm could not write the model files for the source generator under '{0}': {1}", IntermediateDirectory, e.Message);
        }
        ModelFiles = outputs.ToArray();
        WrittenFiles = written.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
        return !Log.HasLoggedErrors;
    }

    /// <summary>Full paths of the files that [RecurrentModel] string literals in the project's sources name.</summary>
    private HashSet<string> FindNamedPaths()
    {
        var paths = new HashSet<string>(PathComparer);
        foreach (ITaskItem source in Sources ?? new ITaskItem[0])
        {
            string file = source.GetMetadata("FullPath");
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                continue; // the compiler reports an unreadable source itself
            }
            if (text.IndexOf("RecurrentModel", StringComparison.Ordinal) < 0)
            {
                continue;
            }
            foreach (Match match in AttributePath.Matches(text))
            {
                string literal = match.Groups["raw"].Success ? match.Groups["rawText"].Value
                    : match.Groups["verbatim"].Success ? match.Groups["verbatim"].Value.Replace("\"\"", "\"")
                    : Unescape(match.Groups["regular"].Value);
                string full = Resolve(literal);
                if (full != null) paths.Add(full);
            }
        }
        return paths;
    }

    /// <summary>The attribute's path against the project folder, as the generator resolves it; null when it cannot name a file.</summary>
    private string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        try
        {
            string portable = Path.DirectorySeparatorChar == '/' ? path.Replace('\\', '/') : path;
            return Path.GetFullPath(Path.Combine(ProjectDirectory, portable));
        }
        catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
        {
            return null;
        }
    }

    private Dictionary<string, ListedFile> ListedFiles()
    {
        var files = new Dictionary<string, ListedFile>(PathComparer);
        foreach (var group in new[] { Tuple.Create(WeightFiles, "base64"), Tuple.Create(JsonModelFiles, "text") })
        {
            foreach (ITaskItem item in group.Item1 ?? new ITaskItem[0])
            {
                string full = item.GetMetadata("FullPath");
                bool isDefault = string.Equals(item.GetMetadata("EdgeLstmDefaultItem"), "true", StringComparison.OrdinalIgnoreCase);
                ListedFile existing;
                if (files.TryGetValue(full, out existing))
                {
                    existing.IsDefaultItem &= isDefault; // listed by hand as well: always prepared
                    continue;
                }
                files[full] = new ListedFile { FullPath = full, Encoding = group.Item2, IsDefaultItem = isDefault };
            }
        }
        return files;
    }

    /// <summary>The text form of one listed file (written only when its content changed), or a marker saying why there is none.</summary>
    private ITaskItem Prepare(ListedFile file, List<string> written)
    {
        string stem = TextFileStem(file.FullPath);
        Problem problem = Inspect(file.FullPath);
        if (problem != null)
        {
            return Marker(file.FullPath, stem, problem, written);
        }

        string textFile = stem + (file.Encoding == "base64" ? ".b64" : ".json");
        string stampFile = textFile + ".stamp";
        try
        {
            string stamp = File.Exists(stampFile) && File.Exists(textFile) ? File.ReadAllText(stampFile) : null;
            if (stamp == null || stamp != Stamp(HashContent(file.FullPath), file.Encoding))
            {
                string hash = WriteTextForm(file.FullPath, textFile, file.Encoding == "base64");
                File.WriteAllText(stampFile, Stamp(hash, file.Encoding));
                Log.LogMessage(MessageImportance.Normal, file.Encoding == "base64"
                    ? "EdgeLstm: encoded weight file '{0}' for the source generator -> '{1}'"
                    : "EdgeLstm: copied JSON model '{0}' for the source generator -> '{1}'", file.FullPath, textFile);
            }
            else
            {
                Log.LogMessage(MessageImportance.Low, "EdgeLstm: '{0}' is unchanged ({1})", file.FullPath, stamp);
            }
        }
        catch (TooLargeException e)
        {
            return Marker(file.FullPath, stem, new Problem("too-large", e.Message), written);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // Most likely the weight file (gone, locked, not readable); if obj/ itself cannot be written, writing the
            // marker fails too and the build stops with ELSTM100.
            return Marker(file.FullPath, stem, new Problem("unreadable", e.Message), written);
        }
        written.Add(textFile);
        written.Add(stampFile);
        var item = new TaskItem(textFile);
        item.SetMetadata(SourceFileMetadata, file.FullPath);
        item.SetMetadata(EncodingMetadata, file.Encoding);
        return item;
    }

    /// <summary>A marker for a named file that is not a listed model file (a folder, or a file outside the project or excluded from it); null when it does not exist.</summary>
    private ITaskItem Unlisted(string path, List<string> written)
    {
        string stem = TextFileStem(path);
        if (Directory.Exists(path))
        {
            return Marker(path, stem, new Problem("directory", WeightFilesInside(path)), written);
        }
        if (!File.Exists(path))
        {
            return null; // the generator says where it looked
        }
        string projectFolder = Path.GetFullPath(ProjectDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!path.StartsWith(projectFolder, PathComparison))
        {
            return Marker(path, stem, new Problem("outside", string.Empty), written);
        }
        string extension = Path.GetExtension(path);
        string reason = !WeightExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase)
            ? "its extension is not .onnx, .safetensors, .pt, .pth or .json"
            : "the project leaves it out of its model files (bin/ and obj/, the SDK's DefaultItemExcludes, a Remove, or EdgeLstmEnableDefault*Files set to false)";
        return Marker(path, stem, new Problem("not-listed", reason), written);
    }

    /// <summary>
    /// Why a listed file cannot be read, decided without opening it, or null. A device, FIFO or socket (also behind a
    /// symbolic link, such as one to /dev/zero) reports no length; reading one can block the build or never end.
    /// </summary>
    private Problem Inspect(string path)
    {
        try
        {
            string target = path;
            string link = string.Empty;
            var info = new FileInfo(path);
            if ((info.Attributes & FileAttributes.ReparsePoint) != 0 && (target = FinalLinkTarget(path)) != path)
            {
                link = target; // FileInfo describes the link itself; its target decides
            }
            if (Directory.Exists(target))
            {
                return new Problem("directory", WeightFilesInside(target));
            }
            var file = new FileInfo(target);
            if (!file.Exists)
            {
                return new Problem("unreadable", link.Length > 0 ? "it is a symbolic link to '" + link + "', which does not exist" : "it does not exist");
            }
            if (file.Length == 0)
            {
                return new Problem("not-regular", link);
            }
            if (file.Length > MaxFileBytes)
            {
                return new Problem("too-large", file.Length + " " + MaxFileBytes);
            }
            return null;
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return new Problem("unreadable", e.Message);
        }
    }

    /// <summary>The end of a chain of symbolic links (File.ResolveLinkTarget, .NET 6 and later), or the path itself.</summary>
    private static string FinalLinkTarget(string path)
    {
        MethodInfo resolve = typeof(File).GetMethod("ResolveLinkTarget", new[] { typeof(string), typeof(bool) });
        if (resolve == null) return path;
        try
        {
            var target = (FileSystemInfo)resolve.Invoke(null, new object[] { path, true });
            return target == null ? path : target.FullName;
        }
        catch (TargetInvocationException e) when (e.InnerException is IOException)
        {
            throw (IOException)e.InnerException; // a loop of links
        }
    }

    private static string WeightFilesInside(string folder)
    {
        try
        {
            return string.Join(", ", Directory.EnumerateFiles(folder)
                .Where(f => WeightExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Select(Path.GetFileName)
                // Binary weight formats first: a folder's .json files are as often configuration as models.
                .OrderBy(n => Array.FindIndex(WeightExtensions, e => string.Equals(e, Path.GetExtension(n), StringComparison.OrdinalIgnoreCase)))
                .ThenBy(n => n, StringComparer.Ordinal)
                .Take(6));
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>SHA-256 of the file, reading at most <see cref="MaxFileBytes"/> bytes.</summary>
    private string HashContent(string path)
    {
        using (FileStream input = OpenRead(path))
        using (IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            Copy(path, input, hash, null);
            return Hex(hash.GetHashAndReset());
        }
    }

    /// <summary>Writes the text form through a temporary file (an interrupted build never leaves a truncated one); returns the hash of what it read.</summary>
    private string WriteTextForm(string path, string textFile, bool base64)
    {
        string temporary = textFile + ".tmp";
        string result;
        using (FileStream input = OpenRead(path))
        using (IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            FileStream output = File.Create(temporary);
            using (Stream sink = base64 ? new CryptoStream(output, new ToBase64Transform(), CryptoStreamMode.Write) : (Stream)output)
            {
                Copy(path, input, hash, sink);
            }
            result = Hex(hash.GetHashAndReset());
        }
        if (File.Exists(textFile)) File.Delete(textFile);
        File.Move(temporary, textFile);
        return result;
    }

    private static FileStream OpenRead(string path)
        => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    /// <summary>Streams the file into the hash (and the sink), refusing it as soon as it holds more than the limit (it may grow while read).</summary>
    private void Copy(string path, Stream input, IncrementalHash hash, Stream sink)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > MaxFileBytes)
            {
                throw new TooLargeException("more-than " + MaxFileBytes);
            }
            hash.AppendData(buffer, 0, read);
            if (sink != null) sink.Write(buffer, 0, read);
        }
    }

    private ITaskItem Marker(string sourceFile, string stem, Problem problem, List<string> written)
    {
        // A small file the generator never reads: the compiler needs a file behind every AdditionalFile. Written only
        // when its text changes, so that a repeated build does not make the compiler run again.
        string markerFile = stem + ".problem";
        string text = problem.Kind + ": " + problem.Detail;
        if (!File.Exists(markerFile) || File.ReadAllText(markerFile) != text)
        {
            File.WriteAllText(markerFile, text);
        }
        written.Add(markerFile);
        var item = new TaskItem(markerFile);
        item.SetMetadata(SourceFileMetadata, sourceFile);
        item.SetMetadata(EncodingMetadata, "problem");
        item.SetMetadata(ProblemMetadata, problem.Kind);
        item.SetMetadata(ProblemDetailMetadata, problem.Detail.Replace('\r', ' ').Replace('\n', ' '));
        Log.LogMessage(MessageImportance.Normal, "EdgeLstm: '{0}' is not handed to the source generator ({1})", sourceFile, text);
        return item;
    }

    /// <summary>Deletes what earlier builds wrote (and interrupted ones left) for files no longer named or listed.</summary>
    private void RemoveStaleFiles(List<string> written)
    {
        var keep = new HashSet<string>(written, PathComparer);
        string[] ours = { ".b64", ".json", ".stamp", ".problem", ".tmp" };
        foreach (string file in Directory.EnumerateFiles(IntermediateDirectory))
        {
            if (!keep.Contains(Path.GetFullPath(file)) && ours.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>obj/edgelstm/&lt;file name&gt;.&lt;hash of the full path&gt;: equal names in different folders do not collide.</summary>
    private string TextFileStem(string fullPath)
    {
        using (SHA256 sha = SHA256.Create())
        {
            string key = Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(fullPath))).Substring(0, 12);
            return Path.Combine(IntermediateDirectory, Path.GetFileName(fullPath) + "." + key);
        }
    }

    private static string Stamp(string hash, string encoding) => "sha256 " + hash + " " + encoding + " v1";

    private static string Hex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (byte b in bytes) text.Append(b.ToString("x2"));
        return text.ToString();
    }

    private static string Unescape(string literal)
    {
        if (literal.IndexOf('\\') < 0) return literal;
        var text = new StringBuilder(literal.Length);
        for (int i = 0; i < literal.Length; i++)
        {
            char c = literal[i];
            if (c != '\\' || i + 1 >= literal.Length)
            {
                text.Append(c);
                continue;
            }
            char e = literal[++i];
            switch (e)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case '0': text.Append('\0'); break;
                case 'u':
                case 'x':
                case 'U':
                    int digits = e == 'U' ? 8 : 4;
                    int start = i + 1, end = start;
                    while (end < literal.Length && end - start < digits && Uri.IsHexDigit(literal[end])) end++;
                    if (end > start) text.Append(char.ConvertFromUtf32(Convert.ToInt32(literal.Substring(start, end - start), 16)));
                    i = end - 1;
                    break;
                default: text.Append(e); break; // \\ \" \' and the rest stand for themselves here
            }
        }
        return text.ToString();
    }

    private static StringComparison PathComparison
        => Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static StringComparer PathComparer
        => Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private sealed class ListedFile
    {
        public string FullPath;
        public string Encoding;
        public bool IsDefaultItem;
    }

    private sealed class Problem
    {
        public Problem(string kind, string detail)
        {
            Kind = kind;
            Detail = detail ?? string.Empty;
        }

        public string Kind { get; private set; }

        public string Detail { get; private set; }
    }

    private sealed class TooLargeException : Exception
    {
        public TooLargeException(string message) : base(message)
        {
        }
    }
}
