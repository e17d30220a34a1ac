#!/usr/bin/env bash
# Renders the CommerceBus nginx files for a set of hubs into OUT (envsubst of the CB_* variables only, so nginx's own
# $variables are kept):
#   OUT/commercebus.conf         the HTTP site (http context): Debian's sites-enabled, or included by OUT/nginx.conf
#   OUT/commercebus-stream.conf  the TCP terminals (stream context: top level of nginx.conf)
#   OUT/nginx.conf               a complete config for a private nginx: nginx -p OUT -c OUT/nginx.conf
#
# Settings (environment):
#   CB_HTTP_HUBS     hubs' HTTP addresses, space separated    (default 127.0.0.1:5080)
#   CB_TCP_HUBS      hubs' TCP terminal addresses             (default 127.0.0.1:5090)
#   CB_HTTP_LISTEN   nginx's HTTP listen                      (default 8080)
#   CB_TCP_LISTEN    nginx's TCP listen                       (default 5090; on the hubs' machine pick another)
#   CB_SERVER_NAME   server_name                              (default _)
#   CB_MAX_BODY      client_max_body_size                     (default 1m: the hub's largest accepted body)
#   CB_MAX_FAILS, CB_FAIL_TIMEOUT  passive health check       (default 3, 10s)
#   CB_RUN_DIR       pid, logs and temporary files            (default OUT/run)
#   CB_CONF_DIR      where nginx.conf finds the other two     (default OUT)
#   CB_ERROR_LOG, CB_ACCESS_LOG  log files                   (default CB_RUN_DIR/error.log, access.log)
#   CB_WORKER_PROCESSES                                       (default 1)
#   CB_STREAM_MODULE load: load_module the stream module; builtin: it is compiled in (nginx.org builds, the official
#                    image); default: what `nginx -V` of this machine says (Debian: load)
#   CB_FOREGROUND    1: "daemon off;" (a test or a container keeps nginx as its child)
set -euo pipefail

out="${1:?usage: render.sh OUT_DIR}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

max_fails="${CB_MAX_FAILS:-3}"
fail_timeout="${CB_FAIL_TIMEOUT:-10s}"
servers() {
    local address
    for address in $1; do
        printf '    server %s max_fails=%s fail_timeout=%s;\n' "$address" "$max_fails" "$fail_timeout"
    done
}

export CB_HTTP_SERVERS CB_TCP_SERVERS
CB_HTTP_SERVERS="$(servers "${CB_HTTP_HUBS:-127.0.0.1:5080}")"
CB_TCP_SERVERS="$(servers "${CB_TCP_HUBS:-127.0.0.1:5090}")"
export CB_HTTP_LISTEN="${CB_HTTP_LISTEN:-8080}"
export CB_TCP_LISTEN="${CB_TCP_LISTEN:-5090}"
export CB_SERVER_NAME="${CB_SERVER_NAME:-_}"
export CB_MAX_BODY="${CB_MAX_BODY:-1m}"
export CB_RUN_DIR="${CB_RUN_DIR:-$out/run}"
export CB_CONF_DIR="${CB_CONF_DIR:-$out}"
export CB_ERROR_LOG="${CB_ERROR_LOG:-$CB_RUN_DIR/error.log}"
export CB_ACCESS_LOG="${CB_ACCESS_LOG:-$CB_RUN_DIR/access.log}"
export CB_WORKER_PROCESSES="${CB_WORKER_PROCESSES:-1}"
export CB_DAEMON=""
[[ "${CB_FOREGROUND:-0}" == 1 ]] && CB_DAEMON="daemon off;"

# Debian builds the stream module as a loadable module (libnginx-mod-stream); other builds have it built in.
export CB_LOAD_STREAM_MODULE=""
stream_module="${CB_STREAM_MODULE:-}"
modules=/usr/lib/nginx/modules
if [[ -z "$stream_module" ]] && command -v nginx >/dev/null; then
    build="$(nginx -V 2>&1)"
    stream_module=builtin
    [[ "$build" == *"--with-stream=dynamic"* ]] && stream_module=load
    path="$(sed -n 's/.*--modules-path=\([^ ]*\).*/\1/p' <<<"$build")"
    modules="${path:-$modules}"
fi
[[ "$stream_module" == load ]] && CB_LOAD_STREAM_MODULE="load_module $modules/ngx_stream_module.so;"

vars='${CB_HTTP_SERVERS} ${CB_TCP_SERVERS} ${CB_HTTP_LISTEN} ${CB_TCP_LISTEN} ${CB_SERVER_NAME} ${CB_MAX_BODY}
      ${CB_RUN_DIR} ${CB_CONF_DIR} ${CB_ERROR_LOG} ${CB_ACCESS_LOG} ${CB_WORKER_PROCESSES} ${CB_DAEMON} ${CB_LOAD_STREAM_MODULE}'
for name in commercebus.conf commercebus-stream.conf nginx.conf; do
    envsubst "$vars" <"$here/$name.template" >"$out/$name"
done
# The default run folder is made here; one named elsewhere (/run/...) is the caller's to make.
[[ "$CB_RUN_DIR" != "$out/run" ]] || mkdir -p "$CB_RUN_DIR"
