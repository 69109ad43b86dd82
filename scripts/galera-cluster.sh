#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on 127.0.0.1 for development, configured like the one the
# tests start (api/src/test/java/io/waddleperf/api/support/GaleraCluster.java) and like
# docs/operations/galera.md asks of production.
#
#   scripts/galera-cluster.sh start    start (bootstraps a new cluster on first use), print the JDBC URL
#   scripts/galera-cluster.sh status   wsrep status of every node
#   scripts/galera-cluster.sh stop     stop every node cleanly (data is kept)
#   scripts/galera-cluster.sh reset    stop and delete the data
#
# Needs: apt-get install mariadb-server galera-4 rsync
# WADDLEPERF_GALERA_DIR (default /var/tmp/waddleperf-galera) holds the data; it must be reachable
# by the mysql account when run as root. WADDLEPERF_GALERA_PORT (default 13306) is node 1's client
# port and nodes 2 and 3 take the next two; node n's Galera ports are 1000 + 10 * (n - 1) above
# the base: group communication, then IST and SST receivers (14306-14308, 14316-14318, ...).
set -euo pipefail

dir="${WADDLEPERF_GALERA_DIR:-/var/tmp/waddleperf-galera}"
base_port="${WADDLEPERF_GALERA_PORT:-13306}"
provider=/usr/lib/galera/libgalera_smm.so
nodes=(1 2 3)

log() { printf '[galera] %s\n' "$*"; }
die() { printf '[galera] %s\n' "$*" >&2; exit 1; }

client_port() { echo $((base_port + $1 - 1)); }
gcomm_port() { echo $((base_port + 1000 + 10 * ($1 - 1))); }

# Galera's status variable $2 of node $1, empty when the node does not answer.
status_of() {
  mariadb --no-defaults -uroot -h127.0.0.1 -P"$(client_port "$1")" --connect-timeout=2 -N -B \
    -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | cut -f2
}

