"""The analysis as one report: a JSON document for scripts and a Markdown page for a team's wiki.

Both are built from the same analysis results; the JSON keys are the ``journeymap report --json``
contract, so they name stages and personas, not internal ids (cards keep their ids, which
``journeymap inspect --json`` lists with their titles).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeymap.analysis.curve import experience_curve
from journeymap.analysis.gaps import FIELD_LABELS, Gaps, find_gaps
from journeymap.analysis.handoffs import LedgerEntry, flow_handoffs, handoff_ledger, stage_handoffs
from journeymap.analysis.timeline import days_text, stage_timeline, start_text
from journeymap.model import JourneyMap


def report_data(journey: JourneyMap) -> dict[str, Any]:
    """The ``report --json`` document: curve, handoffs, gaps and timeline."""
    stage_name = {s: journey.stage(s).name for s in journey.stage_ids()}
    lane_name = {p: journey.lane(p).name for p in journey.lane_ids()}
    curve: dict[str, list[dict[str, Any]]] = {}
    for lane_id, points in experience_curve(journey).items():
        # Two lanes may share a name; the later one is keyed "Name (lane-7)" so none is lost.
        key = lane_name[lane_id] if lane_name[lane_id] not in curve else f"{lane_name[lane_id]} ({lane_id})"
        curve[key] = [{"stage": stage_name[p.stage], "mean": p.mean, "count": p.count} for p in points]
    gaps = find_gaps(journey)
    return {
        "curve": curve,
        "handoffs": {
            "stages": [
                {
                    "from_stage": stage_name[h.from_stage],
                    "to_stage": stage_name[h.to_stage],
                    "from_owner": h.from_owner,
                    "to_owner": h.to_owner,
                }
                for h in stage_handoffs(journey)
            ],
            "flows": [
                {
                    "from": h.source,
                    "to": h.target,
                    "from_owner": h.from_owner,
                    "to_owner": h.to_owner,
                    "persona": lane_name[h.persona],
                    "emotion": h.emotion,
                }
                for h in flow_handoffs(journey)
            ],
        },
        "gaps": {
            "empty_cells": [{"stage": stage_name[s], "persona": lane_name[p]} for s, p in gaps.empty_cells],
            "stage_fields_missing": [
                {"stage": stage_name[g.stage], "fields": list(g.fields)} for g in gaps.stage_fields_missing
            ],
            "unanswered_pain_points": list(gaps.unanswered_pain_points),
            "cards_missing": [{"id": g.card, "fields": list(g.fields)} for g in gaps.cards_missing],
        },
        "timeline": [
            {
                "stage": stage_name[s.stage],
                "text": s.text,
                "days_min": s.days_min,
                "days_max": s.days_max,
                "start_min": s.start_min,
                "start_max": s.start_max,
            }
            for s in stage_timeline(journey)
        ],
    }


def emotion_text(value: float | None) -> str:
    """ "+1.5", "−2", "0", or "–" for no score: the canvas's badge signs."""
    if value is None:
        return "–"
    if round(value, 1) == 0:
        return "0"
    text = f"{int(value):+d}" if value == int(value) else f"{value:+.1f}"
    return text.replace("-", "−")


def ledger_emotion_text(entry: LedgerEntry) -> str:
    """The persona's emotion at a handoff; a risk hidden in a mean says its lowest score too."""
    text = emotion_text(entry.emotion)
    if entry.low is not None and entry.emotion is not None and entry.low < entry.emotion:
        text += f" (lowest {emotion_text(entry.low)})"
    return text


