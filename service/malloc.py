"""Keeping a long-running worker's memory flat under glibc's allocator.

glibc gives each thread that allocates under contention an arena of its own, up to eight
per core, and keeps what it freed there. The service allocates in a pool of threads
(the handlers), so one large answer built in each of them leaves that much behind in
each arena: 20 answers of 10 MB took a worker from 180 to 480 MB, against 250 MB with
two arenas. ``limit_arenas`` sets that limit for the running process (``mallopt``; the
``MALLOC_ARENA_MAX`` variable works only before a process starts). Elsewhere than on
glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_ARENA_MAX = -8  # malloc.h


def limit_arenas(count: int = 2) -> bool:
    """Whether the limit was set (False off glibc)."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_ARENA_MAX, count))
    except (OSError, AttributeError):
        return False
