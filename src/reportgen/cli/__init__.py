"""Command line: the typer application (``app``) and the console entry point (``main``)."""

from reportgen.cli.app import app, main

__all__ = ["app", "main"]
