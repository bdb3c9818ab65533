"""Adapters of the gateway's ports: gRPC clients of the services."""
