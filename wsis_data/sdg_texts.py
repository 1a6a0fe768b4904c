"""Parsing of the official SDG texts (open-sdg/sdg-translations YAML) into goal, target and indicator rows."""

import re
import unicodedata
from pathlib import Path

import yaml

from wsis_data.codes import sort_key
from wsis_data.constants import LANGUAGES, SDG_COLOURS, SOURCE_LANGUAGE_FOLDERS

_GOAL_KEY = re.compile(r"^(\d{1,2})-(title|short)$")
_TARGET_KEY = re.compile(r"^(\d{1,2})-([0-9]{1,2}|[a-z])-title$")
_INDICATOR_KEY = re.compile(r"^(\d{1,2})-([0-9]{1,2}|[a-z])-(\d{1,2})-title$")

TEXT_COLUMNS = ("level", "code", "lang", "title", "short_title")


def _read_yaml(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        content = yaml.safe_load(handle)
    if not isinstance(content, dict):
        raise ValueError(f"{path}: expected a mapping of keys to texts")
    # NFC, because some translations store accents decomposed (E + combining acute), which breaks search and equality.
    return {str(key): unicodedata.normalize("NFC", " ".join(str(value).split())) for key, value in content.items()}


def read_language(folder: Path, lang: str) -> list[dict]:
    """Return the goal, target and indicator text rows of one language folder."""
    goals = _read_yaml(folder / "global_goals.yml")
    titles = {m.group(1): text for key, text in goals.items() if (m := _GOAL_KEY.match(key)) and m.group(2) == "title"}
    shorts = {m.group(1): text for key, text in goals.items() if (m := _GOAL_KEY.match(key)) and m.group(2) == "short"}
    rows = [
        {"level": "goal", "code": goal, "lang": lang, "title": title, "short_title": shorts.get(goal, "")}
        for goal, title in titles.items()
    ]
    for key, text in _read_yaml(folder / "global_targets.yml").items():
        if match := _TARGET_KEY.match(key):
            code = f"{match.group(1)}.{match.group(2)}"
            rows.append({"level": "target", "code": code, "lang": lang, "title": text, "short_title": ""})
    for key, text in _read_yaml(folder / "global_indicators.yml").items():
        if match := _INDICATOR_KEY.match(key):
            code = ".".join(match.groups())
            rows.append({"level": "indicator", "code": code, "lang": lang, "title": text, "short_title": ""})
    return rows


def read_all_languages(sdg_text_root: Path) -> list[dict]:
    """Return the text rows of the six UN languages, sorted by level, code and language."""
    rows = []
    for lang in LANGUAGES:
        rows.extend(read_language(sdg_text_root / SOURCE_LANGUAGE_FOLDERS[lang], lang))
    level_order = {"goal": 0, "target": 1, "indicator": 2}
    return sorted(rows, key=lambda row: (level_order[row["level"]], sort_key(row["code"]), row["lang"]))


def structure_rows(text_rows: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """Return the goal, target and indicator structure (codes, parents, colours) from the English texts."""
    english = [row for row in text_rows if row["lang"] == "en"]
    goals = [
        {"goal": int(row["code"]), "colour": SDG_COLOURS[int(row["code"])]} for row in english if row["level"] == "goal"
    ]
    targets = [
        {
            "target": row["code"],
            "goal": int(row["code"].split(".")[0]),
            "kind": "means_of_implementation" if row["code"].split(".")[1].isalpha() else "outcome",
        }
        for row in english
        if row["level"] == "target"
    ]
    indicators = [
        {
            "indicator": row["code"],
            "target": ".".join(row["code"].split(".")[:2]),
            "goal": int(row["code"].split(".")[0]),
        }
        for row in english
        if row["level"] == "indicator"
    ]
    return sorted(goals, key=lambda g: g["goal"]), targets, indicators
