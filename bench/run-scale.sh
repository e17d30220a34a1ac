#!/usr/bin/env bash
# The scale-out benchmark (issue 20 item 5): bash bench/run-scale.sh [--orders N] [--hubs 1,2,3] [--quick] [--out FILE]
#
# Starts private PostgreSQL and RabbitMQ exactly as the test command does (scripts/servers.sh; servers given in
# COMMERCEBUS_TEST_POSTGRES / COMMERCEBUS_TEST_RABBITMQ are used instead, but then their CPU cannot be read: this script
# needs its own), runs bench/CommerceBus.Bench.Scale, which starts 1, 2 and 3 hub processes on them in turn and writes a
# markdown fragment (default bench/results/scale.md), and removes the servers whatever happens. See bench/README.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/servers.sh
source "$repo_root/scripts/servers.sh"

require_dotnet
[[ -z ${COMMERCEBUS_TEST_POSTGRES:-}${COMMERCEBUS_TEST_RABBITMQ:-} ]] ||
    fail "run-scale.sh measures the CPU of its own broker and database" "unset COMMERCEBUS_TEST_POSTGRES and COMMERCEBUS_TEST_RABBITMQ"
start_postgres
start_rabbitmq
# The process trees whose CPU is counted: the broker's Erlang VM and the PostgreSQL postmaster (with its backends).
BENCH_BROKER_PID="$(cat "$rabbit_root/rabbit.pid")"
BENCH_POSTGRES_PID="$(head -n 1 "$pg_root/data/postmaster.pid")"
export BENCH_BROKER_PID BENCH_POSTGRES_PID
args=("$@")
out="$repo_root/bench/results/scale.md"
[[ " $* " == *" --out "* ]] || args+=(--out "$out")
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
say "scale benchmark (bench/CommerceBus.Bench.Scale); load average $load_before"
rm -f "$out"
dotnet run -c Release --project "$repo_root/bench/CommerceBus.Bench.Scale" -- "${args[@]}"
[[ " $* " == *" --out "* || -s $out ]] || fail "the benchmark wrote no results ($out)" "read its output above"

# With the default output, bench/README.md shows this run between its scale markers (the prose around them stays).
if [[ " $* " != *" --out "* ]]; then
    {
        sed -n '1,/<!-- scale:begin -->/p' "$repo_root/bench/README.md"
        echo "Command \`bash bench/run-scale.sh $*\`; load average (1/5/15 min) before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)."
        echo
        cat "$out"
        sed -n '/<!-- scale:end -->/,$p' "$repo_root/bench/README.md"
    } >"$out.readme"
    mv "$out.readme" "$repo_root/bench/README.md"
    say "results in $out and bench/README.md"
fi
