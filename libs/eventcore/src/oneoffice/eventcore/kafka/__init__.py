"""The Kafka edge of the runtime: the producer used by the outbox relay, and subscriptions."""
