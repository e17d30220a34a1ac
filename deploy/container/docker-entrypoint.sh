#!/bin/sh
# Entry point of the CommerceBus image: reads secrets from mounted files, then runs the hub (or its migrate command)
# with the container's arguments.
#
# The hub reads its configuration from environment variables (CommerceBus__Storage__PostgreSql, ...), not from files.
# So, as the postgres and rabbitmq images do, a configuration variable NAME_FILE=/run/secrets/x sets NAME to that
# file's content (trailing newlines removed): a compose secret or a Kubernetes secret volume never has to be an
# environment entry in the orchestrator's configuration. Only names with a section separator (__, as in
# CommerceBus__Storage__PostgreSql_FILE or Kestrel__Certificates__Default__Password_FILE) count: other *_FILE
# variables (SSL_CERT_FILE, ...) belong to other programs and are left alone.
set -eu

for var in $(env | sed -n 's/^\([A-Za-z][A-Za-z0-9_]*__[A-Za-z0-9_]*\)_FILE=.*/\1/p'); do
    file="$(printenv "${var}_FILE")"
    if printenv "$var" >/dev/null 2>&1; then
        echo "docker-entrypoint: both $var and ${var}_FILE are set; set one of them" >&2
        exit 1
    fi
    if [ ! -r "$file" ]; then
        echo "docker-entrypoint: ${var}_FILE names $file, which cannot be read" >&2
        exit 1
    fi
    value="$(cat "$file")"
    export "$var=$value"
    unset "${var}_FILE"
done

exec dotnet /app/CommerceBus.Host.dll "$@"
