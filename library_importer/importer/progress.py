"""How an import shows its progress: a bar on a terminal, plain lines in logs, nothing in code."""

from __future__ import annotations

import click

PHASE_LABELS = {"checking": "Checking", "importing": "Importing"}
TENTHS_FROM = 100  # smaller phases get no intermediate lines


class Progress:
    """Receives progress; this base class shows nothing."""

    def start(self, phase: str, total: int) -> None: ...

    def advance(self, done: int, label: str = "") -> None: ...

    def finish(self) -> None: ...

    def note(self, message: str) -> None: ...


NO_PROGRESS = Progress()


class BarProgress(Progress):
    """``click.progressbar`` on a terminal."""

    def __init__(self) -> None:
        self._bar = None
        self._done = 0

    def start(self, phase: str, total: int) -> None:
        self.finish()
        if total:
            self._bar = click.progressbar(length=total, label=PHASE_LABELS.get(phase, phase), show_pos=True)
            self._bar.__enter__()
            self._done = 0

    def advance(self, done: int, label: str = "") -> None:
        if self._bar:
            self._bar.update(done - self._done)
            self._done = done

    def finish(self) -> None:
        if self._bar:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def note(self, message: str) -> None:
        click.echo(message)


class LineProgress(Progress):
    """Plain lines for logs and pipes: every change applied, and the checking phase in tenths."""

    def __init__(self, echo=click.echo) -> None:
        self.echo = echo
        self.phase, self.total, self._next_tenth = "", 0, 1

    def start(self, phase: str, total: int) -> None:
        self.phase, self.total, self._next_tenth = phase, total, 1
        if phase == "checking":
            self.echo(f"Checking {total} manifest row(s) and their files…")

    def advance(self, done: int, label: str = "") -> None:
        if label:
            self.echo(f"{label} ({done}/{self.total})")
        elif self.total >= TENTHS_FROM and done * 10 >= self._next_tenth * self.total:
            self.echo(f"{PHASE_LABELS.get(self.phase, self.phase)}: {done}/{self.total}")
            self._next_tenth = done * 10 // self.total + 1

    def note(self, message: str) -> None:
        self.echo(message)
