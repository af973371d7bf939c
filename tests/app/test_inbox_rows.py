"""The Inbox's rows: long ideas wrap within the panel's width, every line shown, and wrap again when
the panel is made narrower (row heights are measured once per row, not by the list on every arrival)."""

from __future__ import annotations

from journeymap.editing.document import Document
from journeymap.model import Kind, Submission
from journeymap.widgets.panels.inbox_panel import InboxPanel

LONG = "Customers cannot find the invoice download after the plan changes and call support instead " * 2


def _heights(panel: InboxPanel) -> list[int]:
    return [panel.list.visualItemRect(panel.list.item(row)).height() for row in range(panel.list.count())]


def test_long_ideas_wrap_within_the_panel_and_again_when_it_narrows(qtbot) -> None:
    document = Document()
    panel = InboxPanel(document)
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    qtbot.waitExposed(panel)
    inbox = document.journey.inbox
    inbox.add(Submission("Short", Kind.TOUCHPOINT, None, None, None))
    inbox.add(Submission(LONG.strip(), Kind.PAIN_POINT, None, None, "Ana"))
    assert panel.list.count() == 2

    short, long = _heights(panel)
    line = panel.list.fontMetrics().lineSpacing()
    assert short == 2 * line  # title and details
    assert long >= 4 * line  # the long title wraps onto several lines, all of them shown
    width = panel.list.viewport().width()
    assert all(panel.list.visualItemRect(panel.list.item(r)).width() <= width for r in range(2))  # no sideways scroll

    panel.resize(220, 700)
    qtbot.waitUntil(lambda: _heights(panel)[1] > long, timeout=3000)  # narrower: more lines
    assert _heights(panel)[0] == short
    assert panel.list.visualItemRect(panel.list.item(1)).width() <= panel.list.viewport().width()
