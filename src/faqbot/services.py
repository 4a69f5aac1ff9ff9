"""The services a running app holds, reachable from any request."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from .ask import Assistant
from .config import Settings
from .storage import Store


@dataclass
class Services:
    """What ``create_app`` builds once and every blueprint uses."""

    settings: Settings
    store: Store
    assistant: Assistant


def services() -> Services:
    """The current app's services (``app.extensions["faqbot"]``)."""
    return current_app.extensions["faqbot"]
