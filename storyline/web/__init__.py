"""The web UI and REST API: ``create_app(settings)`` builds the FastAPI application.

Only this package imports the web framework; it calls the same library functions
as the command line (``storyline.query``, ``storyline.judge``, ``storyline.build``).
"""

from storyline.web.app import create_app

__all__ = ["create_app"]
