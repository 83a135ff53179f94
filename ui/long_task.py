"""Work at the desk that can take more than half a second (verifying the whole chain,
reloading a large day's journal) runs off the GUI thread, shows how far it is, and stops
when the person presses Esc or the Cancel button, as exports do. Such work only reads:
stopping it leaves nothing half done."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

# work(progress(done, total), cancelled()) -> its result; total 0: not known.
Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class LongTask(QObject):
    """One piece of work on a thread of its own; its signals arrive on the GUI thread.

    The end comes in one delivery: whatever must end first (the progress strip hiding)
    runs, then `succeeded`, `failed` or `cancelled` is emitted on the GUI thread, so every
    screen sees the strip gone by the time it hears the verdict."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    # From the work's thread: which of the three ends, and what goes with it.
    _ending = Signal(str, object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="long-task", daemon=True)
        self._first_at_end: list[Callable[[], None]] = []
        self._ending.connect(self._end)

    def first_at_end(self, step: Callable[[], None]) -> None:
        """Run `step` when the work ends, before the end is delivered to anyone else."""
        self._first_at_end.append(step)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()

    def wait(self, seconds: float) -> bool:
        """The work's thread has ended, within `seconds`."""
        if self._thread.is_alive():
            self._thread.join(seconds)
        return not self._thread.is_alive()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _run(self) -> None:
        try:
            result = self._work(self._progressed, self._stop.is_set)
        except Exception as error:  # say so on the screen rather than die in a thread
            self._say(self._ending, "failed", f"{type(error).__name__}: {error}")
        else:
            self._say(self._ending, "succeeded", result)

    def _end(self, how: str, what: object) -> None:
        if self._stop.is_set():
            # Cancelled before the end reached the GUI thread: the work may have finished
            # meanwhile, but the person pressed Esc while the strip still showed it running
            # (and read "Cancelling…"), so nobody waits for its result.
            how = "cancelled"
        for step in self._first_at_end:
            step()
        if how == "succeeded":
            self.succeeded.emit(what)
        elif how == "failed":
            self.failed.emit(what)
        else:
            self.cancelled.emit()

    def _progressed(self, done: int, total: int) -> None:
        self._say(self.progressed, done, total)

    @staticmethod
    def _say(signal: Any, *args: object) -> None:
        # The screen that asked may be gone (closed, its window torn down) while the
        # work ran on: then there is nobody to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


class ProgressStrip(QWidget):
    """What is being done, a progress bar and Cancel [Esc]; hidden when nothing runs.

    Esc cancels only while something runs: the shortcut is enabled just then, so the
    screen's own Esc (closing a dialog, clearing the form) is untouched otherwise."""

    def __init__(self, escape_scope: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress_strip")
        self.task: LongTask | None = None
        self.what = QLabel()
        self.what.setObjectName("progress_what")
        self.bar = QProgressBar()
        self.bar.setObjectName("progress_bar")
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(
            QCoreApplication.translate("ProgressStrip", "Cancel  [Esc]")
        )
        self.cancel_button.setObjectName("progress_cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.what)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.escape = QShortcut(QKeySequence("Esc"), escape_scope, self.cancel)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape.setEnabled(False)
        # Whoever else owns Esc on this window steps aside while a task runs.
        self.steps_aside: list[Any] = []
        self.hide()

    @property
    def running(self) -> bool:
        return self.task is not None

    def run(self, what: str, task: LongTask) -> None:
        """Show `what` with the bar and start `task`; the strip hides when it ends."""
        self.task = task
        self.what.setText(what)
        self.bar.setRange(0, 0)  # busy until the first figure comes
        task.progressed.connect(self._progressed)
        task.first_at_end(self._ended)
        for other in self.steps_aside:
            other.setEnabled(False)
        self.escape.setEnabled(True)
        self.show()
        task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.what.setText(QCoreApplication.translate("ProgressStrip", "Cancelling…"))

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _ended(self) -> None:
        self.task = None
        self.escape.setEnabled(False)
        for other in self.steps_aside:
            other.setEnabled(True)
        self.hide()
