#!/usr/bin/env bash
# Makes a local PostgreSQL ready for the test suites, on Debian as root, with
# nothing but apt. Safe to run again: an installed, running server is reused.
#
#   bash scripts/ci/postgres.sh     prints DESKGATE_TEST_POSTGRES_URL=postgres://...
#   source scripts/ci/postgres.sh   prints it and also exports it
#
# Progress goes to stderr; stdout carries only that one line. The password is
# a fixed test-only one: the server listens on localhost only.

deskgate_postgres_setup() (
  set -euo pipefail
  role=deskgate
  password=deskgate_test_only
  database=deskgate_test

  say() { echo "postgres.sh: $*" >&2; }

  if [[ $(id -u) -ne 0 ]]; then
    say "run me as root (I install packages and start the cluster)"
    exit 1
  fi

  if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || ! command -v pg_ctlcluster >/dev/null; then
    say "installing PostgreSQL from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
  fi

  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    say "creating cluster $version/main"
    pg_createcluster "$version" main >&2
  fi

  status=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')
  port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
  if [[ $status != online* ]]; then
    say "starting cluster $version/main on port $port"
    pg_ctlcluster "$version" main start >&2
  fi

  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
    say "PostgreSQL $version did not become ready on port $port"
    exit 1
  fi

  as_postgres() {
    if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  }
  psql_admin() { as_postgres psql -p "$port" -X -q -v ON_ERROR_STOP=1 -At "$@"; }

  say "ensuring role $role and database $database"
  psql_admin -d postgres >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN PASSWORD '$password';
  ELSE
    ALTER ROLE $role LOGIN PASSWORD '$password';
  END IF;
END
\$\$;
SQL
  if [[ -z $(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'") ]]; then
    psql_admin -d postgres -c "CREATE DATABASE $database OWNER $role" >&2
  fi

  url="postgres://$role:$password@127.0.0.1:$port/$database"
  if ! psql "$url" -X -q -At -c 'SELECT 1' >/dev/null; then
    say "could not log in as $role over TCP; check pg_hba.conf of cluster $version/main"
    exit 1
  fi
  say "PostgreSQL $version ready on 127.0.0.1:$port"
  echo "DESKGATE_TEST_POSTGRES_URL=$url"
)

if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
  # Sourced: a failure must not end the caller's shell, only report it.
  if deskgate_postgres_line=$(deskgate_postgres_setup); then
    echo "$deskgate_postgres_line"
    export "${deskgate_postgres_line?}"
    unset deskgate_postgres_line
  else
    unset deskgate_postgres_line
    return 1
  fi
else
  deskgate_postgres_setup
fi
