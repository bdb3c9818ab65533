"""OneOffice contracts: the only code services share about each other.

- :mod:`.events`: the events each service publishes (frozen, versioned pydantic models) and
  ``build_registry()`` to decode any stored or received payload;
- :mod:`.topics`: Kafka topic names (one per service) and dead-letter topics;
- :mod:`.json_schemas`: the JSON Schema of each event, exported to ``contracts/schemas/events``;
- :mod:`.grpc`: code generated from ``contracts/proto`` (``make proto``), never edited by hand.
"""
