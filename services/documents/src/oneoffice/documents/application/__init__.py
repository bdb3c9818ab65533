"""Use cases of the documents service: command handlers, policies (reactions to events) and queries."""
