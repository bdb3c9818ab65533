"""Use cases of the documents service: registering an incoming document (a command handler with its
repository of registers) and getting one back (a query on the read model), behind their ports.
"""
