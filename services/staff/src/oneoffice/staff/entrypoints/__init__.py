"""Entry points of the staff service (gRPC server with health and reflection only so far, CLI)."""
