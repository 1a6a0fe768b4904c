"""Typed loaders over the committed canonical tables, each read once per process.

Every loader returns a fresh copy of a cached frame, so callers may modify what they get without
corrupting the cache. Codes are categorical with a fixed order (action lines in matrix order, goals 1–17),
which keeps group-bys and heatmap axes in the right order.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry
from babel import Locale

from wsis_data.activities import LIST_SEPARATOR, ActivityVocabulary, split_list
from wsis_data.constants import ACTION_LINE_CODES, BABEL_LOCALES, DEFAULT_LANGUAGE, LANGUAGES, REGION_SCOPES
from wsis_data.sdg_texts import sort_key

TABLES = Path(__file__).parent / "tables"

ACTION_LINE_DTYPE = pd.CategoricalDtype(list(ACTION_LINE_CODES), ordered=True)
REGION_DTYPE = pd.CategoricalDtype(list(REGION_SCOPES), ordered=True)
LANGUAGE_DTYPE = pd.CategoricalDtype(list(LANGUAGES))


@cache
def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(TABLES / f"{name}.csv", dtype="string", keep_default_na=False, na_values=[])


def _table(name: str, **dtypes: object) -> pd.DataFrame:
    frame = _read(name).copy()
    for column, dtype in dtypes.items():
        frame[column] = frame[column].astype(dtype)  # type: ignore[call-overload]
    return frame


@cache
def _target_dtype() -> pd.CategoricalDtype:
    return pd.CategoricalDtype(sorted(_read("sdg_targets")["target"], key=sort_key), ordered=True)


def target_dtype() -> pd.CategoricalDtype:
    """Return the ordered categorical dtype of the 169 SDG targets (1.1 … 17.19)."""
    return _target_dtype()


def action_lines() -> pd.DataFrame:
    """Return the 18 action lines in matrix order: code, titles, facilitators and their sources."""
    return _table("action_lines", code=ACTION_LINE_DTYPE, position="int64")


def action_line_titles() -> pd.DataFrame:
    """Return the sourced action line titles by language, each `official` or `unverified`."""
    return _table("action_line_titles")


def sdg_goals() -> pd.DataFrame:
    """Return the 17 goals with their official colours."""
    return _table("sdg_goals", goal="int64")


def sdg_targets() -> pd.DataFrame:
    """Return the 169 targets with their goal and kind (outcome or means of implementation)."""
    return _table("sdg_targets", target=target_dtype(), goal="int64")


def sdg_indicators() -> pd.DataFrame:
    """Return the indicators with their target and goal."""
    return _table("sdg_indicators", goal="int64")


def sdg_texts() -> pd.DataFrame:
    """Return every official goal, target and indicator text in the six languages (long format)."""
    return _table("sdg_texts", lang=LANGUAGE_DTYPE)


def matrix_links() -> pd.DataFrame:
    """Return the normalised matrix links: one row per action line, goal or target, and rationale."""
    frame = _table("matrix_links", action_line=ACTION_LINE_DTYPE, goal="int64")
    frame["target"] = frame["target"].replace("", pd.NA).astype(target_dtype())
    return frame


def rationales() -> pd.DataFrame:
    """Return the rationale texts by id, with the goal each was listed under in the raw file."""
    return _table("rationales", action_line=ACTION_LINE_DTYPE, listed_under_goal="int64")


def data_quality() -> pd.DataFrame:
    """Return the data-quality findings of the last build."""
    return _table("data_quality")


def hlpf_cycles() -> pd.DataFrame:
    """Return the HLPF years with their SDGs under review (as lists) and whether the set is verified."""
    frame = _table("hlpf_cycles", year="int64")
    frame["set_verified"] = frame["set_verified"] == "true"
    frame["sdgs"] = [[int(goal) for goal in split_list(cell)] for cell in frame["sdgs_under_review"]]
    return frame


def itu_regions() -> pd.DataFrame:
    """Return the ITU region of each country by ISO3."""
    return _table("itu_regions", itu_region=REGION_DTYPE)


def connect_agenda() -> pd.DataFrame:
    """Return the sourced Connect 2020/2030 goals and targets."""
    return _table("connect_agenda")


def ict_indicators() -> pd.DataFrame:
    """Return the ICT-related SDG indicators with a `verified` flag."""
    frame = _table("ict_indicators")
    frame["verified"] = frame["verified"] == "true"
    return frame


def itu_activities() -> pd.DataFrame:
    """Return the curated ITU activities in the public activity format (list cells as `;` strings)."""
    return _table("itu_activities")


def activity_provenance() -> pd.DataFrame:
    """Return the evidence note and curation decisions behind each curated activity."""
    return _table("activity_provenance")


def evidence_sources() -> pd.DataFrame:
    """Return the committed evidence sources: name, licence/attribution line, coverage statement and origin."""
    return _table("evidence_sources")


def evidence_items() -> pd.DataFrame:
    """Return the committed evidence items with their countries and derived ITU regions (list cells as `;` strings)."""
    return _table("evidence_items")


def evidence_links() -> pd.DataFrame:
    """Return the committed evidence links: pair, action-line-only or goal-only, each with its basis and note."""
    return _table("evidence_links")


def evidence_coverage() -> pd.DataFrame:
    """Return the sourced coverage of each evidence source by period (the WSIS Prizes sample by year)."""
    return _table("evidence_coverage")


def table_sources() -> pd.DataFrame:
    """Return each canonical table with its row count and source."""
    return _table("table_sources")


@cache
def edition() -> dict:
    """Return the data edition: source commits and dates, and checksums of the facts."""
    return json.loads((TABLES / "edition.json").read_text(encoding="utf-8"))


def edition_label() -> str:
    """Return a short, human-readable data edition for captions and manifests."""
    matrix, texts = edition()["matrix"], edition()["sdg_texts"]
    return f"Matrix {matrix['commit'][:7]} ({matrix['date']}); SDG texts {texts['commit'][:7]} ({texts['date']})"


def activity_vocabulary() -> ActivityVocabulary:
    """Return what an imported activity file may refer to: the official targets and ITU member ISO3 codes."""
    return ActivityVocabulary(
        targets=frozenset(_read("sdg_targets")["target"]), countries=frozenset(_read("itu_regions")["iso3"])
    )


def activity_links(activities: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (activity, action line, SDG target) of an activity frame, with the target's goal."""
    frame = activities[["id", "region", "action_lines", "sdg_targets"]].rename(columns={"id": "activity_id"})
    frame = frame.assign(action_line=frame["action_lines"].str.split(LIST_SEPARATOR)).explode("action_line")
    frame = frame.assign(target=frame["sdg_targets"].str.split(LIST_SEPARATOR)).explode("target")
    frame = frame[["activity_id", "region", "action_line", "target"]].reset_index(drop=True)
    frame["action_line"] = frame["action_line"].str.strip().astype(ACTION_LINE_DTYPE)
    frame["target"] = frame["target"].str.strip().astype(target_dtype())
    frame["region"] = frame["region"].astype(REGION_DTYPE)
    frame["goal"] = np.asarray(_goal_of_target(), dtype=np.int64)[frame["target"].cat.codes.to_numpy()]
    return frame