def report_markdown(journey: JourneyMap) -> str:
    """A page a team can paste into its wiki: the same findings as the JSON, in tables and lists."""
    stage_name = {s: journey.stage(s).name or "(unnamed stage)" for s in journey.stage_ids()}
    lane_name = {p: journey.lane(p).name or "(unnamed persona)" for p in journey.lane_ids()}
    lines = [f"# {_md(journey.title or 'Untitled journey map')}: journey report", ""]

    lines += [
        "## Experience curve",
        "",
        "Mean emotion of each persona's scored cards per stage, from −2 (very negative) to +2 "
        "(very positive); the number of scored cards in brackets, – where none is scored.",
        "",
    ]
    curve = experience_curve(journey)
    if curve and journey.stage_ids():
        lines.append("| Persona | " + " | ".join(_md(stage_name[s]) for s in journey.stage_ids()) + " |")
        lines.append("|---|" + "---|" * len(journey.stage_ids()))
        for lane_id, points in curve.items():
            cells = [f"{emotion_text(p.mean)} ({p.count})" if p.count else "–" for p in points]
            lines.append(f"| {_md(lane_name[lane_id])} | " + " | ".join(cells) + " |")
    else:
        lines.append("The map has no stages or personas yet.")
    lines.append("")

    lines += ["## Handoffs", ""]
    ledger = handoff_ledger(journey)
    if ledger:
        lines += [
            "Where ownership of the customer changes. ⚠ marks a handoff into a card scored −1 or −2.",
            "",
            "| | From | To | Owners | Persona | Emotion |",
            "|---|---|---|---|---|---|",
        ]
        for entry in ledger:
            where = "Stage" if entry.kind == "stage" else "Arrow"
            flag = "⚠ " if entry.risk else ""
            lines.append(
                f"| {flag}{where} | {_md(entry.from_label)} | {_md(entry.to_label)} | "
                f"{_md(entry.from_owner)} → {_md(entry.to_owner)} | {_md(entry.persona)} | "
                f"{ledger_emotion_text(entry)} |"
            )
    else:
        lines.append(
            "No handoffs: no two consecutive stages, and no two cards joined by an arrow, have different owners."
        )
    lines.append("")

    lines += ["## Gaps", ""]
    gaps = find_gaps(journey)
    sections = gap_sections(journey, gaps, _md)
    if not gaps.count:
        lines.append("None: every cell has a card, every stage its goal, success criteria, timeline and owner.")
        lines.append("")
    for heading, items in sections:
        if items:
            lines += [f"### {heading} ({len(items)})", "", *[f"- {item}" for item in items], ""]

    lines += [
        "## Timeline",
        "",
        "Each stage's duration as read from its timeline, and when it starts, counted from the first stage.",
        "",
        "| Stage | Timeline | Duration | Starts after |",
        "|---|---|---|---|",
    ]
    spans = stage_timeline(journey)
    for span in spans:
        duration = (
            days_text(span.days_min, span.days_max)
            if span.parsed
            else ("not a duration" if span.text.strip() else "not set")
        )
        lines.append(
            f"| {_md(stage_name[span.stage])} | {_md(span.text) or '–'} | {duration} | "
            f"{start_text(span.start_min, span.start_max)} |"
        )
    if spans:
        last = spans[-1]
        total = start_text(last.end_min, last.end_max)
        if any(s.parsed for s in spans):
            lines += [
                "",
                f"The whole journey: {total}"
                + ("." if all(s.parsed for s in spans) else " (some stages have no readable duration)."),
            ]
    return "\n".join(lines) + "\n"


def gap_sections(journey: JourneyMap, gaps: Gaps, text: Callable[[str], str] = str) -> list[tuple[str, list[str]]]:
    """The gaps as titled lists of lines, for the Markdown report and the poster's analysis page alike;
    ``text`` escapes the user's words for the medium (Markdown) or leaves them as they are."""
    stage_name = {s: text(journey.stage(s).name or "(unnamed stage)") for s in journey.stage_ids()}
    lane_name = {p: text(journey.lane(p).name or "(unnamed persona)") for p in journey.lane_ids()}
    titles = {c: text(journey.card(c).title or "(untitled card)") for c in journey.card_ids()}

    def place(card: str) -> str:
        stage, lane = journey.cell_of(card)
        return f"{stage_name[stage]}, {lane_name[lane]}"

    return [
        ("Empty cells", [f"{stage_name[s]} × {lane_name[p]}" for s, p in gaps.empty_cells]),
        (
            "Stages missing fields",
            [
                f"{stage_name[g.stage]}: " + ", ".join(FIELD_LABELS[f] for f in g.fields)
                for g in gaps.stage_fields_missing
            ],
        ),
        (
            "Timelines that are not a duration",
            [f"{stage_name[s]}: “{text(journey.stage(s).timeline)}”" for s in gaps.unreadable_timelines],
        ),
        (
            "Pain points with no opportunity in the same stage and persona",
            [f"{titles[c]} ({place(c)})" for c in gaps.unanswered_pain_points],
        ),
        (
            "Cards missing channel or owner",
            [f"{titles[g.card]}: " + ", ".join(FIELD_LABELS[f] for f in g.fields) for g in gaps.cards_missing],
        ),
    ]


def _md(text: str) -> str:
    """One table-safe line: whitespace folded, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")
