"""Canonical counts of the data layer, as printed by `python -m wsis_data summary --json`."""

from wsis_data.constants import ACTION_LINE_CODES, LANGUAGES, REGION_SCOPES
from wsis_data.dataset import Dataset


def data_summary(dataset: Dataset) -> dict:
    """Return the canonical counts of a dataset's matrix, SDG texts and activities."""
    links = dataset.matrix_links
    target_links = links[links["level"] == "target"]
    pairs = links[["action_line", "goal"]].drop_duplicates()
    target_pairs = target_links[["action_line", "goal"]].drop_duplicates()
    goal_only = pairs.merge(target_pairs, how="left", indicator=True)
    texts = dataset.sdg_texts
    activities = dataset.itu_activities
    return {
        "action_lines": len(dataset.action_lines),
        "rationale_entries": len(dataset.rationales),
        "al_goal_pairs": len(pairs),
        "al_target_links": len(target_links[["action_line", "target"]].drop_duplicates()),
        "goal_level_only_links": int((goal_only["_merge"] == "left_only").sum()),
        "distinct_targets_linked": int(target_links["target"].nunique()),
        "goals_per_al": {
            code: int(count)
            for code, count in pairs.groupby("action_line", observed=False).size().reindex(ACTION_LINE_CODES).items()
        },
        "als_per_goal": {
            str(goal): int(count)
            for goal, count in pairs.groupby("goal").size().reindex(range(1, 18), fill_value=0).items()
        },
        **{
            f"sdg_{level}s": {
                lang: int(((texts["level"] == level) & (texts["lang"] == lang) & (texts["title"] != "")).sum())
                for lang in LANGUAGES
            }
            for level in ("goal", "target", "indicator")
        },
        "activities": len(activities),
        "activities_per_region": {region: int((activities["region"] == region).sum()) for region in REGION_SCOPES},
        "data_quality_findings": len(dataset.data_quality),
    }
