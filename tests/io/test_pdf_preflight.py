"""Preflight: the smallest printed text is checked against a legible minimum, with a fix named."""

from __future__ import annotations

import datetime as dt

from journeymap.io.formats import Severity
from journeymap.io.pdf import PosterOptions, prepare_poster
from journeymap.io.pdf.preflight import LEGIBLE_MINIMUM
from journeymap.model import JourneyMap, Touchpoint
from tests.factories import small_map

DATE = dt.date(2026, 1, 1)


def wide_map(stages: int = 16, lanes: int = 6) -> JourneyMap:
    journey = JourneyMap("Wide map")
    lane_ids = [journey.add_lane(f"Persona {i}") for i in range(lanes)]
    for index in range(stages):
        stage = journey.add_stage(f"Stage {index}")
        for lane in lane_ids:
            journey.add_card(stage, lane, Touchpoint(f"Card {index}", channel="Email", owner="CSM"))
    return journey


def warnings(journey: JourneyMap, options: PosterOptions) -> list[str]:
    poster = prepare_poster(journey, options, date=DATE)
    return [n.text for n in poster.notices if n.severity is Severity.WARNING]


def test_a_big_map_on_a_small_sheet_warns_and_names_a_paper_that_fixes_it() -> None:
    [message] = warnings(wide_map(), PosterOptions.from_values("A3"))
    assert "card channels and owners" in message
    assert f"below the legible {LEGIBLE_MINIMUM:g} pt" in message
    assert "A3 (420 x 297 mm) landscape" in message
    # The suggested paper really is large enough: exporting on it gives no warning.
    suggested = message.split("; ")[-1].split(" (")[0]
    assert suggested == "A0"
    assert warnings(wide_map(), PosterOptions.from_values(suggested)) == []


def test_an_arch_user_is_offered_an_arch_paper() -> None:
    [message] = warnings(wide_map(), PosterOptions.from_values("ARCH C"))
    assert "ARCH E (36 x 48 in) or larger" in message


def test_a_map_that_no_paper_can_hold_legibly_is_told_to_tile() -> None:
    [message] = warnings(wide_map(200, 2), PosterOptions.from_values("A0"))
    assert "--tile" in message and "--scale" in message


def test_small_maps_print_legibly_without_a_warning() -> None:
    assert warnings(small_map(), PosterOptions.from_values("A4")) == []
    assert warnings(small_map(), PosterOptions()) == []


def test_a_chosen_small_scale_is_checked_too() -> None:
    [message] = warnings(small_map(), PosterOptions.from_values(scale=0.5))
    assert "print at scale 0.71 or more" in message


def test_with_a_chosen_scale_the_advice_is_a_larger_scale_not_a_larger_paper() -> None:
    from journeymap.io.pdf.writer import pdf_bytes
    from journeymap.io.templates import load_template

    _, notices = pdf_bytes(load_template("cs-led"), PosterOptions.from_values(paper="A4", scale=0.2))
    warning = next(n.text for n in notices if n.severity.value == "warning")
    assert "print at scale" in warning and "A2" not in warning
