"""The dataset seam: one frozen object holding every table a view needs, typed and parsed once.

A `Dataset` is made from canonical tables given as string frames keyed by the CSV file stem, as
`pd.read_csv(path, dtype="string", keep_default_na=False)` reads `wsis_data/tables/*.csv`. It types the codes
(categoricals in matrix and framework order), parses every list cell (`C2;C7.3`, `4.a;9.c`) once, and carries
the edition it was made from and a `key` (edition, its info, evidence sources and a sha256 over the tables) that every
cache below the pages is keyed on, so that two editions can be served side by side without stale results.

It also carries the evidence the verdicts rest on (`evidence_items`, `evidence_links`, their sources and
coverage, in the model of `wsis_data.evidence`): the committed sources, plus any stocktaking source imported
into the database (`wsis_data.loaded_evidence.with_loaded_evidence`). Imported evidence is part of the tables,
so a new import changes the key.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

import numpy as np
import pandas as pd
import pycountry
from babel import Locale

from wsis_data import loaders
from wsis_data.codes import LIST_SEPARATOR, sort_key, split_list
from wsis_data.constants import ACTION_LINE_CODES, BABEL_LOCALES, DEFAULT_LANGUAGE, LANGUAGES, REGION_SCOPES

COMMITTED_EDITION = "committed"
ACTION_LINE_DTYPE = pd.CategoricalDtype(list(ACTION_LINE_CODES), ordered=True)
REGION_DTYPE = pd.CategoricalDtype(list(REGION_SCOPES), ordered=True)
LANGUAGE_DTYPE = pd.CategoricalDtype(list(LANGUAGES))
# The tables a dataset needs; the evidence tables (activities, their provenance and the evidence model) come
# with their sources.
CORE_TABLES: tuple[str, ...] = (
    "action_line_titles",
    "action_lines",
    "connect_agenda",
    "connect_links",
    "data_quality",
    "hlpf_cycles",
    "ict_indicators",
    "itu_regions",
    "matrix_links",
    "rationales",
    "sdg_goals",
    "sdg_indicators",
    "sdg_targets",
    "sdg_texts",
    "table_sources",
)
EVIDENCE_TABLES: tuple[str, ...] = (
    "itu_activities",
    "activity_provenance",
    "evidence_sources",
    "evidence_items",
    "evidence_links",
    "evidence_coverage",
)


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


def _typed(frame: pd.DataFrame, **dtypes: object) -> pd.DataFrame:
    frame = frame.copy()
    for column, dtype in dtypes.items():
        frame[column] = frame[column].astype(dtype)  # type: ignore[call-overload]
    return frame


def _fingerprint(tables: Mapping[str, pd.DataFrame]) -> str:
    digest = hashlib.sha256()
    for name in sorted(tables):
        frame = tables[name]
        digest.update(f"{name}:{len(frame)}:{'|'.join(map(str, frame.columns))}\n".encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _edition_label(edition: str, info: Mapping) -> str:
    parts = [
        f"{name} {info[key]['commit'][:7]} ({info[key]['date']})"
        for key, name in (("matrix", "Matrix"), ("sdg_texts", "SDG texts"))
        if isinstance(info.get(key), Mapping) and "commit" in info[key]
    ]
    # A stored edition's info names its label and date; the committed tables' info names their sources' commits.
    dated = f"{info.get('label', '')} ({info['date']})" if info.get("date") else str(info.get("label", ""))
    text = "; ".join(parts) or dated
    return text if edition == COMMITTED_EDITION else f"Edition {edition}" + (f": {text}" if text else "")


def activity_links(activities: pd.DataFrame, targets: pd.CategoricalDtype) -> pd.DataFrame:
    """Return one row per (activity, action line, SDG target) of an activity frame, with the target's goal.

    The list cells are split here, once (vectorised: a benchmark feeds a million SYNTHETIC rows through it).
    """
    frame = activities[["id", "region", "action_lines", "sdg_targets"]].rename(columns={"id": "activity_id"})
    frame = frame.assign(action_line=frame["action_lines"].str.split(LIST_SEPARATOR)).explode("action_line")
    frame = frame.assign(target=frame["sdg_targets"].str.split(LIST_SEPARATOR)).explode("target")
    frame = frame.assign(action_line=frame["action_line"].str.strip(), target=frame["target"].str.strip())
    frame = frame[(frame["action_line"] != "") & (frame["target"] != "")]
    frame = frame[["activity_id", "region", "action_line", "target"]].reset_index(drop=True)
    frame["action_line"] = frame["action_line"].astype(ACTION_LINE_DTYPE)
    frame["target"] = frame["target"].astype(targets)
    frame["region"] = frame["region"].astype(REGION_DTYPE)
    goal_of = np.array([int(code.split(".")[0]) for code in targets.categories], dtype=np.int64)
    frame["goal"] = goal_of[frame["target"].cat.codes.to_numpy()]
    return frame


def _activity_countries(activities: pd.DataFrame) -> pd.DataFrame:
    pairs = [
        (activity_id, iso3)
        for activity_id, cell in zip(activities["id"], activities["countries"], strict=True)
        for iso3 in split_list(cell)
    ]
    return pd.DataFrame(pairs, columns=["activity_id", "iso3"]).astype("string")


@dataclass(frozen=True, eq=False)
class Dataset:
    """Every table a view needs, typed once, with the edition it comes from and its cache key.

    The frames are shared by every caller: treat them as read-only (copy before changing one).
    """

    edition: str
    edition_label: str
    edition_info: Mapping
    evidence_sources: tuple[str, ...]
    key: str
    matrix_links: pd.DataFrame
    rationales: pd.DataFrame
    action_lines: pd.DataFrame
    action_line_titles: pd.DataFrame
    sdg_goals: pd.DataFrame
    sdg_targets: pd.DataFrame
    sdg_indicators: pd.DataFrame
    sdg_texts: pd.DataFrame
    hlpf_cycles: pd.DataFrame
    itu_regions: pd.DataFrame
    connect_agenda: pd.DataFrame
    connect_links: pd.DataFrame
    ict_indicators: pd.DataFrame
    data_quality: pd.DataFrame
    table_sources: pd.DataFrame
    itu_activities: pd.DataFrame
    activity_provenance: pd.DataFrame
    activity_links: pd.DataFrame
    activity_countries: pd.DataFrame
    evidence_source_details: pd.DataFrame
    evidence_items: pd.DataFrame
    evidence_links: pd.DataFrame
    evidence_coverage: pd.DataFrame
    target_dtype: pd.CategoricalDtype
    source_tables: Mapping[str, pd.DataFrame] = field(repr=False)
    _texts: Mapping[tuple[str, str, str], tuple[str, str]] = field(repr=False)
    _titles: Mapping[tuple[str, str], tuple[str, str]] = field(repr=False)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dataset) and other.key == self.key

    @classmethod
    def from_tables(
        cls,
        tables: Mapping[str, pd.DataFrame],
        *,
        edition: str,
        edition_info: Mapping,
    ) -> "Dataset":
        """Return a dataset made from canonical string tables keyed by file stem; a missing table raises KeyError.

        Its `evidence_sources` are the source ids of the `evidence_sources` table, in table order.
        """
        missing = [name for name in (*CORE_TABLES, *EVIDENCE_TABLES) if name not in tables]
        if missing:
            raise KeyError(f"missing tables: {', '.join(missing)}")
        raw = MappingProxyType({name: tables[name] for name in (*CORE_TABLES, *EVIDENCE_TABLES)})
        targets = pd.CategoricalDtype(sorted(raw["sdg_targets"]["target"], key=sort_key), ordered=True)
        links = _typed(raw["matrix_links"], action_line=ACTION_LINE_DTYPE, goal="int64")
        links["target"] = links["target"].replace("", pd.NA).astype(targets)
        cycles = _typed(raw["hlpf_cycles"], year="int64")
        cycles["set_verified"] = cycles["set_verified"] == "true"
        cycles["sdgs"] = [[int(goal) for goal in split_list(cell)] for cell in cycles["sdgs_under_review"]]
        indicators = raw["ict_indicators"].copy()
        indicators["verified"] = indicators["verified"] == "true"
        activities = raw["itu_activities"].copy()
        evidence_sources = tuple(dict.fromkeys(raw["evidence_sources"]["source"].astype(str)))
        # The edition's info is in the key too: two stores' editions of one number differ in it (publication time,
        # label) even when their tables agree, and their validation statuses may differ.
        info = json.dumps(dict(edition_info), sort_keys=True, default=str)
        key = hashlib.sha256(f"{edition}|{','.join(evidence_sources)}|{info}|{_fingerprint(raw)}".encode()).hexdigest()
        return cls(
            edition=str(edition),
            edition_label=_edition_label(str(edition), edition_info),
            edition_info=MappingProxyType(dict(edition_info)),
            evidence_sources=tuple(evidence_sources),
            key=key,
            matrix_links=links,
            rationales=_typed(raw["rationales"], action_line=ACTION_LINE_DTYPE, listed_under_goal="int64"),
            action_lines=_typed(raw["action_lines"], code=ACTION_LINE_DTYPE, position="int64"),
            action_line_titles=raw["action_line_titles"].copy(),
            sdg_goals=_typed(raw["sdg_goals"], goal="int64"),
            sdg_targets=_typed(raw["sdg_targets"], target=targets, goal="int64"),
            sdg_indicators=_typed(raw["sdg_indicators"], goal="int64"),
            sdg_texts=_typed(raw["sdg_texts"], lang=LANGUAGE_DTYPE),
            hlpf_cycles=cycles,
            itu_regions=_typed(raw["itu_regions"], itu_region=REGION_DTYPE),
            connect_agenda=raw["connect_agenda"].copy(),
            connect_links=_typed(raw["connect_links"], action_line=ACTION_LINE_DTYPE),
            ict_indicators=indicators,
            data_quality=raw["data_quality"].copy(),
            table_sources=raw["table_sources"].copy(),
            itu_activities=activities,
            activity_provenance=raw["activity_provenance"].copy(),
            activity_links=activity_links(activities, targets),
            activity_countries=_activity_countries(activities),
            evidence_source_details=raw["evidence_sources"].copy(),
            evidence_items=raw["evidence_items"].copy(),
            evidence_links=raw["evidence_links"].copy(),
            evidence_coverage=raw["evidence_coverage"].copy(),
            target_dtype=targets,
            source_tables=raw,
            _texts=MappingProxyType(
                {
                    (level, code, lang): (title, short)
                    for level, code, lang, title, short in raw["sdg_texts"].itertuples(index=False)
                }
            ),
            _titles=MappingProxyType(
                {
                    (code, lang): (title, status)
                    for code, lang, title, status, *_ in raw["action_line_titles"].itertuples(index=False)
                }
            ),
        )

    def with_tables(
        self,
        tables: Mapping[str, pd.DataFrame],
        *,
        edition: str,
        edition_info: Mapping,
    ) -> "Dataset":
        """Return a new dataset with some tables replaced (string frames by file stem), the rest taken from this one."""
        return Dataset.from_tables({**self.source_tables, **tables}, edition=edition, edition_info=edition_info)

    def sdg_label(self, level: str, code: str, lang: str, short: bool = False) -> Label:
        """Return the official text of a goal, target or indicator in `lang`, falling back to English visibly."""
        _check_language(lang)
        for candidate in (lang, DEFAULT_LANGUAGE):
            if (found := self._texts.get((level, str(code), candidate))) and found[int(short)]:
                return Label(found[int(short)], candidate, candidate != lang)
        raise KeyError(f"no {level} {code!r} in the SDG texts")

    def action_line_label(self, code: str, lang: str) -> Label:
        """Return the sourced title of an action line in `lang`, falling back to the English title visibly."""
        _check_language(lang)
        for candidate in (lang, DEFAULT_LANGUAGE):
            if found := self._titles.get((code, candidate)):
                return Label(found[0], candidate, candidate != lang, found[1])
        raise KeyError(f"no action line {code!r}")

    def country_label(self, iso3: str, lang: str) -> Label:
        """Return a country's name in `lang` from the CLDR data in Babel, falling back to our English name visibly."""
        country = pycountry.countries.get(alpha_3=iso3)
        if country is not None and (name := _territories(lang).get(country.alpha_2)):
            return Label(name, lang, False)
        english = self.itu_regions.set_index("iso3")["country_name_en"]
        if iso3 not in english.index:
            raise KeyError(f"no country {iso3!r}")
        return Label(str(english[iso3]), DEFAULT_LANGUAGE, lang != DEFAULT_LANGUAGE)

    def goal_labels(self, lang: str, short: bool = True) -> pd.DataFrame:
        """Return goal number, text, the language used and a fallback flag for all 17 goals in `lang`."""
        labels = [self.sdg_label("goal", str(goal), lang, short=short) for goal in range(1, 18)]
        return pd.DataFrame(
            {
                "goal": range(1, 18),
                "text": [label.text for label in labels],
                "lang": [label.lang for label in labels],
                "is_fallback": [label.is_fallback for label in labels],
            }
        )

    def hlpf_years(self) -> tuple[int, ...]:
        """Return the HLPF years known to the data, oldest first."""
        return tuple(sorted(int(year) for year in self.hlpf_cycles["year"]))


def _check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")


@cache
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(BABEL_LOCALES[lang]).territories)


@cache
def committed_dataset() -> Dataset:
    """Return the dataset of the committed tables in `wsis_data/tables/` (read once per process)."""
    return Dataset.from_tables(
        loaders.committed_tables(), edition=COMMITTED_EDITION, edition_info=loaders.committed_edition_info()
    )
