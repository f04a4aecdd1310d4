#!/usr/bin/env bash
# The body of `./build.sh bench`: builds the benchmark app in Release, checks that EdgeLstm's generated code, its
# reference implementation and ONNX Runtime compute the same outputs, runs the short BenchmarkDotNet configuration
# (about 80 cases, in-process, MemoryDiagnoser) and writes docs/benchmarks/results.md and step-latency.png.
# Extra arguments go to the app: --dry (smoke test), --verify-only, --filter '<glob>'.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cd "$ROOT"
start=$SECONDS
echo "==> dotnet build tests/EdgeLstm.Benchmarks -c $CONFIGURATION"
dotnet build tests/EdgeLstm.Benchmarks -c "$CONFIGURATION" --nologo -warnaserror -v quiet

echo "==> benchmarks (results under docs/benchmarks/)"
dotnet "tests/EdgeLstm.Benchmarks/bin/$CONFIGURATION/net10.0/EdgeLstm.Benchmarks.dll" \
  --output "$ROOT/docs/benchmarks" --artifacts "$ROOT/artifacts/benchmarks" "$@"
echo "bench: $((SECONDS - start)) s in total"
