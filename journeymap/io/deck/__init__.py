"""Editable PowerPoint decks (.pptx) with python-pptx: the map as native shapes, no Qt.

Modules: :mod:`measure` (Arial metrics), :mod:`plan` (which stages and heights on which slide),
:mod:`shapes` (boxes, text, connectors), :mod:`map_slide`, :mod:`tables`, :mod:`analysis_slides`
and :mod:`writer` (the export).
"""

from journeymap.io.deck.writer import build_deck, pptx_bytes, write_pptx

__all__ = ["build_deck", "pptx_bytes", "write_pptx"]
