using System;
using System.CommandLine;
using System.IO;
using EdgeLstm.Evaluation.Nab;
using EdgeLstm.TrainTrack;

// edgelstm-train-track --data tests/data/nab (--models DIR | --model FILE) --results DIR [--detector NAME]
var data = new Option<string>("--data") { Description = "The NAB data folder (windows.json and the series).", DefaultValueFactory = _ => "tests/data/nab" };
var models = new Option<string>("--models") { Description = "Per-file models: DIR/<category>/<file>.safetensors, as run.sh trains them." };
var model = new Option<string>("--model") { Description = "One model for every file instead (the shipped core: the default configuration)." };
var results = new Option<string>("--results") { Description = "Where to write NAB results files.", Required = true };
var name = new Option<string>("--detector") { Description = "The detector's name in the results files.", DefaultValueFactory = _ => "trained" };
var root = new RootCommand("NAB's train-per-machine track: the device's detector (LearnedReadout, one configuration) over every labelled NAB file, " +
    "with each file's own recurrent core (its head and standardisation dropped); writes <category>/<detector>_<file>.csv for edgelstm-nab.")
{
    data, models, model, results, name,
};
root.Validators.Add(r =>
{
    if ((r.GetResult(models) is null) == (r.GetResult(model) is null)) r.AddError("give --models DIR or --model FILE.");
});
root.SetAction(parse =>
{
    var corpus = NabCorpus.Load(parse.GetValue(data)!);
    string? folder = parse.GetValue(models);
    string? single = parse.GetValue(model);
    Func<NabDataFile, string> modelFor = single is not null
        ? _ => single
        : file => Path.Combine(folder!, Path.ChangeExtension(file.Name, ".safetensors"));
    TrackRunner.Run(corpus, modelFor, parse.GetValue(results)!, parse.GetValue(name)!);
    Console.Error.WriteLine($"results: {corpus.Files.Count} files under {parse.GetValue(results)}");
    return 0;
});
return root.Parse(args).Invoke();
