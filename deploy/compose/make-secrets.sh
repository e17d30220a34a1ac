#!/usr/bin/env bash
# Makes the secrets compose.yaml mounts, once, into deploy/compose/secrets/ (git-ignored): random passwords and API
# keys, and what each service reads of them. Prints the two API keys; only their hashes reach the hubs.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
if [[ -e "$dir" ]]; then echo "make-secrets: $dir exists; remove it to make new secrets" >&2; exit 1; fi
mkdir -m 0700 "$dir"
# The containers' users (postgres, rabbitmq, the hub's uid 1654) read the files through bind mounts: 0644 in a 0700
# folder keeps them from other users of this machine.
umask 022
random() { openssl rand -hex 24; }
hash() { printf 'sha256:%s' "$(printf %s "$1" | sha256sum | cut -d' ' -f1)"; }

pg="$(random)" mq="$(random)" ops="$(random)" shop="$(random)"
printf %s "$pg" >"$dir/postgres-password"
printf 'Host=postgres;Port=5432;Database=commercebus;Username=commercebus;Password=%s' "$pg" >"$dir/hub-postgres"
printf 'default_user = hub\ndefault_pass = %s\ndefault_vhost = commerce\n' "$mq" >"$dir/rabbitmq-default-user.conf"
printf 'amqp://hub:%s@rabbitmq:5672/commerce' "$mq" >"$dir/hub-rabbitmq"
printf %s "$ops" >"$dir/ops-api-key"
hash "$ops" >"$dir/ops-api-key-hash"
hash "$shop" >"$dir/webshop-api-key-hash"
echo "operator API key (X-Api-Key; also Prometheus's, in secrets/ops-api-key): $ops"
echo "web shop API key (X-Api-Key, role intake; not stored): $shop"
