"""``python -m oneoffice.reporting``: the service's command line."""

from oneoffice.reporting.entrypoints.cli import app

if __name__ == "__main__":
    app()
