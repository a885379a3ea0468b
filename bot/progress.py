"""Progress lines for long work (set-up, import, export, evaluation, training).

Shown on stderr with rich while both stdout and stderr are terminals, and removed when the
work is done; piped or captured output stays exactly the command's answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[[int], None]


def on_terminal() -> bool:
    """Whether a person watches: stdout and stderr are both terminals."""
    return sys.stdout.isatty() and sys.stderr.isatty()


def _ignore(_steps: int = 1) -> None:
    return None


@contextmanager
def progress(
    description: str, total: int | None = None, show: bool | None = None
) -> Iterator[Advance]:
    """A progress line for `description`; yields `advance(steps=1)`.

    With `total` a bar with counts, without one a spinner; both with the elapsed time.
    """
    if not (on_terminal() if show is None else show):
        yield _ignore
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    columns.append(TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(steps: int = 1) -> None:
            bar.advance(task, steps)

        yield advance
