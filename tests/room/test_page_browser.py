"""The phone page in a real browser (Debian's chromium driven by Playwright) at a 390 x 844 viewport."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymap.model import VotingRound
from journeymap.room.host import RoomHost

CHROMIUM = shutil.which("chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="needs Debian's chromium (apt-get install chromium chromium-driver; make test installs it when run as root)",
)


@pytest.fixture
def page(room: RoomHost) -> Iterator:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True
        )
        tab = context.new_page()
        problems: list[str] = []
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: problems.append(str(e)))
        tab.on("request", lambda r: None if r.url.startswith(room.url) else problems.append("left the room: " + r.url))
        tab.problems = problems
        yield tab
        context.close()
        browser.close()


def test_a_phone_adds_a_card_votes_and_sees_the_timer(room: RoomHost, page, tmp_path: Path) -> None:
    page.goto(room.url)
    page.wait_for_function("document.getElementById('title').textContent === 'Workshop map'")
    page.get_by_text("Connected to the facilitator's laptop").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") == 390  # nothing sticks out sideways
    assert not page.locator("#timer").is_visible() and not page.locator("#voting").is_visible()
    page.locator("input[value=pain_point] + span").click()
    hostile = "<img src=x onerror=alert(1)> Invoice arrives late"
    page.fill("#card-title", hostile)
    page.select_option("#stage", label="Adoption")
    page.select_option("#lane", label="Enterprise")
    page.fill("#author", "Ana")
    page.click("#send")
    page.get_by_text("Sent ✓ The facilitator has it.").wait_for()
    assert page.locator("#sent-list li").first.text_content() == hostile + "sent ✓"
    assert page.locator("#sent-list img").count() == 0  # text, never markup

    assert room.take_arrivals() == 1
    idea = room.journey.inbox.get(room.journey.inbox.ids()[0])
    assert (idea.title, idea.kind.value, idea.author) == (hostile, "pain_point", "Ana")
    assert (room.journey.stage(idea.stage).name, room.journey.lane(idea.persona).name) == ("Adoption", "Enterprise")

    room.journey.voting.set_round(VotingRound(2))
    room.set_timer(300)  # publishes the round too; the page hears it over server-sent events
    page.locator("#voting").wait_for(state="visible")
    page.get_by_text("2 dots left").wait_for()
    timer = page.locator("#timer-value").text_content()
    assert timer in ("5:00", "4:59", "4:58")
    card = page.locator("#vote-cards li", has_text="Stuck on import")
    card.get_by_role("button").click()
    page.get_by_text("1 dot left").wait_for()
    card.get_by_role("button").click()
    page.get_by_text("0 dots left").wait_for()
    page.wait_for_function("document.querySelectorAll('#vote-cards button:enabled').length === 0")
    page.screenshot(path=str(tmp_path / "room-phone.png"))  # docs/images/room-phone.png is one of these
    assert (tmp_path / "room-phone.png").stat().st_size > 10_000
    assert room.take_arrivals() == 2
    pain = next(c for c in room.journey.card_ids() if room.journey.card(c).title == "Stuck on import")
    assert room.journey.voting.count(pain) == 2
    assert page.problems == []


def test_a_refused_card_says_why_and_is_not_marked_sent(room: RoomHost, page) -> None:
    page.goto(room.url)
    page.get_by_text("Connected to the facilitator's laptop").wait_for()
    room.set_locked(True)
    page.get_by_text("The room is locked: the facilitator is not taking new cards.").wait_for()
    assert page.locator("#send").is_disabled()
    room.set_locked(False)
    page.wait_for_function("!document.getElementById('send').disabled")
    page.click("#send")
    page.get_by_text("Type your idea first.").wait_for()
    assert page.locator("#sent-list li").count() == 0
    assert room.take_arrivals() == 0
