"""What the analysis overlay shows: the experience curve (off, per lane, shared), handoff marks, timeline mode.

The app keeps the choice of its canvas here too, so that pictures it exports (File > Export, which
paints a fresh scene) show what the canvas shows. The command line never sets it: its pictures show
what its options ask for.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.layout import LayoutStyle
from journeymap.layout.curve import CURVE_MODES, with_overlay


@dataclass(frozen=True)
class Overlay:
    curve: str = "off"  # one of CURVE_MODES
    handoffs: bool = False
    timeline: bool = False  # stage widths follow their durations, with a ruler

    def __post_init__(self) -> None:
        if self.curve not in CURVE_MODES:
            raise ValueError(f"curve must be one of {', '.join(CURVE_MODES)}, not {self.curve!r}")

    @property
    def active(self) -> bool:
        return self.curve != "off" or self.handoffs or self.timeline

    def style(self, base: LayoutStyle | None = None) -> LayoutStyle:
        """The layout style with room for what is shown (apply before scaling for workshop mode)."""
        return with_overlay(base or LayoutStyle(), self.curve, self.handoffs, self.timeline)


_shown = Overlay()


def shown_overlay() -> Overlay:
    """What the app's canvas shows now (off outside the app)."""
    return _shown


def set_shown_overlay(overlay: Overlay) -> None:
    global _shown
    _shown = overlay
