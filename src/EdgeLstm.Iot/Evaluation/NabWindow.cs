using System;

namespace EdgeLstm.Iot.Evaluation;

/// <summary>A labelled anomaly window of a NAB data file, inclusive at both ends.</summary>
public readonly record struct NabWindow(DateTime Start, DateTime End);
