#!/usr/bin/env bash
# Validates what of deploy/ can be validated without a container engine or a cluster (deploy/README.md, "What was
# checked"). Installs what it lacks: Debian nginx, libnginx-mod-stream, yamllint (apt, when missing) and, in a
# temporary folder, the npm packages dclint, kubernetes-models, yaml and dockerfile-utils. Not part of .ci/run.
set -euo pipefail
deploy="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
pass() { echo "ok      $*"; }
fail() { echo "FAILED  $*"; failures=$((failures + 1)); }

# --- tools -------------------------------------------------------------------------------------------------------
missing=()
if ! command -v nginx >/dev/null; then
    missing+=(nginx libnginx-mod-stream)
elif nginx -V 2>&1 | grep -q -- '--with-stream=dynamic' && [[ ! -e /usr/lib/nginx/modules/ngx_stream_module.so ]]; then
    missing+=(libnginx-mod-stream)
fi
command -v yamllint >/dev/null || missing+=(yamllint)
if ((${#missing[@]})); then
    # One apt at a time on a shared machine: wait for the lock, at most 5 minutes.
    for _ in $(seq 60); do
        fuser /var/lib/dpkg/lock-frontend /var/lib/apt/lists/lock >/dev/null 2>&1 || break
        sleep 5
    done
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >"$work/apt.log" 2>&1 \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >>"$work/apt.log" 2>&1 \
        || { cat "$work/apt.log"; exit 1; }
fi
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
    dclint@3.1.0 kubernetes-models@5.1.0 yaml@2.9.1 dockerfile-utils@0.16.3 >/dev/null 2>&1) \
    || { echo "check: npm install failed"; exit 1; }

# --- systemd -----------------------------------------------------------------------------------------------------
if command -v systemd-analyze >/dev/null; then
    out="$(systemd-analyze verify "$deploy/systemd/commercebus.service" "$deploy/systemd/commercebus-migrate.service" 2>&1 || true)"
    if [[ -z "$out" ]]; then pass "systemd-analyze verify: commercebus.service, commercebus-migrate.service"; else fail "systemd-analyze verify: $out"; fi
else
    echo "skipped systemd-analyze: not installed"
fi

# --- nginx -------------------------------------------------------------------------------------------------------
CB_HTTP_HUBS="127.0.0.1:5181 127.0.0.1:5182 127.0.0.1:5183" CB_TCP_HUBS="127.0.0.1:5191 127.0.0.1:5192 127.0.0.1:5193" \
    CB_HTTP_LISTEN=127.0.0.1:18080 CB_TCP_LISTEN=127.0.0.1:15090 "$deploy/nginx/render.sh" "$work/nginx" >/dev/null
if nginx -t -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$work/nginx-t.log" 2>&1; then
    pass "nginx -t: render.sh output (site, stream, nginx.conf) for three hubs"
else
    fail "nginx -t: $(cat "$work/nginx-t.log")"
fi
# The example and the compose copy, with their host names and paths made local (nginx -t resolves upstream names).
for variant in nginx/example compose/nginx; do
    dir="$work/$(tr / - <<<"$variant")"
    mkdir -p "$dir"
    for file in nginx.conf commercebus.conf commercebus-stream.conf; do
        sed -e 's/hub-\([0-9]\):/127.0.0.\1:/; s/10\.0\.0\.1\([0-9]\):/127.0.0.\1:/' \
            -e "s|/tmp/|$dir/|g; s|/run/commercebus-nginx|$dir|g; s|/etc/nginx/commercebus|$dir|g" \
            -e 's/^load_module .*//; s/listen 80;/listen 127.0.0.1:18081;/; s/listen 5090;/listen 127.0.0.1:15091;/' \
            "$deploy/$variant/$file" >"$dir/$file"
    done
    nginx -V 2>&1 | grep -q -- '--with-stream=dynamic' && sed -i '1i load_module /usr/lib/nginx/modules/ngx_stream_module.so;' "$dir/nginx.conf"
    if nginx -t -p "$dir" -c "$dir/nginx.conf" >"$dir/t.log" 2>&1; then pass "nginx -t: deploy/$variant"; else fail "nginx -t deploy/$variant: $(cat "$dir/t.log")"; fi
done

# --- YAML, compose, Kubernetes -----------------------------------------------------------------------------------
if yamllint -c "$deploy/.yamllint" "$deploy/compose" "$deploy/kubernetes" >"$work/yamllint.log" 2>&1; then
    pass "yamllint: deploy/compose, deploy/kubernetes"
else
    fail "yamllint: $(cat "$work/yamllint.log")"
fi
# dclint's schema check (invalid-schema) and its error-level rules; the ordering rules are style only.
if (cd "$work" && npx --no-install dclint --color false -q "$deploy/compose/compose.yaml") >"$work/dclint.log" 2>&1; then
    pass "dclint (compose-spec schema): deploy/compose/compose.yaml"
else
    fail "dclint: $(cat "$work/dclint.log")"
fi
if node "$deploy/check-kubernetes.mjs" "$work/node_modules" "$deploy"/kubernetes/*.yaml >"$work/k8s.log" 2>&1; then
    pass "kubernetes-models schemas: $(tail -1 "$work/k8s.log")"
else
    fail "kubernetes-models: $(cat "$work/k8s.log")"
fi
if command -v kubectl >/dev/null; then
    if kubectl kustomize "$deploy/kubernetes" >/dev/null 2>"$work/kustomize.log"; then pass "kubectl kustomize deploy/kubernetes"; else fail "kustomize: $(cat "$work/kustomize.log")"; fi
fi
if [[ ! -f "$deploy/observability/alerts.yml" ]]; then
    echo "skipped promtool: deploy/observability/alerts.yml (issue 18's) is not in this tree"
elif command -v promtool >/dev/null; then
    # promtool of Debian 12 (2.42) predates http_headers (Prometheus 3): checked without it, with the real rules.
    sed -e '/^    http_headers:/,/files:/d' -e "s|/etc/prometheus/alerts.yml|$deploy/observability/alerts.yml|" \
        "$deploy/compose/prometheus.yml" >"$work/prometheus.yml"
    if promtool check config "$work/prometheus.yml" >"$work/promtool.log" 2>&1; then
        pass "promtool check config: deploy/compose/prometheus.yml (without http_headers) and deploy/observability/alerts.yml"
    else
        fail "promtool: $(cat "$work/promtool.log")"
    fi
fi

# --- container ---------------------------------------------------------------------------------------------------
cat >"$work/dockerfile.mjs" <<'EOF'
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const require = createRequire(process.argv[2] + "/");
const problems = require("dockerfile-utils").validate(readFileSync(process.argv[3], "utf8"));
for (const p of problems) console.log(`line ${p.range.start.line + 1}: ${p.message}`);
process.exit(problems.length ? 1 : 0);
EOF
if node "$work/dockerfile.mjs" "$work/node_modules" "$deploy/container/Dockerfile" >"$work/dockerfile.log" 2>&1; then
    pass "dockerfile-utils: deploy/container/Dockerfile"
else
    fail "dockerfile-utils: $(cat "$work/dockerfile.log")"
fi
# The entry point's *_FILE convention, with a stand-in for dotnet.
mkdir -p "$work/bin"
printf '#!/bin/sh\necho "args=$*"\nenv | grep "^CommerceBus__" | sort\n' >"$work/bin/dotnet" && chmod +x "$work/bin/dotnet"
printf 'Host=db;Password=p w\n' >"$work/secret"
got="$(PATH="$work/bin:$PATH" CommerceBus__Storage__PostgreSql_FILE="$work/secret" sh "$deploy/container/docker-entrypoint.sh" migrate)"
want="args=/app/CommerceBus.Host.dll migrate
CommerceBus__Storage__PostgreSql=Host=db;Password=p w"
if [[ "$got" == "$want" ]]; then pass "docker-entrypoint.sh: NAME_FILE sets NAME, arguments passed on"; else fail "docker-entrypoint.sh gave: $got"; fi
if PATH="$work/bin:$PATH" CommerceBus__Storage__PostgreSql_FILE=/nonexistent sh "$deploy/container/docker-entrypoint.sh" >/dev/null 2>&1; then
    fail "docker-entrypoint.sh started with an unreadable secret file"
else
    pass "docker-entrypoint.sh: an unreadable secret file stops the start"
fi

echo "deploy/check.sh: $failures failed"
exit $((failures > 0))
