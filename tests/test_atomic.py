"""Outputs written whole or not at all, and devices and pipes left as they are."""

from __future__ import annotations

import os
import stat
import threading

from geo.atomic import atomic_write


def test_a_pipe_given_as_output_is_written_and_stays_a_pipe(tmp_path):
    # `-o /dev/null` or a named pipe: a rename over it would replace it with a file (as
    # root, the system's own /dev/null)
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()), daemon=True)
    reader.start()
    with atomic_write(fifo) as fh:
        fh.write("hello")
    reader.join(timeout=10)
    assert got == ["hello"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_file_is_replaced_only_when_the_block_ends_well(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old")
    try:
        with atomic_write(out) as fh:
            fh.write("half")
            raise RuntimeError("stopped")
    except RuntimeError:
        pass
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]
