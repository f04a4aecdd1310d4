using System;
using System.Globalization;
using HelloLstm;

// One time step of a generated LSTM: no model file is read at run time, the weights are part of the binary.
var model = new HelloModel();
Span<float> input = stackalloc float[HelloModel.InputSize];
Span<float> output = stackalloc float[HelloModel.OutputSize];
for (int i = 0; i < input.Length; i++)
{
    input[i] = 0.1f * (i + 1);
}

model.Step(input, output);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"HelloLstm: {HelloModel.InputSize} inputs -> {HelloModel.OutputSize} outputs; h[0..3] = {output[0]:F6} {output[1]:F6} {output[2]:F6} {output[3]:F6}"));
