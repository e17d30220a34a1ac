#!/usr/bin/env bash
# Checks that a production build of the hub contains no demo endpoint: publishes src/CommerceBus.Host in Release (the
# documented production build) into a temporary folder and fails if the demo endpoints' assembly, or any type of their
# namespace, is in it. Run by .ci/run before the tests.
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

dotnet publish "$repo_root/src/CommerceBus.Host" -c Release -o "$out" -v q -nologo >"$out.log" 2>&1 || { cat "$out.log"; rm -f "$out.log"; exit 1; }
rm -f "$out.log"

[[ -f "$out/CommerceBus.Host.dll" ]] || { echo "check-production-build: the publish has no CommerceBus.Host.dll" >&2; exit 1; }
if [[ -e "$out/CommerceBus.DemoEndpoints.dll" ]]; then
    echo "check-production-build: FAILED, the production publish ships CommerceBus.DemoEndpoints.dll" >&2
    exit 1
fi
# No other assembly carries a demo type either (namespaces are stored in the metadata as plain UTF-8).
if found="$(grep -l -a -F 'CommerceBus.DemoEndpoints.' "$out"/*.dll)"; then
    echo "check-production-build: FAILED, demo endpoint types in: $found" >&2
    exit 1
fi
if grep -q -F 'CommerceBus.DemoEndpoints' "$out/CommerceBus.Host.deps.json"; then
    echo "check-production-build: FAILED, CommerceBus.Host.deps.json lists the demo endpoints" >&2
    exit 1
fi
echo "check-production-build: the Release publish of the hub contains no demo endpoint"
