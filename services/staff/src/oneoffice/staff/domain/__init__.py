"""The staff domain: empty so far.

Its aggregates, value objects and events go here, as plain Python that imports no framework.
"""
