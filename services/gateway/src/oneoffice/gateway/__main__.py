"""``python -m oneoffice.gateway``: the gateway's command line."""

from oneoffice.gateway.entrypoints.cli import app

if __name__ == "__main__":
    app()
