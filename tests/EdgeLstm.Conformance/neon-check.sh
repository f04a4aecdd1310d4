#!/usr/bin/env bash
# Proves that Native AOT compiled the NEON path of EdgeLstm-generated kernels into a linux-arm64 binary: counts vector
# fused multiply-adds (fmla on .4s registers) in every generated *_AdvSimd method and fails if a recurrent Step
# method, or a kernel of the whole-window Run (a layer's input projection, _Project, or its recurrence, _Recur), has
# none (or if there is no Step method at all, e.g. because it was renamed or inlined away).
#
#   neon-check.sh BINARY [SYMBOLS]
#
# SYMBOLS defaults to BINARY.dbg: a published binary is stripped, and its symbols (at the same addresses) are in the
# .dbg file beside it. Needs aarch64-linux-gnu-objdump (binutils-aarch64-linux-gnu).
set -euo pipefail

BINARY="${1:?usage: neon-check.sh BINARY [SYMBOLS]}"
SYMBOLS="${2:-$BINARY.dbg}"
[ -f "$SYMBOLS" ] || SYMBOLS="$BINARY"
OBJDUMP="${OBJDUMP:-aarch64-linux-gnu-objdump}"

# objdump --syms lines look like
#   00000000002638a0 l     F __managedcode  00000000000017f0 .hidden Ns_Class__Layer0_Forward_Step_AdvSimd
# (the number of flag columns varies): take the field after "F" as the section, the next as the size.
generated_methods() {
  "$OBJDUMP" --syms "$SYMBOLS" | awk '
    $NF ~ /_AdvSimd$/ {
      for (i = 2; i < NF; i++) if ($i == "F") { print $1, $(i + 2), $NF; break }
    }' | sort -u
}

failures=0 step_methods=0 run_methods=0
while read -r address size name; do
  start=$((16#$address)); stop=$((start + 16#$size))
  count=$("$OBJDUMP" -d --no-show-raw-insn --start-address="$start" --stop-address="$stop" "$BINARY" \
    | grep -cE $'\tfmla\tv[0-9]+\\.4s' || true)
  printf '%6d fmla .4s  %7d bytes  %s\n' "$count" "$((16#$size))" "$name"
  if [[ "$name" == *_Step_AdvSimd ]]; then
    step_methods=$((step_methods + 1))
    [ "$count" -gt 0 ] || { echo "neon-check: no vector fmla in $name" >&2; failures=$((failures + 1)); }
  elif [[ "$name" == *_Project_AdvSimd || "$name" == *_Recur_AdvSimd ]]; then
    run_methods=$((run_methods + 1))
    [ "$count" -gt 0 ] || { echo "neon-check: no vector fmla in $name" >&2; failures=$((failures + 1)); }
  fi
done < <(generated_methods)

# The generated dispatch tests AdvSimd.Arm64.IsSupported, a constant on arm64, so ILCompiler drops the other paths.
others=$("$OBJDUMP" --syms "$SYMBOLS" | grep -cE '__Layer[0-9]+_[A-Za-z0-9_]*_(Vector128|Scalar)$' || true)
echo "generated Step and Run kernels (Step, Project, Recur) with NEON: $((step_methods + run_methods - failures)) of $((step_methods + run_methods)) ($run_methods Project/Recur); Vector128/Scalar kernel symbols left: $others"

if [ "$step_methods" -eq 0 ]; then
  echo "neon-check: no generated *_Step_AdvSimd method in $SYMBOLS" >&2
  exit 1
fi
[ "$failures" -eq 0 ]
