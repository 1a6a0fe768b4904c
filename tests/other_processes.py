"""Python code run in fresh processes with chosen string hashing, as the workers of a served dashboard run."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def printed_json_by_hash_seed(code: str, seeds: tuple[int, ...]) -> list:
    """Run `code` (which prints one JSON value) once per PYTHONHASHSEED and return what each run printed."""
    return [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code],
                cwd=ROOT,
                env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for seed in seeds
    ]
