"""Help > Keyboard Shortcuts: every gesture and key, generated from the live actions so it never lies."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

Section = tuple[str, list[tuple[str, str]]]

GESTURES: Section = (
    "On the map",
    [
        ("New card", "Double-click an empty cell, type, Enter (Tab: commit and start the next)"),
        ("Cancel typing", "Esc"),
        ("Edit a card", "Select it and type, or double-click it"),
        ("Rename a stage or lane", "Double-click its header"),
        ("Move a card", "Drag it to another place or cell"),
        ("Reorder stages or lanes", "Drag the header"),
        ("Connect two cards", "Drag from a card's connector handle, or select two and press Ctrl+L"),
        ("Select several", "Ctrl-click, or drag a rubber band on empty space"),
        ("Zoom", "Ctrl+wheel or pinch"),
        ("Pan", "Space+drag, middle-drag, or scroll"),
    ],
)
WORKSHOP: Section = (
    "Workshop mode (F5)",
    [
        ("Next / previous stage", "Right / Left (or a clicker's Page Down / Page Up)"),
        ("Whole map", "Home or 0"),
        ("Leave", "Esc or F5"),
    ],
)


class ShortcutsDialog(QDialog):
    def __init__(self, sections: list[Section], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        browser = QTextBrowser()
        browser.setObjectName("shortcutsText")
        browser.setHtml(_html([*sections, GESTURES, WORKSHOP]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        self.resize(620, 640)


def _html(sections: list[Section]) -> str:
    parts = []
    for title, rows in sections:
        parts.append(f"<h3>{html.escape(title)}</h3><table cellspacing='0' cellpadding='3'>")
        for what, keys in rows:
            parts.append(f"<tr><td width='220'>{html.escape(what)}</td><td><b>{html.escape(keys)}</b></td></tr>")
        parts.append("</table>")
    return "".join(parts)
