#!/usr/bin/env bash
# The MachineMonitor demo: build the sample (the EdgeLstm generator turns models/machine_features.safetensors into C#
# during the build), replay NAB series through it as the device would read a sensor (CSV source, no pacing: it learns
# each series during NAB's probationary period, then detects), put the anomalies it logs beside NAB's labelled windows
# with the NAB standard-profile score, and end with one line over all the series.
#   firmware-samples/MachineMonitor/demo.sh            (from anywhere; ./build.sh demo calls it)
# CONFIGURATION (default Release) selects the build configuration.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
NAB="$ROOT/tests/data/nab"
# A machine's latency, a misconfigured autoscaling group, a key held down on a keyboard, and tweet volume.
SERIES=(
  realKnownCause/ec2_request_latency_system_failure.csv
  realKnownCause/cpu_utilization_asg_misconfiguration.csv
  realKnownCause/rogue_agent_key_hold.csv
  realTweets/Twitter_volume_UPS.csv
)

echo "==> dotnet build firmware-samples/MachineMonitor -c $CONFIGURATION"
dotnet build "$HERE/MachineMonitor.csproj" -c "$CONFIGURATION" --nologo -v quiet -warnaserror
APP="$HERE/bin/$CONFIGURATION/net10.0/MachineMonitor"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

tp=0; fn=0; fp=0; total=0
for series in "${SERIES[@]}"; do
  name="$(basename "$series" .csv)"
  events="$WORK/$name.jsonl"
  echo
  echo "==> MachineMonitor --source csv --input tests/data/nab/$series --events $name.jsonl --scores $name.scores.csv"
  # Events stream to stdout as JSON lines; only the summary (stderr) is shown here, the table below reads the log.
  "$APP" --source csv --input "$NAB/$series" --rate 0 --events "$events" --scores "$WORK/$name.scores.csv" >/dev/null
  report="$("$APP" report --events "$events" --input "$NAB/$series" --data "$NAB")"
  printf '%s\n' "$report"
  read -r t f n s < <(printf '%s\n' "$report" | sed -nE 's/.*TP ([0-9]+)  FP ([0-9]+)  FN ([0-9]+)  NAB standard raw score (-?[0-9.]+).*/\1 \2 \3 \4/p')
  tp=$((tp + t)); fp=$((fp + f)); fn=$((fn + n)); total=$(awk -v a="$total" -v b="$s" 'BEGIN { printf "%.3f", a + b }')
done

echo
echo "demo: ${#SERIES[@]} series, $tp of $((tp + fn)) labelled anomaly windows found, $fp false alarms, NAB standard raw score $total (NAB: up to +1 per window found, -1 per window missed, up to -0.11 per false alarm)"
