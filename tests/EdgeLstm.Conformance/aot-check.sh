#!/usr/bin/env bash
# Native AOT conformance for EdgeLstm-generated models (called by ./build.sh test).
#
#   1. publishes this app with Native AOT for linux-x64 and runs it natively;
#   2. publishes it for linux-arm64 (cross-linked with clang + lld, see the root Directory.Build.targets) and runs it
#      under qemu-aarch64 with the Debian arm64 libraries;
#   3. disassembles the arm64 binary and counts vector fused multiply-adds (fmla on .4s) in every generated
#      *_Step_AdvSimd method: the proof that the NEON path is what Native AOT compiled, not the scalar fallback;
#   4. fails if any publish printed a trim/AOT warning (warning IL2xxx / IL3xxx), even one not turned into an error.
#
# Needs: the .NET SDK, clang, lld, binutils-aarch64-linux-gnu, libc6-dev-arm64-cross, qemu-user (./build.sh setup).
# Output (publish logs, binaries, conformance logs, disassembly) goes to $AOT_CHECK_OUT (default artifacts/aot-check).
# Exit code 0 only when every step passed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${AOT_CHECK_OUT:-$ROOT/artifacts/aot-check}"
APP=EdgeLstm.Conformance
QEMU_LD_PREFIX_DIR=/usr/aarch64-linux-gnu
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

FAILURES=0
fail() { echo "aot-check: FAILED: $*" >&2; FAILURES=$((FAILURES + 1)); }
stage() { printf '\n--> %s\n' "$*"; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

# publish RID: Native AOT publish into $OUT/RID; the full log is kept for the warning scan. PublishAot=true comes from
# the project file, as the .NET guidance asks, and is not repeated here: given on the command line it becomes a global
# property of every referenced project, including the netstandard2.0 generator, which then fails with NETSDK1207
# (dotnet/sdk#37228; package users are unaffected, their generator comes from the package's analyzers folder).
publish() {
  local rid="$1" started status=0
  started=$(date +%s)
  stage "dotnet publish $APP -c Release -r $rid"
  rm -rf "${OUT:?}/$rid"
  dotnet publish "$HERE/$APP.csproj" -c Release -r "$rid" -o "$OUT/$rid" --nologo \
    >"$OUT/publish-$rid.log" 2>&1 || status=$?
  grep -E '(warning|error) ' "$OUT/publish-$rid.log" | sort -u || true
  if [ "$status" -ne 0 ]; then
    tail -n 30 "$OUT/publish-$rid.log"
    fail "publish for $rid (exit $status, log $OUT/publish-$rid.log)"
    return 1
  fi
  # Trim/AOT warnings are errors in the project file; this catches any that slip past that setting.
  if grep -qE 'warning IL[23][0-9]{3}' "$OUT/publish-$rid.log"; then
    fail "publish for $rid printed trim/AOT warnings (see above)"
  fi
  echo "published $rid in $(seconds_since "$started") s: $(stat -c %s "$OUT/$rid/$APP") bytes"
}

# run NAME EXPECTED_PATH COMMAND...: runs the conformance binary, requires exit 0, all-pass summaries (golden cases and
# the PyTorch export corpus), Native AOT and the expected kernel path.
run_conformance() {
  local name="$1" expected_path="$2" status=0; shift 2
  stage "run $name: $*"
  "$@" >"$OUT/conformance-$name.log" 2>&1 || status=$?
  grep -vE '^ok ' "$OUT/conformance-$name.log" || true
  echo "($(grep -cE '^ok ' "$OUT/conformance-$name.log") ok lines; full output in $OUT/conformance-$name.log)"
  [ "$status" -eq 0 ] || fail "$name: conformance exit code $status"
  grep -qE '^[0-9]+ passed, 0 failed$' "$OUT/conformance-$name.log" || fail "$name: no all-pass summary line"
  grep -qE '^export corpus: [0-9]+ passed, 0 failed$' "$OUT/conformance-$name.log" || fail "$name: no all-pass export corpus summary line"
  grep -q 'Native AOT' "$OUT/conformance-$name.log" || fail "$name: the binary does not report Native AOT"
  grep -qx "kernel path: $expected_path" "$OUT/conformance-$name.log" || fail "$name: kernel path is not $expected_path"
}

# The NEON proof: vector fmla counts per generated method of the arm64 binary (neon-check.sh, output kept).
check_neon() {
  local status=0
  stage "NEON check: fmla .4s per generated kernel method (symbols from $APP.dbg)"
  "$HERE/neon-check.sh" "$OUT/linux-arm64/$APP" >"$OUT/neon-check.log" 2>&1 || status=$?
  # The per-method table is long (one line per kernel); show the Step methods of one model and the summary.
  grep -E 'LstmI6H64L2OnnxKernels__.*_(Step|Project|Recur)_AdvSimd|neon-check|generated Step and Run kernels' "$OUT/neon-check.log" || true
  echo "(all methods: $OUT/neon-check.log)"
  [ "$status" -eq 0 ] || fail "NEON check (exit $status)"
}

mkdir -p "$OUT"
STARTED=$(date +%s)

if publish linux-x64; then
  run_conformance aot-linux-x64 Vector128 "$OUT/linux-x64/$APP"
fi

if publish linux-arm64; then
  run_conformance aot-linux-arm64-qemu AdvSimd qemu-aarch64 -L "$QEMU_LD_PREFIX_DIR" "$OUT/linux-arm64/$APP"
  check_neon
fi

echo
echo "aot-check: $([ "$FAILURES" -eq 0 ] && echo passed || echo "$FAILURES failure(s)") in $(seconds_since "$STARTED") s"
[ "$FAILURES" -eq 0 ]