@cache
def _goal_of_target() -> tuple[int, ...]:
    return tuple(int(code.split(".")[0]) for code in target_dtype().categories)


@dataclass(frozen=True)
class Label:
    """A text looked up by language; `lang` is the language actually used, `is_fallback` says if it is not the one asked for.

    `status` is `official` for UN and sourced texts, `unverified` for a sourced but unconfirmed one, and
    `unofficial` for this project's own translation.
    """

    text: str
    lang: str
    is_fallback: bool
    status: str = "official"


@cache
def _text_index() -> dict[tuple[str, str, str], tuple[str, str]]:
    return {
        (level, code, lang): (title, short)
        for level, code, lang, title, short in _read("sdg_texts").itertuples(index=False)
    }


def sdg_label(level: str, code: str, lang: str, short: bool = False) -> Label:
    """Return the official text of a goal, target or indicator in `lang`, falling back to English visibly."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    index = _text_index()
    for candidate in (lang, DEFAULT_LANGUAGE):
        if (found := index.get((level, str(code), candidate))) and found[int(short)]:
            return Label(found[int(short)], candidate, candidate != lang)
    raise KeyError(f"no {level} {code!r} in the SDG texts")


@cache
def _title_index() -> dict[tuple[str, str], tuple[str, str]]:
    return {
        (code, lang): (title, status)
        for code, lang, title, status, *_ in _read("action_line_titles").itertuples(index=False)
    }


def action_line_label(code: str, lang: str) -> Label:
    """Return the sourced title of an action line in `lang`, falling back to the English title visibly."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    index = _title_index()
    for candidate in (lang, DEFAULT_LANGUAGE):
        if found := index.get((code, candidate)):
            return Label(found[0], candidate, candidate != lang, found[1])
    raise KeyError(f"no action line {code!r}")


@cache
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(BABEL_LOCALES[lang]).territories)


def country_label(iso3: str, lang: str) -> Label:
    """Return a country's name in `lang` from the CLDR data in Babel, falling back to our English name visibly."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is not None and (name := _territories(lang).get(country.alpha_2)):
        return Label(name, lang, False)
    english = _read("itu_regions").set_index("iso3")["country_name_en"]
    if iso3 not in english.index:
        raise KeyError(f"no country {iso3!r}")
    return Label(str(english[iso3]), DEFAULT_LANGUAGE, lang != DEFAULT_LANGUAGE)


def goal_labels(lang: str, short: bool = True) -> pd.DataFrame:
    """Return goal number, text, the language used and a fallback flag for all 17 goals in `lang`."""
    labels = [sdg_label("goal", str(goal), lang, short=short) for goal in range(1, 18)]
    return pd.DataFrame(
        {
            "goal": range(1, 18),
            "text": [label.text for label in labels],
            "lang": [label.lang for label in labels],
            "is_fallback": [label.is_fallback for label in labels],
        }
    )
