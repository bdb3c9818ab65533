"""HTTP routes (JSON API and web pages), error mapping and the CLI: translate, then delegate."""
