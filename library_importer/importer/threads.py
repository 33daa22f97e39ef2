"""Reading and copying files in a few worker threads while the calling thread keeps the order.

File reads, hashing (``hashlib`` releases the GIL on large buffers) and kernel copies overlap with
each other and with the database work, which stays on the calling thread: Django connections are
per thread, and the import's heartbeat (``tick``) writes to the database.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

WORKERS = min(4, os.cpu_count() or 1)
AHEAD = 4  # items queued per worker: enough to keep them busy, few enough that memory does not grow with N


def map_in_order(function: Callable[[Item], Result], items: Iterable[Item], tick: Callable[[], None],
                 workers: int = WORKERS) -> Iterator[Result]:
    """``function(item)`` for every item, run in ``workers`` threads, yielded in the items' order.

    ``tick`` is called on the calling thread about every second while it waits (a large file).
    An exception raised by ``function`` is raised here, for its item.
    """
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ppta-library-import") as pool:
        pending: deque[Future] = deque()
        try:
            for item in items:
                pending.append(pool.submit(function, item))
                if len(pending) >= workers * AHEAD:
                    yield _result(pending.popleft(), tick)
            while pending:
                yield _result(pending.popleft(), tick)
        finally:
            for future in pending:  # stopped early (an error, an interrupt): start nothing more
                future.cancel()


def _result(future: Future, tick: Callable[[], None]):
    while True:
        try:
            return future.result(timeout=1.0)
        except TimeoutError:
            tick()
