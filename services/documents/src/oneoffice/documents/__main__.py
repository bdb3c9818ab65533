"""``python -m oneoffice.documents``: the service's command line."""

from oneoffice.documents.entrypoints.cli import app

if __name__ == "__main__":
    app()
