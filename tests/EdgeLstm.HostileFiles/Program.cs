using System;
using System.IO;
using System.Linq;
using EdgeLstm.HostileFiles;

// See EdgeLstm.HostileFiles.csproj for the commands.
switch (args)
{
    case ["list"]:
        foreach (HostileFile file in HostileCatalog.All) Console.WriteLine($"{file.Name}\t{file.Family}\t{file.Description}");
        return 0;
    case ["write", string directory, .. string[] names]:
        Directory.CreateDirectory(directory);
        foreach (HostileFile file in HostileCatalog.All.Where(f => names.Length == 0 || names.Contains(f.Name)))
        {
            string path = HostileFileWriter.Write(file, directory);
            Console.WriteLine($"{path}\t{(file.Special == SpecialFile.None ? new FileInfo(path).Length.ToString("N0") + " bytes" : file.Special.ToString())}");
        }
        return 0;
    case ["load", string path, .. string[] options]:
        long? max = null;
        int at = Array.IndexOf(options, "--max-parameters");
        if (at >= 0) max = long.Parse(options[at + 1], System.Globalization.CultureInfo.InvariantCulture);
        return LoadProbe.Run(path, max, importOnly: options.Contains("--import-only"));
    case ["load-each", string directory]:
        // Every file of DIR in this process, one line each (outcome, message length), then the longest message: for
        // mutation sweeps over many files, where a process per file would be slow. No heap or time limit of its own.
        int longest = 0, crashed = 0;
        foreach (string path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            (string outcome, string message) = LoadProbe.Outcome(path);
            longest = Math.Max(longest, message.Length);
            if (outcome == "crashed") crashed++;
            Console.WriteLine($"{Path.GetFileName(path)}\t{outcome}\t{message.Length}\t{(message.Length <= 300 ? message : message.Substring(0, 300) + "…").ReplaceLineEndings(" ")}");
        }
        Console.WriteLine($"longest message: {longest} characters; crashed: {crashed}");
        return crashed == 0 ? 0 : 1;
    case ["write-large", string directory]:
        Directory.CreateDirectory(directory);
        foreach ((string name, Func<byte[]> build) in LargeModelFiles.All)
        {
            string path = Path.Combine(directory, name);
            File.WriteAllBytes(path, build());
            Console.WriteLine($"{path}\t{new FileInfo(path).Length:N0} bytes");
        }
        return 0;
    default:
        Console.Error.WriteLine("usage: EdgeLstm.HostileFiles list | write DIR [NAME...] | write-large DIR | load PATH [--max-parameters N] [--import-only] | load-each DIR");
        return 2;
}
