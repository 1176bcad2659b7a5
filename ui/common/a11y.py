"""Accessible names and descriptions, so a screen reader can announce every control."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def describe(widget: QWidget, name: str, description: str) -> QWidget:
    """Give a control the name a screen reader announces and a sentence on what it does."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)
    return widget
