"""``python -m oneoffice.embedded [--port 8000] [--data-dir var]``."""

from oneoffice.embedded.cli import app

if __name__ == "__main__":
    app()
