"""What the gateway does beyond translating HTTP: the ports it needs and the queries it composes."""
