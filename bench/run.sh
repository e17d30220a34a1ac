#!/usr/bin/env bash
# The benchmark of issue 9 in one command: builds Release, runs every scenario, writes bench/results/*.md and puts the
# tables, the command and the machine into bench/README.md.   Usage: bash bench/run.sh [--quick] [--telemetry off]
# --telemetry off runs the hub with OpenTelemetry disabled (OTEL_SDK_DISABLED=true: no spans, no metrics), to measure
# what tracing costs; the default is the hub as it ships (spans recorded, nothing exported).
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=""
TELEMETRY=on
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK="--quick" ;;
    --telemetry) shift; TELEMETRY="${1:-}" ;;
    *) echo "usage: bash bench/run.sh [--quick] [--telemetry on|off]" >&2; exit 2 ;;
  esac
  shift
done
case "$TELEMETRY" in
  on) ;;
  # The hub reads it from its environment, in the HTTP bench's child process and in the bus bench's process alike.
  off) export OTEL_SDK_DISABLED=true ;;
  *) echo "usage: bash bench/run.sh [--quick] [--telemetry on|off]" >&2; exit 2 ;;
esac

command -v dotnet >/dev/null || { echo "bench: the .NET SDK (dotnet) is not on PATH" >&2; exit 1; }
RESULTS=bench/results
mkdir -p "$RESULTS"

echo "bench: building Release (hub and bench projects)"
dotnet build src/CommerceBus.Host/CommerceBus.Host.csproj -c Release --nologo -v quiet
dotnet build bench/CommerceBus.Bench.Http/CommerceBus.Bench.Http.csproj -c Release --nologo -v quiet

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)

echo "bench: HTTP/SOAP scenarios"
dotnet bench/CommerceBus.Bench.Http/bin/Release/net10.0/CommerceBus.Bench.Http.dll run \
  --hub src/CommerceBus.Host/bin/Release/net10.0/CommerceBus.Host.dll --out "$RESULTS/http.md" $QUICK

if [ -d bench/CommerceBus.Bench.Bus ]; then
  echo "bench: message hop, saga, OData and idle-memory scenarios"
  # run-bus.sh starts private PostgreSQL and RabbitMQ servers (scripts/servers.sh) for these and removes them after.
  # A failed scenario is named in bus.md; the others' tables still go into the README.
  bash bench/run-bus.sh --out "$PWD/$RESULTS/bus.md" $QUICK || echo "bench: a bus scenario failed (see $RESULTS/bus.md)" >&2
fi

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "### Machine and run"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| command | \`bash bench/run.sh${QUICK:+ $QUICK}\` |"
  echo "| started | $STARTED |"
  echo "| cores (\`nproc\`) | $(nproc) |"
  echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') |"
  echo "| RAM | $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) |"
  echo "| OS | $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r) |"
  echo "| .NET | SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}') |"
  echo "| load average (1/5/15 min) | before $LOAD_BEFORE, after $LOAD_AFTER |"
  echo "| placement | load generator, hub, YARP peer and echo backend share the same $(nproc) cores, nothing pinned |"
} > "$RESULTS/machine.md"

# The README keeps its prose; the part between the markers is this run's output.
{
  sed -n '1,/<!-- results:begin -->/p' bench/README.md
  cat "$RESULTS/machine.md"; echo
  cat "$RESULTS/http.md"; echo
  if [ -f "$RESULTS/bus.md" ]; then cat "$RESULTS/bus.md"; echo; fi
  sed -n '/<!-- results:end -->/,$p' bench/README.md
} > "$RESULTS/README.md.new"
mv "$RESULTS/README.md.new" bench/README.md
echo "bench: results in $RESULTS/ and bench/README.md"
