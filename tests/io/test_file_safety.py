"""Inputs that cannot trap the app, and saves that leave nothing broken or stale (issue 9).

Where a limit, a signal or a kill is involved the real program runs in a child process, and the
test asserts what it printed and what is on disk.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journeymap.io.atomic import remove_stale_temp_files
from journeymap.io.cjm import dumps, load_cjm, read_cjm, save_cjm, to_document
from journeymap.io.errors import MapFileError
from journeymap.io.formats import read_map, sniff_format
from tests.factories import small_map

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, signals and rlimits are POSIX")

HEADER = '{"format": "journeymap", "version": 1, '


def _cli(
    *args: str, limits: dict[int, int] | None = None, timeout: float = 120, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    def apply_limits() -> None:
        for which, value in (limits or {}).items():
            resource.setrlimit(which, (value, value))

    return subprocess.run(
        [sys.executable, "-m", "journeymap", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=apply_limits if limits else None,
        cwd=cwd,
        check=False,
    )


def _one_error_line(done: subprocess.CompletedProcess[str], name: str, problem: str) -> None:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("journeymap: error: ") and name in lines[0] and problem in lines[0], lines[0]


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ----------------------------------------------------------------- 3: lone surrogates
@pytest.mark.parametrize("escape", ["\\ud83d", "\\ude00", "\\ude00\\ud83d"])
def test_a_lone_surrogate_is_repaired_on_load_so_the_map_saves(tmp_path: Path, escape: str) -> None:
    path = tmp_path / "broken.cjm"
    path.write_text(HEADER + f'"title": "a {escape} b"}}', encoding="utf-8")
    result = read_cjm(path)
    assert "\ufffd" in result.map.title and not any("\ud800" <= ch <= "\udfff" for ch in result.map.title)
    assert any("replaced by \ufffd" in str(notice) for notice in result.notices)
    save_cjm(result.map, tmp_path / "saved.cjm")  # failed with UnicodeEncodeError before
    assert load_cjm(tmp_path / "saved.cjm").title == result.map.title


def test_a_proper_surrogate_pair_is_kept_and_not_reported(tmp_path: Path) -> None:
    path = tmp_path / "emoji.cjm"
    path.write_text(HEADER + '"title": "a \\ud83d\\ude00 b"}', encoding="utf-8")
    result = read_cjm(path)
    assert result.map.title == "a \U0001f600 b" and result.notices == []


def test_a_map_holding_a_lone_surrogate_in_memory_still_saves(tmp_path: Path) -> None:
    journey = small_map()
    journey.set_title("pasted \ud83d half")
    save_cjm(journey, tmp_path / "map.cjm")
    assert load_cjm(tmp_path / "map.cjm").title == "pasted \ufffd half"


def test_the_cli_reports_the_repair_and_converts(tmp_path: Path) -> None:
    path = tmp_path / "broken.cjm"
    path.write_text(HEADER + '"title": "a \\ud83d b"}', encoding="utf-8")
    done = _cli("convert", str(path), str(tmp_path / "out.cjm"))
    assert done.returncode == 0, done.stderr
    assert "journeymap: warning:" in done.stderr and "surrogate" in done.stderr
    assert json.loads((tmp_path / "out.cjm").read_text(encoding="utf-8"))["title"] == "a \ufffd b"


# ----------------------------------------------------------------- 4: only regular files
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "f.cjm"
    os.mkfifo(fifo)
    done = _cli("inspect", str(fifo), timeout=60)  # hung forever before
    _one_error_line(done, "f.cjm", "named pipe")
    with pytest.raises(MapFileError, match="named pipe"):
        read_map(fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    done = _cli("inspect", device, timeout=60)
    _one_error_line(done, device, "is a device")


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.cjm"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(MapFileError, match="is a socket"):
            sniff_format(path)
        with pytest.raises(MapFileError, match="is a socket"):
            load_cjm(path)
    finally:
        server.close()


# ----------------------------------------------------------------- 7: bounded memory and time
@pytest.mark.parametrize("body", ["{}", "[]", "1.5"])
def test_a_flood_under_the_size_cap_is_refused_within_2_gb(tmp_path: Path, body: str) -> None:
    path = tmp_path / "flood.cjm"
    count = 60 * 2**20 // (len(body) + 1)
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER + '"title": "t", "unknown": [')
        stream.write(",".join([body] * count))
        stream.write("]}")
    done = _cli("inspect", str(path), limits={resource.RLIMIT_AS: 2 * 2**30})
    _one_error_line(done, "flood.cjm", "so this is not a map file")


def test_brackets_inside_text_do_not_count_against_the_limit(tmp_path: Path) -> None:
    from journeymap.io.cjm_json import MAX_JSON_VALUES

    title = "[{" * 200_000 + "," * (MAX_JSON_VALUES + 10)
    path = tmp_path / "brackets.cjm"
    path.write_text(HEADER + json.dumps({"title": title})[1:], encoding="utf-8")
    assert load_cjm(path).title == title


def test_a_file_over_the_cap_is_refused_before_reading(tmp_path: Path) -> None:
    from journeymap.io.cjm_json import MAX_FILE_BYTES

    path = tmp_path / "huge.cjm"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(MapFileError, match="a map file is at most 64 MB"):
        load_cjm(path)


def test_more_items_than_a_map_holds_are_refused(tmp_path: Path) -> None:
    stages = [{"id": f"s{i}", "name": "S"} for i in range(10_001)]
    path = tmp_path / "stages.cjm"
    path.write_text(
        json.dumps({"format": "journeymap", "version": 1, "title": "t", "stages": stages}), encoding="utf-8"
    )
    with pytest.raises(MapFileError, match=r"stages: holds 10,001 items; a map holds at most 10,000"):
        load_cjm(path)


# ----------------------------------------------------------------- 8: huge integers
def test_an_integer_of_5000_digits_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "digits.cjm"
    path.write_text(HEADER + '"title": "t", "version": ' + "9" * 5000 + "}", encoding="utf-8")
    done = _cli("inspect", str(path))
    _one_error_line(done, "digits.cjm", "more than 4,300 digits")


# ----------------------------------------------------------------- 9: symlinks and hard links
def test_saving_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    real = tmp_path / "maps" / "real.cjm"
    real.parent.mkdir()
    save_cjm(small_map(), real)
    link = tmp_path / "link.cjm"
    link.symlink_to(real)
    journey = small_map()
    journey.set_title("Saved through the link")
    save_cjm(journey, link)
    assert link.is_symlink()
    assert load_cjm(real).title == "Saved through the link"
    assert _temp_files(tmp_path) == [] and _temp_files(real.parent) == []


def test_a_hard_link_keeps_the_old_content(tmp_path: Path) -> None:
    """As documented: an atomic save gives the name a new file; other names keep the old one."""
    original = tmp_path / "map.cjm"
    save_cjm(small_map(), original)
    other = tmp_path / "other-name.cjm"
    os.link(original, other)
    journey = small_map()
    journey.set_title("New")
    save_cjm(journey, original)
    assert load_cjm(original).title == "New"
    assert load_cjm(other).title == small_map().title


# ----------------------------------------------------------------- 10: temp files of interrupted saves
_SLOW_SAVE = """
import sys
from journeymap.io.cjm import save_cjm
from journeymap.model import JourneyMap, Persona, Stage, Touchpoint
journey = JourneyMap("big")
stages = [journey.add_stage(Stage(f"S{i}")) for i in range(10)]
lanes = [journey.add_lane(Persona(f"L{i}")) for i in range(10)]
for i in range(30000):
    journey.add_card(stages[i % 10], lanes[(i // 10) % 10], Touchpoint(f"Card {i} " + "words " * 20))
print("ready", flush=True)
while True:
    save_cjm(journey, sys.argv[1])
"""


def _start_saving_child(tmp_path: Path, target: Path) -> subprocess.Popen[str]:
    script = tmp_path / "saver.py"
    script.write_text(_SLOW_SAVE, encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), str(target)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def _wait_for_temp(folder: Path, child: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not _temp_files(folder):
        assert child.poll() is None and time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.005)


def test_a_save_killed_mid_write_leaves_a_temp_file_the_next_save_removes(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    target = folder / "map.cjm"
    child = _start_saving_child(tmp_path, target)
    try:
        _wait_for_temp(folder, child)
        child.send_signal(signal.SIGKILL)
    finally:
        child.communicate(timeout=60)
    assert _temp_files(folder), "the kill should have left the write's temporary file"
    save_cjm(small_map(), target)
    assert _temp_files(folder) == []
    assert load_cjm(target).title == small_map().title


def test_stale_temp_files_of_another_map_or_a_live_process_stay(tmp_path: Path) -> None:
    (tmp_path / ".map.cjm.999999999.abc.tmp").write_bytes(b"dead process")
    (tmp_path / f".map.cjm.{os.getppid()}.abc.tmp").write_bytes(b"a live process is writing")
    (tmp_path / ".other.cjm.999999999.abc.tmp").write_bytes(b"another map")
    removed = remove_stale_temp_files(tmp_path / "map.cjm")
    assert [p.name for p in removed] == [".map.cjm.999999999.abc.tmp"]
    assert _temp_files(tmp_path) == sorted([f".map.cjm.{os.getppid()}.abc.tmp", ".other.cjm.999999999.abc.tmp"])


def test_sigterm_during_a_pdf_export_leaves_no_temp_file(tmp_path: Path) -> None:
    source = tmp_path / "big.cjm"
    script = tmp_path / "make.py"
    script.write_text(
        _SLOW_SAVE.replace("range(30000)", "range(12000)")
        .replace("while True:\n    save_cjm", "save_cjm")
        .replace('print("ready", flush=True)\n', ""),
        encoding="utf-8",
    )
    subprocess.run([sys.executable, str(script), str(source)], check=True, timeout=300)
    out = tmp_path / "out"
    out.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-m", "journeymap", "convert", str(source), str(out / "poster.pdf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_temp(out, child)
        child.send_signal(signal.SIGTERM)
        _stdout, stderr = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode != 0
    assert "Traceback" not in stderr, stderr
    assert list(out.iterdir()) == []


# ----------------------------------------------------------------- 11: failed xlsx write
def test_a_failed_xlsx_write_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "map.cjm"
    script = tmp_path / "make.py"
    script.write_text(
        _SLOW_SAVE.replace("range(30000)", "range(3000)")
        .replace("while True:\n    save_cjm", "save_cjm")
        .replace('print("ready", flush=True)\n', ""),
        encoding="utf-8",
    )
    subprocess.run([sys.executable, str(script), str(source)], check=True, timeout=300)
    done = _cli("convert", str(source), str(tmp_path / "out.xlsx"), limits={resource.RLIMIT_FSIZE: 100 * 1024})
    _one_error_line(done, "out.xlsx", "File too large")
    assert not (tmp_path / "out.xlsx").exists() and _temp_files(tmp_path) == []


# ----------------------------------------------------------------- 13: the smaller ones
def test_a_utf16_map_is_read_as_a_map_not_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "windows.cjm"
    path.write_bytes(dumps(small_map()).encode("utf-16"))
    assert sniff_format(path) == "cjm"
    assert to_document(read_map(path).map) == to_document(small_map())


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "dup.cjm"
    path.write_text(HEADER + '"title": "first", "title": "second"}', encoding="utf-8")
    result = read_cjm(path)
    assert result.map.title == "second"
    assert [str(n) for n in result.notices] == [
        'a key appears twice in one object ("title"); the last value of each was used'
    ]


def test_a_read_only_map_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "frozen.cjm"
    save_cjm(small_map(), path)
    path.chmod(0o444)
    journey = small_map()
    journey.set_title("Changed")
    with pytest.raises(MapFileError, match="is read-only"):
        save_cjm(journey, path)
    assert load_cjm(path).title == small_map().title
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
