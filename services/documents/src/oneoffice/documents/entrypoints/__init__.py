"""Entry points of the documents service (gRPC server, Kafka subscribers, CLI): translate, then delegate."""
