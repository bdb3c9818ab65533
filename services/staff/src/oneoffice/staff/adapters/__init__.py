"""Adapters of the staff service: SQLAlchemy tables and repositories, Kafka and gRPC clients."""
