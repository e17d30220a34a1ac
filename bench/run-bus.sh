#!/usr/bin/env bash
# The bus benchmarks on their own: bash bench/run-bus.sh [--out FILE] [--quick]
#
# Starts private PostgreSQL and RabbitMQ servers exactly as the test command does (scripts/servers.sh; a server given in
# COMMERCEBUS_TEST_POSTGRES / COMMERCEBUS_TEST_RABBITMQ is used instead), runs bench/CommerceBus.Bench.Bus, which writes
# a markdown fragment (default bench/results/bus.md), and removes the servers whatever happens.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/servers.sh
source "$repo_root/scripts/servers.sh"

require_dotnet
# The benchmarks need the broker and the database, not the tests' Prometheus.
start_postgres
start_rabbitmq
args=("$@")
[[ " $* " == *" --out "* ]] || args+=(--out "$repo_root/bench/results/bus.md")
say "bus benchmarks (bench/CommerceBus.Bench.Bus)"
dotnet run -c Release --project "$repo_root/bench/CommerceBus.Bench.Bus" -- "${args[@]}"
