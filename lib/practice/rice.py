"""RICE prioritisation: score = reach × impact × confidence ÷ effort."""

from __future__ import annotations

import math

import pandas as pd

from lib.core.errors import InputError

IMPACT_SCALE = {3.0: "Massive", 2.0: "High", 1.0: "Medium", 0.5: "Low", 0.25: "Minimal"}
COLUMNS = ["feature", "reach", "impact", "confidence", "effort"]
EXAMPLE = pd.DataFrame(
    [
        {"feature": "AI summary of long threads", "reach": 4000, "impact": 2.0, "confidence": 80, "effort": 3.0},
        {"feature": "Smart reply suggestions", "reach": 9000, "impact": 1.0, "confidence": 70, "effort": 2.0},
        {"feature": "Semantic search", "reach": 2500, "impact": 3.0, "confidence": 50, "effort": 5.0},
    ],
    columns=COLUMNS,
)


def _number(value: object, row: int, field: str) -> float:
    """A cell as a float, or InputError naming its row and field."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError("is not a number", where=f"row {row}", field=field) from None
    if math.isnan(number) or math.isinf(number):
        raise InputError("is empty", where=f"row {row}", field=field)
    return number


def score(features: pd.DataFrame) -> pd.DataFrame:
    """Rows ranked by RICE score; rows without a feature name are skipped, bad numbers raise InputError."""
    out = []
    for i, r in enumerate(features.to_dict("records"), 1):
        name = " ".join(str(r.get("feature") or "").split())
        if not name or name.lower() == "nan":
            continue
        reach = _number(r.get("reach"), i, "reach")
        impact = _number(r.get("impact"), i, "impact")
        confidence = _number(r.get("confidence"), i, "confidence")
        effort = _number(r.get("effort"), i, "effort")
        if reach < 0:
            raise InputError("cannot be negative", where=f"row {i}", field="reach")
        if impact not in IMPACT_SCALE:
            raise InputError("use 3, 2, 1, 0.5 or 0.25", where=f"row {i}", field="impact")
        if not 0 <= confidence <= 100:
            raise InputError("is a percentage from 0 to 100", where=f"row {i}", field="confidence")
        if effort <= 0:
            raise InputError("must be more than 0 person-months", where=f"row {i}", field="effort")
        out.append(
            {
                "feature": name,
                "reach": reach,
                "impact": impact,
                "confidence": confidence,
                "effort": effort,
                "score": round(reach * impact * (confidence / 100) / effort, 1),
            }
        )
    ranked = pd.DataFrame(out, columns=[*COLUMNS, "score"]).sort_values("score", ascending=False, kind="stable")
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    return ranked.reset_index(drop=True)
