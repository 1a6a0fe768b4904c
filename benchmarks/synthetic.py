"""SYNTHETIC activity tables for benchmarks and tests only: seeded, labelled synthetic in every row.

Nothing generated here is real: ids start with `SYN-`, names say "Synthetic activity", and the source URL is
on example.org. The dashboard and the data build never import this module.
"""

import numpy as np
import pandas as pd

from wsis_data.activities import ACTIVITY_COLUMNS
from wsis_data.constants import ACTION_LINE_CODES, ITU_SECTORS, REGION_SCOPES
from wsis_data.dataset import committed_dataset

SYNTHETIC_PREFIX = "SYN-"


def synthetic_activities(rows: int, seed: int = 2025) -> pd.DataFrame:
    """Return `rows` SYNTHETIC activities in the public activity format, the same for the same seed."""
    generator = np.random.default_rng(seed)
    targets = np.asarray(committed_dataset().sdg_targets["target"].astype(str))
    action_lines = np.asarray(ACTION_LINE_CODES)

    def lists(pool: np.ndarray, most: int) -> list[str]:
        counts = generator.integers(1, most + 1, size=rows)
        picks = generator.integers(0, len(pool), size=(rows, most))
        return [";".join(dict.fromkeys(pool[picks[i, : counts[i]]])) for i in range(rows)]

    numbers = np.arange(1, rows + 1)
    frame = pd.DataFrame(
        {
            "id": [f"{SYNTHETIC_PREFIX}{n:07d}" for n in numbers],
            "name": [f"Synthetic activity {n} (benchmark data, not real)" for n in numbers],
            "sector": np.asarray(ITU_SECTORS)[generator.integers(0, len(ITU_SECTORS), size=rows)],
            "region": np.asarray(REGION_SCOPES)[generator.integers(0, len(REGION_SCOPES), size=rows)],
            "countries": "",
            "action_lines": lists(action_lines, 3),
            "sdg_targets": lists(targets, 3),
            "start_year": generator.integers(2005, 2026, size=rows).astype(str),
            "source_url": [f"https://example.org/synthetic/{n}" for n in numbers],
            "mapping_basis": "curated",
        },
        columns=list(ACTIVITY_COLUMNS),
    )
    return frame.astype("string")
