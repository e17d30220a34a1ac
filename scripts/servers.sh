#!/usr/bin/env bash
# The private servers of CommerceBus, for scripts that source this file: scripts/test.sh (the test command) and
# bench/run-bus.sh (the bus benchmarks). Sourcing it defines start_servers and the start_<server> functions and sets
# an EXIT trap that removes every server started, whatever happens. See docs/testing.md.
#
# Each start_<server> installs the server when missing (Debian packages, only then), starts a private throwaway
# instance and exports the COMMERCEBUS_TEST_* variable that points at it; a variable already set means: use that server.

first_port=55432
say() { printf '==> %s\n' "$*"; }
fail() {
    printf 'error: %s\n' "$1" >&2
    [[ $# -gt 1 ]] && printf 'next:  %s\n' "$2" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------------------------------
# Clean-up: every start_* function registers how to undo itself; all of it runs on exit, even after a failure.
# ---------------------------------------------------------------------------------------------------------------------
cleanup_actions=()
on_exit() { cleanup_actions+=("$1"); }
run_cleanup() {
    local status=$? i
    for ((i = ${#cleanup_actions[@]} - 1; i >= 0; i--)); do
        eval "${cleanup_actions[i]}" || true
    done
    exit "$status"
}
trap run_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------------------------
# Packages: apt-get runs only when something is missing, so a second run does not touch the network.
# ---------------------------------------------------------------------------------------------------------------------
apt_updated=false
apt_install() {
    local -a sudo=()
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null || fail "installing $* needs root" "install it yourself: apt-get install $*"
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null || fail "$* is missing and this is not a Debian system" "install $* yourself"
    if [[ $apt_updated == false ]]; then
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
        apt_updated=true
    fi
    # Package scripts must not start system services: this run starts its own private servers, and a CI machine
    # has no init system to stop them. Docker images ship this policy already; elsewhere it is set for the install.
    local policy=/usr/sbin/policy-rc.d added_policy=false
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
        "${sudo[@]}" chmod +x "$policy"
        added_policy=true
    fi
    local status=0
    # Only one apt-get runs at a time on a machine: wait for another one's lock (bounded) rather than fail.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" || status=$?
    if [[ $added_policy == true ]]; then "${sudo[@]}" rm -f "$policy"; fi
    [[ $status -eq 0 ]] || fail "apt-get install $* failed (exit $status)" "read the apt output above, then rerun"
}

require_dotnet() {
    command -v dotnet >/dev/null ||
        fail "the .NET SDK is not on PATH" "install the .NET 10 SDK (https://dot.net), then rerun"
}

# ---------------------------------------------------------------------------------------------------------------------
# PostgreSQL: a private cluster in a temporary directory, on 127.0.0.1 and a free port, gone when the run ends.
# ---------------------------------------------------------------------------------------------------------------------
pg_bin=""
pg_root=""
pg_port=""

find_postgres() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n $dir && -x $dir/pg_ctl ]]; then
        pg_bin="$dir"
    elif command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
        pg_bin="$(dirname "$(command -v pg_ctl)")"
    else
        return 1
    fi
}

# PostgreSQL refuses to run as root, so as root its programs run as the `postgres` user the package creates.
as_pg() {
    if [[ $EUID -eq 0 ]]; then
        (cd "$pg_root" && LC_ALL=C runuser -u postgres -- "$@")
    else
        (cd "$pg_root" && LC_ALL=C "$@")
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A run killed with SIGKILL cannot clean up; the next run stops the clusters whose run is gone.
reap_abandoned_clusters() {
    local dir owner
    for dir in /tmp/commercebus-pg.*; do
        [[ -r $dir/owner.pid && -O $dir/owner.pid ]] || continue
        owner="$(cat "$dir/owner.pid")"
        [[ -n $owner && -e /proc/$owner ]] && continue
        say "removing the PostgreSQL cluster of an earlier run that did not finish ($dir)"
        if [[ -f $dir/data/postmaster.pid ]]; then
            pg_root="$dir" as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$dir" || true
    done
}

stop_postgres() {
    if [[ -f $pg_root/data/postmaster.pid ]]; then
        say "stopping PostgreSQL"
        as_pg "$pg_bin/pg_ctl" -D "$pg_root/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_root"
}

start_postgres() {
    if [[ -n ${COMMERCEBUS_TEST_POSTGRES:-} ]]; then
        say "using the PostgreSQL server in COMMERCEBUS_TEST_POSTGRES"
        return
    fi
    if ! find_postgres; then
        say "installing PostgreSQL (Debian package)"
        apt_install postgresql
        find_postgres || fail "PostgreSQL was installed but pg_ctl is not under /usr/lib/postgresql/*/bin" \
            "check the apt output above"
    fi
    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        fail "PostgreSQL must run as the 'postgres' user, which does not exist" "apt-get install postgresql"
    fi
    reap_abandoned_clusters

    pg_root="$(mktemp -d /tmp/commercebus-pg.XXXXXX)"
    on_exit stop_postgres
    local password superuser_password
    password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    superuser_password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    printf '%s\n' "$superuser_password" >"$pg_root/superuser.pw"
    [[ $EUID -eq 0 ]] && chown -R postgres: "$pg_root"
    chmod 700 "$pg_root"
    # Written by this run's user after the chown, so that only this user's later runs reap the cluster.
    echo $$ >"$pg_root/owner.pid"

    say "creating a PostgreSQL cluster with $pg_bin/initdb in $pg_root"
    as_pg "$pg_bin/initdb" -D "$pg_root/data" -U postgres --pwfile="$pg_root/superuser.pw" \
        --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >"$pg_root/initdb.log" 2>&1 ||
        { cat "$pg_root/initdb.log" >&2; fail "initdb failed" "read the initdb output above"; }
    # Durability is worthless for a cluster deleted at the end of the run; turning it off makes tests faster.
    cat >>"$pg_root/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pg_root'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    # Another process may take a port between the check and the bind, so a failed start tries the next port.
    local port=$first_port attempts=0
    while :; do
        while port_in_use "$port"; do port=$((port + 1)); done
        say "starting PostgreSQL on 127.0.0.1:$port"
        if as_pg "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/postgres.log" -o "-p $port" -w -t 60 start \
            >/dev/null; then
            break
        fi
        attempts=$((attempts + 1))
        if ((attempts >= 5)); then
            tail -n 20 "$pg_root/postgres.log" >&2 || true
            fail "PostgreSQL did not start" "read its log above; a stale server may hold the ports from $first_port"
        fi
        port=$((port + 1))
    done
    pg_port=$port

    # pg_signal_backend: a test drops its database WITH (FORCE), which must also end an autovacuum worker that happens
    # to be in it (a process of no role; without this the drop failed now and then with 42501).
    as_pg "$pg_bin/psql" -h "$pg_root" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE commercebus LOGIN CREATEDB PASSWORD '$password'" -c "GRANT pg_signal_backend TO commercebus" ||
        fail "could not create the test role" "read the psql output above"
    export COMMERCEBUS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=commercebus;Password=$password;Database=postgres"
}

# ---------------------------------------------------------------------------------------------------------------------
# RabbitMQ: a private node (own name, ports, Erlang cookie, port mapper and data directory) in a temporary directory,
# on 127.0.0.1, gone when the run ends. Tests create a virtual host per test class through the rabbitmqctl wrapper.
# ---------------------------------------------------------------------------------------------------------------------
rabbit_bin=/usr/lib/rabbitmq/bin
rabbit_root=""
# Below the kernel's ephemeral range (net.ipv4.ip_local_port_range, 32768-60999 on Debian): a port in that range can be
# held by any process's outgoing connection, which a probe for a listener does not see, and the node then fails to bind
# its distribution port (dist_port_already_used ... not_erlang).
first_rabbit_port=26720

find_rabbitmq() { [[ -x $rabbit_bin/rabbitmq-server && -x $rabbit_bin/rabbitmqctl ]]; }

# A test stops and starts the broker application (BrokerRestartTests), and its AMQP port is free while it is stopped:
# a run starting on the same machine then must not take it, or the broker cannot start again. So a run skips the ports
# that the nodes of the other runs hold (each node's directory lists them in ports), and starts its search at a random
# offset, away from the ports of runs whose scripts do not know of that list.
free_port_from() {
    local port=$1 reserved
    reserved=" $(cat /tmp/commercebus-rabbit.*/ports 2>/dev/null | tr '\n' ' ') "
    while port_in_use "$port" || [[ $reserved == *" $port "* ]]; do port=$((port + 1)); done
    echo "$port"
}

# A run killed with SIGKILL cannot clean up; the next run stops the nodes whose run is gone.
reap_abandoned_rabbit_nodes() {
    local dir owner
    for dir in /tmp/commercebus-rabbit.*; do
        [[ -r $dir/owner.pid && -O $dir/owner.pid ]] || continue
        owner="$(cat "$dir/owner.pid")"
        [[ -n $owner && -e /proc/$owner ]] && continue
        say "removing the RabbitMQ node of an earlier run that did not finish ($dir)"
        [[ -x $dir/rabbitmqctl ]] && timeout 60 "$dir/rabbitmqctl" shutdown >/dev/null 2>&1 || true
        [[ -x $dir/stop-epmd ]] && "$dir/stop-epmd" || true
        rm -rf "$dir" || true
    done
}

stop_rabbitmq() {
    if [[ -x $rabbit_root/rabbitmqctl ]]; then
        say "stopping RabbitMQ"
        timeout 60 "$rabbit_root/rabbitmqctl" shutdown >/dev/null 2>&1 ||
            { [[ -s $rabbit_root/rabbit.pid ]] && kill -9 "$(cat "$rabbit_root/rabbit.pid")" 2>/dev/null; } || true
        "$rabbit_root/stop-epmd" || true
    fi
    rm -rf "$rabbit_root"
}

start_rabbitmq() {
    if [[ -n ${COMMERCEBUS_TEST_RABBITMQ:-} ]]; then
        say "using the RabbitMQ server in COMMERCEBUS_TEST_RABBITMQ"
        return
    fi
    if ! find_rabbitmq; then
        say "installing RabbitMQ (Debian package)"
        apt_install rabbitmq-server
        find_rabbitmq || fail "RabbitMQ was installed but $rabbit_bin/rabbitmq-server is missing" "check the apt output above"
    fi
    reap_abandoned_rabbit_nodes

    rabbit_root="$(mktemp -d /tmp/commercebus-rabbit.XXXXXX)"
    on_exit stop_rabbitmq
    echo $$ >"$rabbit_root/owner.pid"
    local started=$SECONDS port dist_port epmd_port cookie
    port="$(free_port_from $((first_rabbit_port + RANDOM % 400)))"
    dist_port="$(free_port_from $((port + 1)))"
    epmd_port="$(free_port_from $((dist_port + 1)))"
    echo "$port $dist_port $epmd_port" >"$rabbit_root/ports"
    cookie="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    mkdir -p "$rabbit_root/home"
    printf '%s' "$cookie" >"$rabbit_root/home/.erlang.cookie"
    chmod 400 "$rabbit_root/home/.erlang.cookie"
    printf '[].\n' >"$rabbit_root/enabled_plugins"
    # The disk alarm's default (50 MB free) is fine, but a shared CI disk may dip below a relative limit.
    cat >"$rabbit_root/rabbitmq.conf" <<EOF
loopback_users = none
disk_free_limit.absolute = 10MB
log.console = false
log.file.level = warning
EOF
    # Everything the node and rabbitmqctl need, in one file: both must agree on the node name, the cookie (HOME) and
    # the port mapper (ERL_EPMD_PORT: a private epmd, so the node and its epmd can be stopped without touching others).
    cat >"$rabbit_root/env" <<EOF
export HOME='$rabbit_root/home'
export ERL_EPMD_PORT=$epmd_port
export RABBITMQ_NODENAME='commercebus-$$@localhost'
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$dist_port
export RABBITMQ_CONFIG_FILE='$rabbit_root/rabbitmq.conf'
export RABBITMQ_ENABLED_PLUGINS_FILE='$rabbit_root/enabled_plugins'
export RABBITMQ_MNESIA_BASE='$rabbit_root/mnesia'
export RABBITMQ_LOG_BASE='$rabbit_root/log'
export RABBITMQ_PID_FILE='$rabbit_root/rabbit.pid'
export RABBITMQ_CONF_ENV_FILE='$rabbit_root/rabbitmq-env.conf'
EOF
    : >"$rabbit_root/rabbitmq-env.conf"
    printf '#!/bin/sh\n. "%s/env"\nexec %s/rabbitmqctl "$@"\n' "$rabbit_root" "$rabbit_bin" >"$rabbit_root/rabbitmqctl"
    printf '#!/bin/sh\n. "%s/env"\nepmd -port %s -kill >/dev/null 2>&1 || true\n' "$rabbit_root" "$epmd_port" >"$rabbit_root/stop-epmd"
    chmod +x "$rabbit_root/rabbitmqctl" "$rabbit_root/stop-epmd"

    say "starting RabbitMQ on 127.0.0.1:$port (node commercebus-$$@localhost)"
    (. "$rabbit_root/env" && "$rabbit_bin/rabbitmq-server" -detached >"$rabbit_root/server.out" 2>&1) ||
        { cat "$rabbit_root/server.out" >&2; fail "rabbitmq-server did not start" "read its output above"; }
    # await_startup fails at once while the detached node has not yet registered with epmd, so ask until the broker
    # answers on its AMQP port, with a deadline.
    until "$rabbit_root/rabbitmqctl" -q await_startup --timeout 10 >"$rabbit_root/await.out" 2>&1 &&
        "$rabbit_root/rabbitmqctl" -q list_vhosts >/dev/null 2>&1 && port_in_use "$port"; do
        if ((SECONDS - started > 120)); then
            cat "$rabbit_root/await.out" >&2
            tail -n 30 "$rabbit_root"/log/*.log >&2 2>/dev/null || true
            fail "RabbitMQ did not start within 120 s" "read its log above"
        fi
        sleep 1
    done
    say "RabbitMQ is up after $((SECONDS - started)) s"
    export COMMERCEBUS_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$port/"
    export COMMERCEBUS_TEST_RABBITMQCTL="$rabbit_root/rabbitmqctl"
}

# ---------------------------------------------------------------------------------------------------------------------
# Prometheus: a private server in a temporary directory, on 127.0.0.1 and a free port, scraping every 3 s the hubs
# that tests list in its targets directory (file service discovery: a test writes <name>.json there and deletes it),
# gone when the run ends. The same Debian package brings promtool, which checks deploy/observability's alert rules.
# ---------------------------------------------------------------------------------------------------------------------
prom_root=""

find_prometheus() { command -v prometheus >/dev/null && command -v promtool >/dev/null; }

stop_prometheus_in() {
    local dir=$1 pid i
    pid="$(cat "$dir/prometheus.pid" 2>/dev/null || true)"
    if [[ -n $pid ]] && kill "$pid" 2>/dev/null; then
        for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
}

# A run killed with SIGKILL cannot clean up; the next run stops the servers whose run is gone.
reap_abandoned_prometheus() {
    local dir owner
    for dir in /tmp/commercebus-prom.*; do
        [[ -r $dir/owner.pid && -O $dir/owner.pid ]] || continue
        owner="$(cat "$dir/owner.pid")"
        [[ -n $owner && -e /proc/$owner ]] && continue
        say "removing the Prometheus server of an earlier run that did not finish ($dir)"
        stop_prometheus_in "$dir"
    done
}

stop_prometheus() {
    say "stopping Prometheus"
    stop_prometheus_in "$prom_root"
}

start_prometheus() {
    if [[ -n ${COMMERCEBUS_TEST_PROMETHEUS:-} ]]; then
        say "using the Prometheus server in COMMERCEBUS_TEST_PROMETHEUS"
        return
    fi
    if ! find_prometheus; then
        say "installing Prometheus (Debian package)"
        apt_install prometheus
        find_prometheus || fail "Prometheus was installed but prometheus or promtool is not on PATH" "check the apt output above"
    fi
    reap_abandoned_prometheus

    prom_root="$(mktemp -d /tmp/commercebus-prom.XXXXXX)"
    on_exit stop_prometheus
    echo $$ >"$prom_root/owner.pid"
    mkdir -p "$prom_root/targets" "$prom_root/data"
    cat >"$prom_root/prometheus.yml" <<EOF
global:
  # Short enough for a test to see a counter move, long enough for a scrape of a hub on a loaded machine.
  scrape_interval: 3s
  scrape_timeout: 3s
  evaluation_interval: 3s
scrape_configs:
  - job_name: commercebus-tests
    file_sd_configs:
      - files: ['$prom_root/targets/*.json']
        refresh_interval: 1s
EOF
    local port started=$SECONDS
    port="$(free_port_from 29090)"  # below the ephemeral range, as for RabbitMQ
    say "starting Prometheus on 127.0.0.1:$port"
    prometheus --config.file="$prom_root/prometheus.yml" --storage.tsdb.path="$prom_root/data" \
        --web.listen-address="127.0.0.1:$port" >"$prom_root/prometheus.log" 2>&1 &
    echo $! >"$prom_root/prometheus.pid"
    until port_in_use "$port"; do
        if ((SECONDS - started > 60)) || ! kill -0 "$(cat "$prom_root/prometheus.pid")" 2>/dev/null; then
            tail -n 20 "$prom_root/prometheus.log" >&2 || true
            fail "Prometheus did not start within 60 s" "read its log above"
        fi
        sleep 0.2
    done
    export COMMERCEBUS_TEST_PROMETHEUS="http://127.0.0.1:$port"
    export COMMERCEBUS_TEST_PROMETHEUS_TARGETS="$prom_root/targets"
}

# ---------------------------------------------------------------------------------------------------------------------
# nginx: the balancer of the scale-out tests. Installed here (Debian nginx with the stream module for the TCP
# terminals); each test renders deploy/nginx/ for its own hubs and runs a private nginx of its own (own prefix folder and
# ports, no root, no system configuration, stopped when the test ends): tests/.../ScaleOut/NginxProcess.cs.
# ---------------------------------------------------------------------------------------------------------------------
start_nginx() {
    if [[ -n ${COMMERCEBUS_TEST_NGINX:-} ]]; then
        say "using the nginx in COMMERCEBUS_TEST_NGINX"
    else
        local -a missing=()
        [[ -x /usr/sbin/nginx ]] || missing+=(nginx libnginx-mod-stream)
        # Debian builds the stream module as a loadable module, in a package of its own.
        [[ ${#missing[@]} -eq 0 && ! -e /usr/lib/nginx/modules/ngx_stream_module.so ]] && missing+=(libnginx-mod-stream)
        if ((${#missing[@]})); then
            say "installing ${missing[*]} (Debian packages)"
            apt_install "${missing[@]}"
        fi
        [[ -x /usr/sbin/nginx ]] || fail "nginx was installed but /usr/sbin/nginx is missing" "check the apt output above"
        export COMMERCEBUS_TEST_NGINX=/usr/sbin/nginx
    fi
    # The templates the deploy guide gives operators; tests render them with render.sh, nothing else.
    export COMMERCEBUS_TEST_NGINX_TEMPLATES="${COMMERCEBUS_TEST_NGINX_TEMPLATES:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../deploy/nginx" && pwd)}"
}

# ---------------------------------------------------------------------------------------------------------------------
# Chromium: the real browser of the operator console's tests (Playwright drives it). Debian's package, not Playwright's
# own download; nothing runs until a test starts it.
# ---------------------------------------------------------------------------------------------------------------------
start_chromium() {
    if [[ -n ${COMMERCEBUS_TEST_CHROMIUM:-} ]]; then
        say "using the browser in COMMERCEBUS_TEST_CHROMIUM"
        return
    fi
    if [[ ! -x /usr/bin/chromium ]]; then
        say "installing Chromium (Debian package)"
        apt_install chromium
        [[ -x /usr/bin/chromium ]] || fail "chromium was installed but /usr/bin/chromium is missing" "check the apt output above"
    fi
    export COMMERCEBUS_TEST_CHROMIUM=/usr/bin/chromium
}

# Every server the tests need gets a start_<server> function like start_postgres: install when missing, start a
# private instance, register its stop with on_exit and export the COMMERCEBUS_TEST_* variable the tests read.
start_servers() {
    start_postgres
    start_rabbitmq
    start_prometheus
    start_nginx
    start_chromium
}

