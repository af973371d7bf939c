"""PDF posters with reportlab: the map whole on one page, or tiled over office sheets. No Qt.

Modules: :mod:`paper` (sizes), :mod:`fonts` (the bundled fonts registered with reportlab, and
fallback), :mod:`text` (drawing runs; the layout measured them), :mod:`plan` (page, scale, tiles),
:mod:`preflight` (legibility), :mod:`title_block`, :mod:`board` and :mod:`tiling` (drawing),
:mod:`writer` (the export).
"""

from journeymap.io.pdf.paper import PAPERS, TILE_PAPERS, Paper, PaperError, parse_paper
from journeymap.io.pdf.plan import PosterOptions, PosterPlan, Tile, plan_poster
from journeymap.io.pdf.writer import Poster, pdf_bytes, prepare_poster, render_pdf, replan_poster, write_pdf

__all__ = [
    "PAPERS",
    "TILE_PAPERS",
    "Paper",
    "PaperError",
    "Poster",
    "PosterOptions",
    "PosterPlan",
    "Tile",
    "parse_paper",
    "pdf_bytes",
    "plan_poster",
    "prepare_poster",
    "render_pdf",
    "replan_poster",
    "write_pdf",
]
