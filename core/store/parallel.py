"""CPU-bound work over many items in forked worker processes, in chunks, results in order.

The command line's big batches (reading and extracting hundreds of files) are pure CPU work in Python, so one
process uses one core. `in_chunks` runs the first chunk here, which loads whatever the work needs (the spaCy
pipeline, the matchers, the gazetteer), then forks workers that inherit it all and share the rest. The items
reach the workers by inheritance too, never pickled; only the results travel back.

>>> list(in_chunks(_doubled, list(range(5)), workers=2, chunk=2))
[0, 2, 4, 6, 8]
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNK = 20
"""Items a worker takes at a time."""

_work: tuple[Callable, Sequence] | None = None  # what forked workers read (inherited, never pickled)


def in_chunks(function: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], workers: int = 1,
              chunk: int | None = None, progress: Callable[[int, int], None] | None = None) -> Iterator[Result]:
    """`function(part)` (one result per item of `part`) over consecutive parts of `items` of `chunk` items (CHUNK),
    the results in the items' order; with `workers` > 1 and more than two parts, the parts after the first run in
    forked processes. `progress(done, total)` is called after each part."""
    chunk = chunk or CHUNK
    spans = [(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
    parallel = workers > 1 and len(spans) > 2 and "fork" in multiprocessing.get_all_start_methods()
    for start, end in spans[: 1 if parallel else len(spans)]:
        yield from function(items[start:end])
        if progress:
            progress(end, len(items))
    if not parallel:
        return
    global _work
    _work = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(min(workers, len(spans) - 1)) as pool:
            for (_, end), part in zip(spans[1:], pool.imap(_run_span, spans[1:]), strict=True):
                yield from part
                if progress:
                    progress(end, len(items))
    finally:
        _work = None


def _run_span(span: tuple[int, int]) -> list:
    function, items = _work
    return function(items[span[0] : span[1]])


def _doubled(part: Sequence[int]) -> list[int]:
    return [2 * x for x in part]
