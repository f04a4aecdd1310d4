#!/usr/bin/env bash
# NAB's second track, train-per-machine (issue 12 item 4): for every labelled NAB file, `edgelstm train` on its
# probationary period only (NAB's min(floor(0.15 n), 750) rows, which hold no labelled anomaly), then the device's
# detector (MachineMonitor's LearnedReadout, one configuration) with that file's trained recurrent core instead of the
# shipped one, scored by NAB's rules (edgelstm-nab) beside the default configuration through the same code.
#   tools/EdgeLstm.TrainTrack/run.sh [OUT]        (default artifacts/nab-train-track; about 6 minutes on 2 cores)
# Environment: DATA (default tests/data/nab), JOBS (trainings at once, default 2), TRAIN_ARGS (more `edgelstm train`
# options for every file, e.g. "--seed 2" or "--cell gru"; the core must stay 32 units wide, the shipped core's size).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/artifacts/nab-train-track}" && cd "${1:-$ROOT/artifacts/nab-train-track}" && pwd)"
DATA="$(cd "${DATA:-$ROOT/tests/data/nab}" && pwd)"
JOBS="${JOBS:-2}"
SHIPPED="$ROOT/firmware-samples/MachineMonitor/models/machine_features.safetensors"
export TRAIN_ARGS="${TRAIN_ARGS:-}"

echo "==> building the edgelstm tool, the track runner and edgelstm-nab (Release)"
for project in src/EdgeLstm.Cli tools/EdgeLstm.TrainTrack tools/EdgeLstm.Nab firmware-samples/MachineMonitor; do
  dotnet build "$ROOT/$project" -c Release --nologo -v quiet -warnaserror >/dev/null
done
export EDGELSTM="$ROOT/src/EdgeLstm.Cli/bin/Release/net10.0/EdgeLstm.Cli"
TRACK="$ROOT/tools/EdgeLstm.TrainTrack/bin/Release/net10.0/edgelstm-train-track"
NAB="$ROOT/tools/EdgeLstm.Nab/bin/Release/net10.0/edgelstm-nab"

# One file: its probationary length from its data rows, then the training; one line of summary.
train_one() {
  local data="$1" out="$2" file="$3"
  local rows probation
  rows=$(( $(grep -c . "$data/$file") - 1 ))
  probation=$(( rows * 15 / 100 )); if [ "$probation" -gt 750 ]; then probation=750; fi
  mkdir -p "$out/models/$(dirname "$file")"
  # shellcheck disable=SC2086 # TRAIN_ARGS is a list of options
  if ! "$EDGELSTM" train --input "$data/$file" --rows "$probation" --out "$out/models/${file%.csv}.safetensors" $TRAIN_ARGS \
      >"$out/models/${file%.csv}.log" 2>&1; then
    echo "FAILED: edgelstm train on $file (see $out/models/${file%.csv}.log)" >&2
    return 1
  fi
  echo "$file: $probation rows, $(grep -o 'Kept epoch.*' "$out/models/${file%.csv}.log")"
}
export -f train_one

echo "==> edgelstm train on each file's probationary period ($JOBS at once) ${TRAIN_ARGS:+with $TRAIN_ARGS}"
start=$SECONDS
(cd "$DATA" && ls -- */*.csv) | xargs -P "$JOBS" -I{} bash -c 'train_one "$@"' _ "$DATA" "$OUT" {} | tee "$OUT/training.log"
echo "trained $(grep -c . "$OUT/training.log") models in $((SECONDS - start)) s"

echo "==> the device's detector with each file's core, and with the shipped core"
"$TRACK" --data "$DATA" --models "$OUT/models" --results "$OUT/results" --detector trained
"$TRACK" --data "$DATA" --model "$SHIPPED" --results "$OUT/results" --detector default

echo "==> NAB v1.1 scores"
"$NAB" --results "$OUT/results" --data "$DATA" --detector trained --per-file --json "$OUT/trained.json" | tee "$OUT/trained.txt"
"$NAB" --results "$OUT/results" --data "$DATA" --detector default --json "$OUT/default.json" >"$OUT/default.txt"

# The runner must be the device's detector: with the shipped core it gives what `MachineMonitor evaluate` (the generated
# class, the device's own code) gives.
"$ROOT/firmware-samples/MachineMonitor/bin/Release/net10.0/MachineMonitor" evaluate --data "$DATA" >"$OUT/machinemonitor.txt" 2>/dev/null
device=$(grep -m1 '^MachineMonitor ' "$OUT/machinemonitor.txt" | awk '{print $2, $3, $4}')
runner=$(grep -m1 '^default ' "$OUT/default.txt" | awk '{print $2, $3, $4}')
echo
echo "train per machine: $(grep -m1 '^trained ' "$OUT/trained.txt")"
echo "default (shipped): $(grep -m1 '^default ' "$OUT/default.txt")"
if [ "$device" != "$runner" ]; then
  echo "FAILED: the runner with the shipped core scores $runner, MachineMonitor evaluate $device: the runner is not the device's detector" >&2
  exit 1
fi
echo "ok: with the shipped core the runner scores what MachineMonitor evaluate scores ($device)"