pid_of() {
  local file="$dir/node$1/mariadbd.pid"
  [ -s "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null && cat "$file"
}

require_tools() {
  local missing=()
  for tool in mariadbd mariadb-install-db mariadb rsync wsrep_sst_rsync; do
    command -v "$tool" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin" command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ -r "$provider" ] || missing+=("$provider")
  [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}: apt-get install mariadb-server galera-4 rsync"
  export PATH="$PATH:/usr/sbin"
}

write_config() {
  local n=$1 peers="" i
  for i in "${nodes[@]}"; do peers="${peers:+$peers,}127.0.0.1:$(gcomm_port "$i")"; done
  local d="$dir/node$n" g
  g=$(gcomm_port "$n")
  mkdir -p "$d/data" "$d/tmp"
  cat >"$d/my.cnf" <<EOF
[mariadbd]
datadir=$d/data
tmpdir=$d/tmp
socket=$d/sock
pid-file=$d/mariadbd.pid
log-error=$d/error.log
port=$(client_port "$n")
bind-address=127.0.0.1
$([ "$(id -u)" -eq 0 ] && echo "user=mysql")
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
default_storage_engine=InnoDB
binlog_format=ROW
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$provider
wsrep_cluster_name=waddleperf-dev
wsrep_cluster_address=gcomm://$peers
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1
wsrep_node_incoming_address=127.0.0.1:$(client_port "$n")
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$g;ist.recv_addr=127.0.0.1:$((g + 1));gcache.size=128M"
wsrep_sst_receive_address=127.0.0.1:$((g + 2))
wsrep_sst_method=rsync
wsrep_mode=REQUIRED_PRIMARY_KEY,STRICT_REPLICATION
EOF
  [ "$(id -u)" -ne 0 ] || chown -R mysql:mysql "$d"
}

# Waits until node $1 is synced in a primary component of $2 nodes.
await_node() {
  local n=$1 size=$2 deadline=$((SECONDS + 120))
  until [ "$(status_of "$n" wsrep_local_state_comment)" = Synced ] \
    && [ "$(status_of "$n" wsrep_ready)" = ON ] \
    && [ "$(status_of "$n" wsrep_cluster_size)" = "$size" ]; do
    [ -n "$(pid_of "$n")" ] || die "node$n exited; see $dir/node$n/error.log"
    [ $SECONDS -lt $deadline ] || die "node$n not synced after 120 s; see $dir/node$n/error.log"
    sleep 0.2
  done
}

launch() {
  local n=$1; shift
  mariadbd --defaults-file="$dir/node$n/my.cnf" "$@" >>"$dir/node$n/mariadbd.out" 2>&1 &
  # The server writes its pid file only once InnoDB is up; wait for it so pid_of works.
  local deadline=$((SECONDS + 60))
  until [ -n "$(pid_of "$n")" ]; do
    kill -0 $! 2>/dev/null || die "node$n failed to start; see $dir/node$n/error.log"
    [ $SECONDS -lt $deadline ] || die "node$n wrote no pid file in 60 s"
    sleep 0.2
  done
}

# The node that may bootstrap: after a clean stop of all nodes, the one that stopped last.
bootstrap_node() {
  local n
  for n in "${nodes[@]}"; do
    if grep -q '^safe_to_bootstrap: 1' "$dir/node$n/data/grastate.dat" 2>/dev/null; then
      echo "$n"; return
    fi
  done
}

start() {
  require_tools
  local n running=0
  for n in "${nodes[@]}"; do [ -z "$(pid_of "$n")" ] || running=$((running + 1)); done
  [ $running -eq 0 ] || die "$running node(s) already running; use status or stop"
  local first
  if [ ! -d "$dir/node1/data/mysql" ]; then
    for n in "${nodes[@]}"; do write_config "$n"; done
    mariadb-install-db --defaults-file="$dir/node1/my.cnf" --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/node1/install-db.log" 2>&1 || die "mariadb-install-db failed; see $dir/node1/install-db.log"
    first=1
  else
    first=$(bootstrap_node)
    [ -n "$first" ] || die "no node is safe to bootstrap (the cluster did not stop cleanly); see docs/operations/galera.md, or reset"
  fi
  local started=$SECONDS size=1
  launch "$first" --wsrep-new-cluster
  await_node "$first" 1
  for n in "${nodes[@]}"; do
    [ "$n" != "$first" ] || continue
    launch "$n"
    size=$((size + 1))
    await_node "$n" "$size"
  done
  mariadb --no-defaults -uroot -h127.0.0.1 -P"$(client_port 1)" \
    -e "CREATE DATABASE IF NOT EXISTS waddleperf CHARACTER SET utf8mb4"
  log "3 nodes synced in $((SECONDS - started)) s"
  log "SPRING_DATASOURCE_URL=jdbc:mariadb:sequential://127.0.0.1:$(client_port 1),127.0.0.1:$(client_port 2),127.0.0.1:$(client_port 3)/waddleperf"
  log "SPRING_DATASOURCE_USERNAME=root (no password; loopback only)"
}

status() {
  local n
  for n in "${nodes[@]}"; do
    if [ -z "$(pid_of "$n")" ]; then
      log "node$n 127.0.0.1:$(client_port "$n") stopped"
    else
      log "node$n 127.0.0.1:$(client_port "$n") pid $(pid_of "$n"):" \
        "cluster_status=$(status_of "$n" wsrep_cluster_status)" \
        "cluster_size=$(status_of "$n" wsrep_cluster_size)" \
        "ready=$(status_of "$n" wsrep_ready)" \
        "state=$(status_of "$n" wsrep_local_state_comment)"
    fi
  done
}

stop() {
  local n pid
  # One at a time, so the last node standing is marked safe to bootstrap the next start.
  for n in 3 2 1; do
    pid=$(pid_of "$n") || continue
    kill -TERM "$pid"
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null; do
      if [ $SECONDS -ge $deadline ]; then
        log "node$n (pid $pid) ignored SIGTERM for 60 s; killing it"
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
      fi
      sleep 0.2
    done
    log "node$n stopped"
  done
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  reset) stop; rm -rf "$dir"; log "deleted $dir" ;;
  *) die "usage: $0 start|status|stop|reset" ;;
esac
