"""Paper names, custom sizes, the 200 in limit, and how a poster is planned onto pages and tiles."""

from __future__ import annotations

import pytest

from journeymap.io.pdf.paper import INCH, MM, PAPERS, PaperError, parse_paper, tile_paper
from journeymap.io.pdf.plan import PosterOptions, plan_poster, row_letters, tile_window


@pytest.mark.parametrize(
    ("text", "width_mm", "height_mm"),
    [
        ("A4", 210, 297),
        ("a3", 297, 420),
        ("A2", 420, 594),
        ("A1", 594, 841),
        ("A0", 841, 1189),
        ("Letter", 215.9, 279.4),
        ("legal", 215.9, 355.6),
        ("Tabloid", 279.4, 431.8),
        ("ARCH C", 457.2, 609.6),
        ("arch-d", 609.6, 914.4),
        ("ARCH_E", 914.4, 1219.2),
        ("900x600mm", 900, 600),
        ("900 x 600", 900, 600),
        ("90x60cm", 900, 600),
        ("36x24in", 914.4, 609.6),
        ('36"x24"', 914.4, 609.6),
        ("841,5x1189mm", 841.5, 1189),
    ],
)
def test_paper_sizes(text: str, width_mm: float, height_mm: float) -> None:
    paper = parse_paper(text)
    assert paper.width / MM == pytest.approx(width_mm, abs=0.05)
    assert paper.height / MM == pytest.approx(height_mm, abs=0.05)


def test_orientation_turns_the_long_side() -> None:
    a3 = PAPERS["A3"]
    assert a3.oriented(True).width == pytest.approx(420 * MM)
    assert a3.oriented(False).width == pytest.approx(297 * MM)
    assert parse_paper("900x600mm").oriented(False).height == pytest.approx(900 * MM)


@pytest.mark.parametrize("text", ["201x10in", "6000x100mm", "10x5081mm"])
def test_sides_over_200_inches_are_refused(text: str) -> None:
    with pytest.raises(PaperError, match="200 in"):
        parse_paper(text)


def test_exactly_200_inches_is_allowed() -> None:
    assert parse_paper("200x100in").width == pytest.approx(200 * INCH)


@pytest.mark.parametrize("text", ["B5", "A9", "huge", "0x100mm", ""])
def test_unknown_papers_name_the_choices(text: str) -> None:
    with pytest.raises(PaperError):
        parse_paper(text)


def test_tiles_only_on_office_sheets() -> None:
    assert tile_paper("letter").name == "Letter"
    with pytest.raises(PaperError, match="A4, Letter, A3"):
        tile_paper("A0")


