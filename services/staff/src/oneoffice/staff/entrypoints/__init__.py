"""Entry points of the staff service (gRPC server, Kafka subscribers, CLI): translate, then delegate."""
