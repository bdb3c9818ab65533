"""The gateway: the only door for front ends. FastAPI JSON API and a server-rendered Vietnamese web
UI; it talks to the services over gRPC only.

Run it with ``python -m oneoffice.gateway serve``; :func:`.bootstrap.create_app` is its composition root.
"""
