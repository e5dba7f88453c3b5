#!/usr/bin/env bash
# Gives this machine a real PostgreSQL with pgvector and prints a test database URL on the last
# line. Debian 12 has PostgreSQL 15 but no pgvector package, so pgvector is built from Debian
# trixie's source package (about 10 s). Every step is skipped when its result is already there.
set -euo pipefail

DB_NAME="${PGVM_TEST_DB_NAME:-pgvm_test}"
log() { echo "[setup-postgres] $*" >&2; }

as_postgres() { su postgres -c "$1"; }

ensure_server_installed() {
  if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql 2>/dev/null | grep -q .; then return; fi
  log "installing PostgreSQL from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

cluster_version() { ls /etc/postgresql | sort -n | tail -n 1; }

ensure_server_running() {
  local v; v=$(cluster_version)
  pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || true
  for _ in $(seq 1 30); do
    as_postgres "psql -Atqc 'select 1'" >/dev/null 2>&1 && return
    sleep 1
  done
  log "PostgreSQL $v did not start"; exit 1
}

vector_available() {
  [ "$(as_postgres "psql -Atqc \"SELECT 1 FROM pg_available_extensions WHERE name='vector'\"")" = "1" ]
}

build_pgvector() {
  local v; v=$(cluster_version)
  log "building pgvector for PostgreSQL $v from Debian's source package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-$v" dpkg-dev make gcc >/dev/null
  cat > /etc/apt/sources.list.d/pgvector-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt-get update -qq
  local work; work=$(mktemp -d)
  (cd "$work" && apt-get source --download-only pgvector >/dev/null 2>&1 \
    && tar xzf pgvector_*.orig.tar.gz && cd pgvector-*/ \
    && make -s PG_CONFIG="/usr/lib/postgresql/$v/bin/pg_config" >/dev/null \
    && make -s PG_CONFIG="/usr/lib/postgresql/$v/bin/pg_config" install >/dev/null)
  rm -rf "$work"
}

ensure_test_database() {
  as_postgres "psql -qc \"ALTER ROLE postgres PASSWORD 'postgres'\"" >/dev/null
  if [ "$(as_postgres "psql -Atqc \"SELECT 1 FROM pg_database WHERE datname='$DB_NAME'\"")" != "1" ]; then
    as_postgres "createdb $DB_NAME"
  fi
}

ensure_server_installed
ensure_server_running
vector_available || build_pgvector
vector_available || { log "pgvector is still not available after the build"; exit 1; }
ensure_test_database
echo "postgres://postgres:postgres@127.0.0.1:5432/$DB_NAME"
