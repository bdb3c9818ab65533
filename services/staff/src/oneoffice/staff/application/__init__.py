"""Use cases of the staff service: none yet.

Its command handlers, policies (reactions to events) and queries go here, each reading
load → decide → save like the documents service's ``RegisterIncomingDocumentHandler``.
"""
