"""Screenshots of workshop mode, stage focus on a tall column, and the poster preview (issue 11)."""
import os, subprocess, sys
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from journeymap.app.main import run_app
from journeymap.editing.commands import AddCardCommand
from journeymap.model import Touchpoint

OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/i11shots"  # run under xvfb-run with openbox running

def screen(name):
    QApplication.processEvents()
    QGuiApplication.primaryScreen().grabWindow(0).save(f"{OUT}/{name}.png")

def on_window(window):
    steps = []
    def later(ms, fn):
        steps.append((ms, fn))
    window.showNormal(); window.resize(1100, 700); window.move(40, 40)
    view = window.view
    def setup():
        view.fit_to_map(); view.set_zoom(1.0); view.centerOn(500, 300)
        print("before", view.view_state(), window.geometry())
        screen("1_before")
    def enter():
        view.setFocus(); QTest.keyClick(view, Qt.Key.Key_F5)
    def entered():
        print("entered", view.view_state(), window.isFullScreen()); screen("2_workshop_entered")
    def leave():
        QTest.keyClick(view, Qt.Key.Key_Escape)
    def left():
        print("left", view.view_state(), window.geometry()); screen("3_workshop_left")
    def tall():
        j = window.document.journey
        stage, lane = j.stage_ids()[1], j.lane_ids()[-1]
        for n in range(30):
            window.document.push(AddCardCommand(j, stage, lane, Touchpoint(title=f"Step {n} of the long onboarding")))
        QTest.keyClick(view, Qt.Key.Key_F5)
    def focus():
        QTest.keyClick(view, Qt.Key.Key_Right); QTest.keyClick(view, Qt.Key.Key_Right)
    def focused():
        screen("4_focus_tall_top")
        for _ in range(6):
            QTest.keyClick(view, Qt.Key.Key_Down)
    def scrolled():
        screen("5_focus_tall_scrolled")
        QTest.keyClick(view, Qt.Key.Key_Escape)
        window.document.undo_stack.setClean()
    def poster():
        from journeymap.widgets.dialogs.poster_dialog import FIT, PosterDialog
        from journeymap.io.pdf import render_pdf
        window.document.undo_stack.setIndex(0); window.document.undo_stack.setClean()
        d = PosterDialog(window.document, window); d.resize(1000, 650); d.show(); d.paper.setCurrentText(FIT)
        window._poster = d
        with open(f"{OUT}/poster.pdf", "wb") as f:
            render_pdf(d.poster, f)
    def poster_shot():
        window._poster.grab().save(f"{OUT}/6_poster_dialog.png")
        subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", f"{OUT}/poster.pdf", f"{OUT}/7_poster_pdf"])
        window._poster.close(); window.close()
    t = 500
    for fn in (setup, enter, entered, leave, left, tall, focus, focused, scrolled, poster, poster_shot):
        QTimer.singleShot(t, fn); t += 900

sys.argv[1:] = []  # run_app reads no arguments here
sys.exit(run_app(None, on_window))
