"""Readable or told: the printed size of the smallest text, checked before anything is drawn.

A map fitted onto a sheet too small for it prints its card details at 3 pt, which nobody can read
on a wall. Preflight computes the printed size of the smallest text at the chosen paper and scale,
and when it falls below a legible minimum, names a paper that would fix it.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.io.pdf.paper import ARCH_PAPERS, ISO_PAPERS, US_PAPERS, Paper
from journeymap.io.pdf.plan import PosterOptions, PosterPlan, best_orientation, fit_scale
from journeymap.layout import MapLayout, TextStyle

LEGIBLE_MINIMUM = 6.0  # points: small print on a poster read from arm's length


@dataclass(frozen=True)
class Preflight:
    smallest: float  # the smallest text size in the poster, before scaling
    what: str  # which text that is, in the user's words
    printed: float  # its size on paper
    minimum: float
    suggestion: str  # a paper (or scale) that would print it legibly, or ""

    @property
    def ok(self) -> bool:
        return self.printed + 1e-6 >= self.minimum

    def message(self, where: str) -> str:
        text = (
            f"the smallest text ({self.what}) prints at {self.printed:.1f} pt on {where}, below the legible "
            f"{self.minimum:g} pt"
        )
        return f"{text}; {self.suggestion}" if self.suggestion else text


def text_sizes(layout: MapLayout, extra: list[tuple[str, TextStyle]] | None = None) -> list[tuple[str, float]]:
    """Every text size the poster actually prints, with what it is used for."""
    s = layout.style
    sizes: list[tuple[str, float]] = []
    if layout.stages:
        sizes.append(("stage names", s.stage_name.size))
        if any(stage.field_lines for stage in layout.stages.values()):
            sizes.append(("stage goals and owners", s.stage_field.size))
    if layout.lanes:
        sizes.append(("persona names", s.lane_name.size))
        if any(lane.text_lines for lane in layout.lanes.values()):
            sizes.append(("persona descriptions", s.lane_text.size))
    if layout.cards:
        sizes.append(("card titles", s.card_title.size))
        if any(card.meta_lines for card in layout.cards.values()):
            sizes.append(("card channels and owners", s.card_meta.size))
    if layout.milestones:
        sizes.append(("milestones", s.milestone_title.size))
    if layout.band.height > 0:
        sizes.append(("milestone band label", s.lane_text.size))
    sizes.extend((name, style.size) for name, style in extra or [])
    return sizes


def check_legibility(
    plan: PosterPlan, sizes: list[tuple[str, float]], options: PosterOptions, minimum: float = LEGIBLE_MINIMUM
) -> Preflight:
    what, smallest = min(sizes, key=lambda item: item[1]) if sizes else ("text", 10.0)
    printed = smallest * plan.scale
    suggestion = ""
    if printed + 1e-6 < minimum:
        suggestion = _suggest(plan, smallest, options, minimum)
    return Preflight(smallest, what, printed, minimum, suggestion)


def _suggest(plan: PosterPlan, smallest: float, options: PosterOptions, minimum: float) -> str:
    needed = minimum / smallest
    if options.scale is not None:
        # A chosen scale is kept whatever the paper, so only a larger scale helps (a larger paper
        # or tiling then holds the bigger map).
        return f"print at scale {needed:.2f} or more, or leave the scale out to fit the paper"
    margin = 0.0 if options.tile else options.margin
    families = [ISO_PAPERS, ARCH_PAPERS, US_PAPERS]
    # Suggest within the family the user chose first: someone printing on ARCH sheets wants ARCH.
    chosen = options.paper
    if chosen is not None:
        families.sort(key=lambda family: chosen.name not in {p.name for p in family})
    for family in families:
        for paper in family:
            turned = best_orientation(plan.content_width, plan.content_height, paper, margin, options.landscape)
            scale = fit_scale(plan.content_width, plan.content_height, turned, margin)
            if scale >= needed and _larger(paper, options.paper):
                return f"{paper.describe()} or larger would print it at {smallest * scale:.1f} pt" + (
                    " (tiled)" if options.tile else ""
                )
    tile = options.tile.name if options.tile else "A4"
    return (
        f"no standard paper is large enough; print at scale {needed:.2f} or more, tiled "
        f"(e.g. --tile {tile} --scale {needed:.2f})"
    )


def _larger(paper: Paper, current: Paper | None) -> bool:
    if current is None:
        return True
    return paper.width * paper.height > current.width * current.height * 1.0001
