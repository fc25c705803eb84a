"""Read replicas: anonymous readers' pages read from a PostgreSQL streaming
replica (`DATABASE_REPLICA_URLS`), everything else from the primary.

`routing` decides per request and holds the database router; `positions`
keeps the WAL position a replica must have replayed before it may serve
readers, so that a kill, a correction or a publish is never undone by a
lagging replica (see README, "Read replicas").
"""
