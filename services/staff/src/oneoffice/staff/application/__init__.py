"""Use cases of the staff service: command handlers, policies (reactions to events) and queries."""
