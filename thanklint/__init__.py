"""thanklint — a linter for the thank-you note you send after a job interview."""

from thanklint.__about__ import __version__

__all__ = ["lint", "lint_path", "Linter", "Report", "Finding", "Config", "Context", "__version__"]


def __getattr__(name: str):
    # Lazy, so `thanklint --version` does not import the engine.
    if name in ("lint", "lint_path", "Linter"):
        from thanklint import api

        return getattr(api, name)
    if name == "Report":
        from thanklint.report import Report

        return Report
    if name == "Finding":
        from thanklint.model import Finding

        return Finding
    if name == "Config":
        from thanklint.config import Config

        return Config
    if name == "Context":
        from thanklint.context import Context

        return Context
    raise AttributeError(name)
