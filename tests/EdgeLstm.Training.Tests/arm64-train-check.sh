#!/usr/bin/env bash
# CI check of training on the board: publish the edgelstm tool for linux-arm64 with Native AOT, run a tiny
# `edgelstm train` under qemu-aarch64 on a NAB file, and require the very same model file, byte for byte, as the x64
# build writes from the same command (the trainer sums in a fixed order with 128-bit vectors on every platform).
# Fails on any trimming/AOT warning (IL2xxx/IL3xxx), a failed run, or a different file.
#   tests/EdgeLstm.Training.Tests/arm64-train-check.sh   (./build.sh test calls it; needs clang, lld,
#                                                         gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, qemu-user)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
SERIES="$ROOT/tests/data/nab/realKnownCause/nyc_taxi.csv"
SYSROOT="${AARCH64_SYSROOT:-/usr/aarch64-linux-gnu}"
TRAIN=(train --input "$SERIES" --rows 750 --cell gru --hidden 8 --layers 2 --epochs 4 --seed 3)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "==> dotnet publish src/EdgeLstm.Cli -r linux-arm64 -c $CONFIGURATION -p:EdgeLstmNativeAot=true"
status=0
dotnet publish "$ROOT/src/EdgeLstm.Cli/EdgeLstm.Cli.csproj" -r linux-arm64 -c "$CONFIGURATION" --nologo \
  -p:EdgeLstmNativeAot=true -o "$WORK/arm64" >"$WORK/publish.log" 2>&1 || status=$?
if [ $status -ne 0 ]; then
  tail -n 40 "$WORK/publish.log"
  echo "FAILED: publish exited with $status" >&2
  exit 1
fi
if grep -E "warning IL[23][0-9]{3}|error IL[23][0-9]{3}" "$WORK/publish.log"; then
  echo "FAILED: trimming/AOT warnings above" >&2
  exit 1
fi
file "$WORK/arm64/EdgeLstm.Cli" | grep -q "ARM aarch64" || { echo "FAILED: not an arm64 executable" >&2; exit 1; }
echo "published: $(du -h "$WORK/arm64/EdgeLstm.Cli" | cut -f1) native arm64 executable, no IL2xxx/IL3xxx warnings"

echo "==> qemu-aarch64: edgelstm ${TRAIN[*]}"
status=0
qemu-aarch64 -L "$SYSROOT" "$WORK/arm64/EdgeLstm.Cli" "${TRAIN[@]}" --out "$WORK/arm64.safetensors" >"$WORK/arm64.out" 2>&1 || status=$?
cat "$WORK/arm64.out"
[ $status -eq 0 ] || { echo "FAILED: the arm64 tool exited with $status" >&2; exit 1; }

echo "==> x64: the same command"
dotnet build "$ROOT/src/EdgeLstm.Cli/EdgeLstm.Cli.csproj" -c "$CONFIGURATION" --nologo -v quiet -warnaserror >/dev/null
"$ROOT/src/EdgeLstm.Cli/bin/$CONFIGURATION/net10.0/EdgeLstm.Cli" "${TRAIN[@]}" --out "$WORK/x64.safetensors" >/dev/null 2>&1

if ! cmp -s "$WORK/x64.safetensors" "$WORK/arm64.safetensors"; then
  echo "FAILED: the arm64 and x64 builds trained different models from the same command" >&2
  exit 1
fi
# The file is a model the x64 tool reads.
"$ROOT/src/EdgeLstm.Cli/bin/$CONFIGURATION/net10.0/EdgeLstm.Cli" inspect "$WORK/arm64.safetensors" | grep -q "GRU" \
  || { echo "FAILED: the arm64 model does not inspect as a GRU" >&2; exit 1; }
echo "ok: edgelstm train as linux-arm64 Native AOT (qemu) writes the same $(stat -c %s "$WORK/arm64.safetensors")-byte model as x64"
