using System;
using EdgeLstm.Nab;

return NabCommandLine.Run(args, Console.Out, Console.Error);
