using System;
using System.IO;
using System.Threading.Tasks;
using EdgeLstm.Evaluation.Nab;
using EdgeLstm.Import;
using EdgeLstm.Iot.Detection;
using EdgeLstm.Model;

namespace EdgeLstm.TrainTrack;

/// <summary>Runs the device's detector over every NAB file with that file's model and writes NAB results files.</summary>
internal static class TrackRunner
{
    /// <param name="corpus">The labelled NAB files.</param>
    /// <param name="modelFor">The weight file for a data file (its trained model, or one model for all).</param>
    /// <param name="resultsDirectory">Where <c>&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c> go.</param>
    /// <param name="detectorName">The detector's name in the results files.</param>
    public static void Run(NabCorpus corpus, Func<NabDataFile, string> modelFor, string resultsDirectory, string detectorName)
    {
        Parallel.For(0, corpus.Files.Count, f =>
        {
            NabDataFile file = corpus.Files[f];
            NetworkModel core = ReferenceFeatures.CoreOf(ModelImporter.Load(modelFor(file)));
            double[] scores = Score(file, core);
            NabResultsFolder.Write(NabResultsFolder.PathFor(resultsDirectory, file, detectorName), file, scores);
        });
    }

    /// <summary>Every row's score, as `MachineMonitor --source csv --input FILE --scores` computes it (non-finite as 0).</summary>
    public static double[] Score(NabDataFile file, NetworkModel core)
    {
        DetectorOptions options = DeviceDetector.Options(file.Length);
        var detector = new AnomalyDetector<ReferenceFeatures>(new ReferenceFeatures(core), new ReferenceFeatures(core), options);
        var scores = new double[file.Length];
        Span<float> sample = stackalloc float[1];
        for (int i = 0; i < scores.Length; i++)
        {
            sample[0] = (float)file.Values[i];
            double score = detector.Process(sample, new DateTimeOffset(file.Timestamps[i], TimeSpan.Zero)).Score;
            scores[i] = double.IsFinite(score) ? score : 0.0;
        }
        return scores;
    }
}
