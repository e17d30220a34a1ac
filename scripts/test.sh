#!/usr/bin/env bash
# The test command of CommerceBus: bash scripts/test.sh [dotnet test arguments...]
#
# It installs the servers the integration tests need (Debian packages, only when missing), starts a private
# throwaway instance of each for this run, runs `dotnet test` on the solution, prints one summary line and removes
# every server it started, whatever happens. Extra arguments go to `dotnet test`, for example
#   bash scripts/test.sh --filter FullyQualifiedName~PostgresServerTests
# See docs/testing.md.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results_dir="$repo_root/TestResults"

# say, fail, start_servers and the clean-up on exit.
# shellcheck source=scripts/servers.sh
source "$repo_root/scripts/servers.sh"

# ---------------------------------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------------------------------

# Sums the <Counters .../> of every TRX file and prints "passed failed skipped total".
sum_trx_counters() {
    local -a files=()
    mapfile -t files < <(find "$results_dir" -name '*.trx' -type f 2>/dev/null)
    if [[ ${#files[@]} -eq 0 ]]; then
        echo "0 0 0 0"
        return
    fi
    awk '
        /<Counters / {
            n = split("total executed passed failed error timeout aborted", names, " ")
            for (i = 1; i <= n; i++) {
                if (match($0, " " names[i] "=\"[0-9]+\"")) {
                    value = substr($0, RSTART, RLENGTH)
                    gsub(/[^0-9]/, "", value)
                    sum[names[i]] += value
                }
            }
        }
        END {
            failed = sum["failed"] + sum["error"] + sum["timeout"] + sum["aborted"]
            print sum["passed"] + 0, failed + 0, sum["total"] - sum["executed"], sum["total"] + 0
        }' "${files[@]}"
}

run_tests() {
    local -a args=(test "$repo_root/CommerceBus.sln" -c Release
        --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" --results-directory "$results_dir")
    [[ ${CI:-} == true ]] && args+=(--nologo)
    rm -rf "$results_dir"

    say "dotnet test (results in $results_dir)"
    local status=0
    dotnet "${args[@]}" "$@" || status=$?

    local passed failed skipped total
    read -r passed failed skipped total < <(sum_trx_counters)
    echo
    echo "Tests: $passed passed, $failed failed, $skipped skipped"

    if [[ $status -ne 0 ]]; then
        if [[ $total -eq 0 ]]; then
            fail "dotnet test failed before any test ran (exit $status)" \
                "fix the build errors above, or check the arguments: $*"
        fi
        fail "dotnet test failed (exit $status)" \
            "rerun one failing test with: bash scripts/test.sh --filter FullyQualifiedName~<TestName>"
    fi
    if [[ $total -eq 0 ]]; then
        fail "no tests ran" "check the --filter given to this script, if any: $*"
    fi
}

main() {
    require_dotnet
    if [[ ${CI:-} == true ]]; then
        export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
    fi
    start_servers
    run_tests "$@"
}

main "$@"
