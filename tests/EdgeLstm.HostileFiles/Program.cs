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
    case ["load", string path]:
        return LoadProbe.Run(path, null);
    case ["load", string path, "--max-parameters" or "max-parameters", string max]:
        return LoadProbe.Run(path, long.Parse(max, System.Globalization.CultureInfo.InvariantCulture));
    default:
        Console.Error.WriteLine("usage: EdgeLstm.HostileFiles list | write DIR [NAME...] | load PATH [--max-parameters N]");
        return 2;
}
