"""Reading bytes from outside with bounds: named pipes that may never be written to.

Light on imports on purpose: the GDELT import and the readers share it.
"""

from __future__ import annotations

import errno
import io
import os
import select
import stat
from pathlib import Path
from typing import BinaryIO

# A named pipe is read only while something writes to it: opening one with no writer would
# wait forever, so it is opened without waiting, and a pipe that stays silent this long ends.
PIPE_IDLE_SECONDS = 30.0


def open_input(path: str | Path) -> BinaryIO:
    """A file opened for reading bytes. A named pipe (a FIFO, or `<(command)`) is opened
    without waiting for a writer and read with a time bound: when nothing arrives for
    PIPE_IDLE_SECONDS, reading raises TimeoutError (an OSError) instead of hanging."""
    if not stat.S_ISFIFO(os.stat(path).st_mode):
        return Path(path).open("rb")  # noqa: SIM115 -- the caller closes it
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    return io.BufferedReader(_PipeReader(fd, PIPE_IDLE_SECONDS))


class _PipeReader(io.RawIOBase):
    """The read end of a pipe, opened non-blocking; each read waits at most ``idle`` seconds.

    On Linux, poll() on a FIFO that never had a writer waits for one (it does not report
    end of file), so "no writer yet" and "writer silent" both end in the same time bound."""

    def __init__(self, fd: int, idle: float) -> None:
        super().__init__()
        self.fd = fd
        self.idle = idle
        self.poller = select.poll()
        self.poller.register(fd, select.POLLIN | select.POLLHUP)

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def readinto(self, buffer) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        while True:
            if not self.poller.poll(self.idle * 1000):
                raise TimeoutError(errno.ETIMEDOUT, "a named pipe with nothing written to it "
                                   f"for {self.idle:g} s")
            try:
                data = os.read(self.fd, len(view))
            except BlockingIOError:  # woken without data: wait again
                continue
            view[: len(data)] = data
            return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()
