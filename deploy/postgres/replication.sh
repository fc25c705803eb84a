#!/bin/sh
# Lets the `db-replica` service (docker-compose.yml, profile "replica")
# stream from this primary. The official image runs it once, when it
# initialises an empty data directory; an existing volume needs the same
# line added by hand, then `SELECT pg_reload_conf()`.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
