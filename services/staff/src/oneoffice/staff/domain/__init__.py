"""The staff domain: aggregates, value objects and domain events. Imports no framework."""
