"""Use cases of the reporting service: command handlers, policies (reactions to events) and queries."""
