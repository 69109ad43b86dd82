#!/bin/sh
# Entry point of the Galera nodes: the image's own entry point, plus --wsrep-new-cluster on the
# bootstrap node (GALERA_BOOTSTRAP=1) when it has never been part of a cluster. A node that has
# (grastate.dat exists) rejoins instead, so restarting the bootstrap node never starts a second
# cluster. After all three went down, see docs/operations/compose.md ("Whole cluster down").
set -e
if [ "${GALERA_BOOTSTRAP:-0}" = 1 ] && [ ! -e /var/lib/mysql/grastate.dat ]; then
  set -- "$@" --wsrep-new-cluster
fi
exec docker-entrypoint.sh "$@"
