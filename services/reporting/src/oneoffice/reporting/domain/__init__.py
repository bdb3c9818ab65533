"""The reporting domain: aggregates, value objects and domain events. Imports no framework."""
