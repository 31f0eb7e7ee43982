# Sourced by the benchmarks: a throwaway PostgreSQL server on a free loopback port (initdb + pg_ctl, data in
# a folder of its own, default durability settings; as the postgres user when run as root).
#   start_postgres FOLDER   starts it with its data in FOLDER (new, empty); sets pg_bin, pg_port, pg_as
#   postgres_database NAME  creates a database and prints its postgres:// URL
#   stop_postgres           stops it (call from the caller's EXIT trap)

start_postgres() {
  pg_folder=$1
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL's server binaries are not in /usr/lib/postgresql/*/bin; run scripts/setup" >&2
    return 1
  fi
  pg_as=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_folder"; pg_as=(runuser -u postgres --); fi
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_folder/pg" -U strata --auth=trust -E UTF8 --locale=C >/dev/null
  "${pg_as[@]}" "$pg_bin/pg_ctl" start -D "$pg_folder/pg" -w -l "$pg_folder/pg.log" \
    -o "-p $pg_port -k $pg_folder -c listen_addresses=127.0.0.1" >/dev/null
}

postgres_database() {
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U strata "$1"
  echo "postgres://strata@127.0.0.1:$pg_port/$1"
}

stop_postgres() {
  [ -n "${pg_folder:-}" ] || return 0
  "${pg_as[@]}" "$pg_bin/pg_ctl" stop -D "$pg_folder/pg" -m immediate -w >/dev/null 2>&1 || true
}
