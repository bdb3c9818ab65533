"""Entry points of the reporting service (gRPC server, Kafka subscribers, CLI): translate, then delegate."""
