"""``python -m oneoffice.staff``: the service's command line."""

from oneoffice.staff.entrypoints.cli import app

if __name__ == "__main__":
    app()
