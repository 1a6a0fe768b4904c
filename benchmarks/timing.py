"""Timing helper shared by the benchmarks."""

import statistics
import time


def median_ms(action, repeats: int) -> float:
    """Return the median wall time of `action()` over `repeats` runs, in milliseconds."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)