def test_row_letters_go_past_z() -> None:
    assert [row_letters(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_fit_to_page_uses_the_room_inside_the_margins() -> None:
    plan = plan_poster(1000, 500, PosterOptions.from_values("A3", landscape=True, margin=10))
    assert plan.page.width == pytest.approx(420 * MM)
    assert plan.scale == pytest.approx((420 - 20) * MM / 1000)
    left, top = plan.origin
    assert left == pytest.approx(10 * MM)
    assert top == pytest.approx((plan.page.height - 500 * plan.scale) / 2)


def test_orientation_is_chosen_for_the_larger_print_when_not_given() -> None:
    wide = plan_poster(2000, 600, PosterOptions.from_values("A2"))
    assert wide.page.is_landscape
    tall = plan_poster(600, 2000, PosterOptions.from_values("A2"))
    assert not tall.page.is_landscape
    asked = plan_poster(2000, 600, PosterOptions.from_values("A2", landscape=False))
    assert not asked.page.is_landscape


def test_a_chosen_scale_that_does_not_fit_is_refused_with_the_fitting_scale() -> None:
    with pytest.raises(PaperError, match="does not fit A4"):
        plan_poster(2000, 1000, PosterOptions.from_values("A4", scale=1.0))
    plan = plan_poster(400, 300, PosterOptions.from_values("A4", scale=1.0))
    assert plan.scale == 1.0


def test_without_paper_the_page_fits_the_map_at_its_scale() -> None:
    plan = plan_poster(1000, 800, PosterOptions.from_values(scale=2, margin=0))
    assert (plan.page.width, plan.page.height) == (2000, 1600)


def test_without_paper_a_huge_map_shrinks_to_the_pdf_limit_and_says_so() -> None:
    plan = plan_poster(30_000, 1_000, PosterOptions())
    assert plan.page.width <= 200 * INCH + 0.01
    assert plan.notes and "200 in" in plan.notes[0]
    with pytest.raises(PaperError, match="200 in"):
        plan_poster(30_000, 1_000, PosterOptions(scale=1.0))


def test_a0_on_a4_is_five_by_five_sheets_that_overlap() -> None:
    a0 = PAPERS["A0"]
    plan = plan_poster(a0.width, a0.height, PosterOptions.from_values("A0", tile="A4"))
    assert plan.page_count == 26
    rows, columns = plan.tiles[-1].rows, plan.tiles[-1].columns
    assert (rows, columns) == (5, 5)
    first, second = plan.tiles[0], plan.tiles[1]
    assert second.window.x == pytest.approx(first.window.right - 10 * MM)
    below = plan.tiles[columns]
    assert below.window.y == pytest.approx(first.window.bottom - 10 * MM)
    # Together the windows cover the whole poster.
    assert plan.tiles[-1].window.right >= plan.printed_width
    assert plan.tiles[-1].window.bottom >= plan.printed_height
    assert plan.tiles[7].caption == "B3, row 2 of 5, column 3 of 5"


def test_tile_window_keeps_the_printable_margin_and_room_for_marks_and_label() -> None:
    sheet = PAPERS["A4"]
    window = tile_window(sheet, 6 * MM)
    assert window.x > 6 * MM and window.y > 6 * MM
    assert window.right < sheet.width - 6 * MM
    assert window.bottom < sheet.height - 6 * MM - 5 * MM


def test_tiles_without_paper_print_the_map_at_its_scale() -> None:
    plan = plan_poster(1500, 1000, PosterOptions.from_values(tile="Letter"))
    assert plan.scale == 1.0
    assert plan.tile_sheet is not None and plan.tile_sheet.name == "Letter"
    assert len(plan.tiles) == plan.tiles[-1].rows * plan.tiles[-1].columns > 1


def test_an_overlap_larger_than_the_sheet_is_refused() -> None:
    with pytest.raises(PaperError, match="no room"):
        plan_poster(1500, 1000, PosterOptions.from_values(tile="A4", margin=90, overlap=100))


def test_too_many_sheets_are_refused() -> None:
    with pytest.raises(PaperError, match="sheets"):
        plan_poster(14_000, 14_000, PosterOptions.from_values(tile="A4", scale=1))


@pytest.mark.parametrize(("field", "value"), [("margin", -1), ("overlap", 500), ("scale", 0)])
def test_options_out_of_range(field: str, value: float) -> None:
    with pytest.raises(PaperError, match="out of range"):
        PosterOptions.from_values(**{field: value})


def test_a_nearly_empty_last_row_or_column_of_tiles_is_dropped_by_printing_a_little_smaller() -> None:
    """Issue 11: A1 over A4 took more sheets than a slightly smaller print needs, some nearly blank."""
    from journeymap.io.pdf.plan import PosterOptions, plan_poster

    fitted = plan_poster(1400, 900, PosterOptions.from_values(paper="A1", tile="A4"))
    assert len(fitted.tiles) == 10
    assert fitted.notes and "takes 10 sheets instead of 15" in fitted.notes[0]
    plain_scale = plan_poster(1400, 900, PosterOptions.from_values(paper="A1")).scale
    assert 0.95 * plain_scale <= fitted.scale < plain_scale
    # Every tile still holds a real part of the map: the last column and row hold over a fifth of a sheet.
    assert fitted.window is not None
    last = max(fitted.tiles, key=lambda t: (t.window.x, t.window.y))
    assert fitted.printed_width - last.window.x > 0.2 * fitted.window.width
    assert fitted.printed_height - last.window.y > 0.2 * fitted.window.height
    # A scale the user chose is kept; the saving is only advised.
    chosen = plan_poster(1400, 900, PosterOptions.from_values(paper="A1", tile="A4", scale=plain_scale))
    assert len(chosen.tiles) == 15 and "would take 10 sheets instead of 15" in chosen.notes[0]
