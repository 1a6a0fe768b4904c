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


def synthetic_stocktaking(rows: int, seed: int = 2026) -> pd.DataFrame:
    """Return `rows` SYNTHETIC stocktaking projects in the stocktaking file format, half of them with stated pairs.

    Each project names 1–4 action lines, 1–4 targets and 0–3 countries; a project with pairs pairs its first
    action line with its first target (and its second with its second, when it has two of each).
    """
    generator = np.random.default_rng(seed)
    dataset = committed_dataset()
    targets = np.asarray(dataset.sdg_targets["target"].astype(str))
    action_lines = np.asarray(ACTION_LINE_CODES)
    countries = np.asarray(dataset.itu_regions["iso3"].astype(str))

    def picks(pool: np.ndarray, least: int, most: int) -> list[list[str]]:
        counts = generator.integers(least, most + 1, size=rows)
        chosen = pool[generator.integers(0, len(pool), size=(rows, most))]
        return [list(dict.fromkeys(chosen[i, : counts[i]])) for i in range(rows)]

    lines, sdgs, places = picks(action_lines, 1, 4), picks(targets, 1, 4), picks(countries, 0, 3)
    paired = generator.random(rows) < 0.5
    pairs = [
        ";".join(f"{line}>{sdg}" for line, sdg in zip(lines[i][:2], sdgs[i][:2], strict=False)) if paired[i] else ""
        for i in range(rows)
    ]
    numbers = np.arange(1, rows + 1)
    return pd.DataFrame(
        {
            "id": [f"{SYNTHETIC_PREFIX}{n:07d}" for n in numbers],
            "title": [f"Synthetic stocktaking project {n} (benchmark data, not real)" for n in numbers],
            "organisation": "Synthetic organisation",
            "countries": [";".join(items) for items in places],
            "action_lines": [";".join(items) for items in lines],
            "sdg_targets": [";".join(items) for items in sdgs],
            "year": generator.integers(2005, 2026, size=rows).astype(str),
            "url": [f"https://example.org/synthetic/{n}" for n in numbers],
            "pairs": pairs,
        }
    )
