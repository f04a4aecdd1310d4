#!/usr/bin/env bash
# EdgeLstm build entry point. Subcommands:
#   setup  install what a fresh Debian 12 machine with only the .NET SDK lacks (idempotent)
#   test   everything CI checks (runs setup first)
#   pack   NuGet packages into artifacts/packages/
#   demo   the main job: generate, build and run the MachineMonitor sample on bundled data
#   bench  the short BenchmarkDotNet configuration; results under docs/benchmarks/
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

APT_PACKAGES=(clang lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)
CONFIGURATION="${CONFIGURATION:-Release}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root (or sudo) to run: $*" >&2; return 1; fi
}

cmd_setup() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    log "Debian packages present: ${APT_PACKAGES[*]}"
  fi
  log "restoring NuGet packages"
  dotnet restore EdgeLstm.sln --verbosity quiet
}

# Runs one test project and adds its counts to the totals; prints dotnet test's own summary too.
PASSED=0; FAILED=0; SKIPPED=0
run_tests() {
  local project="$1"; shift
  log "dotnet test $project $*"
  local out status=0
  out=$(dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo "$@" 2>&1) || status=$?
  printf '%s\n' "$out" | grep -vE '^\s*$' | tail -n 40
  local line
  line=$(printf '%s\n' "$out" | grep -E '(Passed|Failed)!\s+-\s+Failed:' | tail -n 1 || true)
  if [ -n "$line" ]; then
    local f p s
    f=$(sed -E 's/.*Failed:\s*([0-9]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed:\s*([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped:\s*([0-9]+).*/\1/' <<<"$line")
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
  elif [ $status -ne 0 ]; then
    FAILED=$((FAILED + 1))
  fi
  [ $status -eq 0 ] || echo "!! $project failed (exit $status)"
  return 0
}

# A check that is not an xunit test (conformance runs, disassembly): counted as one pass or one failure.
check() {
  local name="$1"; shift
  log "check: $name"
  if "$@"; then PASSED=$((PASSED + 1)); echo "ok: $name"; else FAILED=$((FAILED + 1)); echo "FAILED: $name"; fi
}

cmd_test() {
  cmd_setup
  log "dotnet build EdgeLstm.sln -c $CONFIGURATION"
  dotnet build EdgeLstm.sln -c "$CONFIGURATION" --nologo -warnaserror
  for project in tests/EdgeLstm.Tests tests/EdgeLstm.Generator.Tests tests/EdgeLstm.Iot.Tests tests/EdgeLstm.Cli.Tests tests/MachineMonitor.Tests tests/EdgeLstm.Evaluation.Tests tests/EdgeLstm.Training.Tests; do
    run_tests "$project"
  done
  check "Native AOT conformance: linux-x64, linux-arm64 under qemu-aarch64, NEON fmla" tests/EdgeLstm.Conformance/aot-check.sh
  check "MachineMonitor linux-arm64 (Native AOT) under qemu-aarch64" firmware-samples/MachineMonitor/arm64-check.sh
  check "edgelstm train linux-arm64 (Native AOT) under qemu-aarch64, same model as x64" tests/EdgeLstm.Training.Tests/arm64-train-check.sh
  echo
  echo "test: ${PASSED} passed, ${FAILED} failed, ${SKIPPED} skipped"
  [ "$FAILED" -eq 0 ]
}

cmd_pack() {
  log "dotnet pack -> artifacts/packages"
  rm -rf artifacts/packages
  dotnet pack src/EdgeLstm/EdgeLstm.csproj -c "$CONFIGURATION" --nologo
  dotnet pack src/EdgeLstm.Cli/EdgeLstm.Cli.csproj -c "$CONFIGURATION" --nologo
  ls -l artifacts/packages
}

cmd_demo() {
  cmd_setup
  log "MachineMonitor: generated LSTM on NAB series replays, detections beside the labelled windows"
  firmware-samples/MachineMonitor/demo.sh
}

cmd_bench() {
  log "benchmarks (short BenchmarkDotNet configuration; results in docs/benchmarks/)"
  "$ROOT/tests/EdgeLstm.Benchmarks/run.sh" "$@"
}

case "${1:-}" in
  setup) cmd_setup ;;
  test) cmd_test ;;
  pack) cmd_pack ;;
  demo) cmd_demo ;;
  bench) shift; cmd_bench "$@" ;;
  *) echo "usage: ./build.sh setup|test|pack|demo|bench" >&2; exit 2 ;;
esac
