"""OneOffice in one process, for the demo and for trying it out: ``python -m oneoffice.embedded``.

The documents, staff and reporting gRPC servers listen on loopback (any free port) with SQLite files
in the data directory, and the gateway serves HTTP in the same asyncio loop; no Kafka, no PostgreSQL.

This package composes deployables: it is the one place allowed to import several services, because
it is not a service but a way of running them together. Each service is still built through its own
``bootstrap`` and ``entrypoints.grpc_server``, exactly as its own process would, and the gateway
still reaches them over gRPC only.
"""
