"""Entry points of the reporting service (gRPC servicer, its error mapping and server, CLI): translate, then
delegate. Its Kafka and store subscriptions are adapters, wired in :mod:`..bootstrap`."""
