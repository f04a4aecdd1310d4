#!/usr/bin/env bash
# The MachineMonitor demo: build the sample (the EdgeLstm generator turns models/machine.onnx into C# during the
# build), replay NAB series through it as the device would read a sensor (CSV source, no pacing), and put the
# anomalies it logs beside NAB's labelled windows with the NAB standard-profile score.
#   firmware-samples/MachineMonitor/demo.sh            (from anywhere; ./build.sh demo calls it)
# CONFIGURATION (default Release) selects the build configuration.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
NAB="$ROOT/tests/data/nab"
# The series the model was trained on (its normal start only), and two it has never seen.
SERIES=(
  artificialWithAnomaly/art_daily_jumpsup.csv
  realKnownCause/ec2_request_latency_system_failure.csv
  artificialWithAnomaly/art_increase_spike_density.csv
)

echo "==> dotnet build firmware-samples/MachineMonitor -c $CONFIGURATION"
dotnet build "$HERE/MachineMonitor.csproj" -c "$CONFIGURATION" --nologo -v quiet -warnaserror
APP="$HERE/bin/$CONFIGURATION/net10.0/MachineMonitor"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for series in "${SERIES[@]}"; do
  events="$WORK/$(basename "$series" .csv).jsonl"
  echo
  echo "==> MachineMonitor --source csv --input tests/data/nab/$series --rate 0 --events $(basename "$events")"
  # Events stream to stdout as JSON lines; only the summary (stderr) is shown here, the table below reads the log.
  "$APP" --source csv --input "$NAB/$series" --rate 0 --events "$events" >/dev/null
  "$APP" report --events "$events" --input "$NAB/$series" --data "$NAB"
done
