"""The report's charts as PNG bytes: measures heatmap, stance heatmap, hedging vs boosting.

Matplotlib and seaborn are imported inside the functions (they are slow to import and only the
report needs them). Figures are drawn on the Agg canvas directly, without pyplot's global state,
and saved with fixed DPI and no software stamp so the same data gives the same bytes.
"""
from __future__ import annotations

import io
import math
import warnings
from collections.abc import Sequence
from typing import Any

import pandas as pd

from framing.types import MEASURES

DPI = 100
MEASURE_NAMES = {"loaded_language": "Loaded\nlanguage", "sarcasm": "Sarcasm\n& irony",
                 "hedging": "Hedges", "boosting": "Boosters"}
_HIDDEN = ("too little evidence", "not mentioned")


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None},
                   bbox_inches="tight")
    return buffer.getvalue()


def _empty(message: str) -> bytes:
    figure = _figure(5, 1.2)
    figure.text(0.5, 0.5, message, ha="center", va="center")
    return _png(figure)


def measures_heatmap(outlets: pd.DataFrame) -> bytes:
    """Outlets x measures, annotated with the rate per 1,000 own words.

    Colour is relative to the highest outlet in each column, so every measure uses the full scale.
    """
    if outlets.empty:
        return _empty("No outlets to show")
    import seaborn as sns

    values = outlets.set_index("outlet")[[f"{m}_per_1k" for m in MEASURES]].astype(float)
    values.columns = [MEASURE_NAMES[m] for m in MEASURES]
    peak = values.max().where(lambda v: v > 0, 1.0)
    figure = _figure(1.6 + 1.3 * len(MEASURES), 1.2 + 0.55 * len(values))
    ax = figure.add_subplot()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        sns.heatmap(values / peak, annot=values.round(1), fmt="", cmap="mako_r", vmin=0, vmax=1,
                    linewidths=0.5, linecolor="white", ax=ax,
                    cbar_kws={"label": "share of highest outlet"})
    ax.set_title("Per 1,000 own-voice words")
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="y", rotation=0)
    return _png(figure)


def stance_heatmap(stance: pd.DataFrame, actors: Sequence[str], outlets: Sequence[str]) -> bytes:
    """Outlets x actors on a diverging palette centred at 0; uncertain cells hatched and named."""
    if stance.empty or not actors or not outlets:
        return _empty("No actors to show")
    import seaborn as sns

    scores = stance.pivot(index="outlet", columns="actor", values="score")
    labels = stance.pivot(index="outlet", columns="actor", values="label")
    scores = scores.reindex(index=list(outlets), columns=list(actors)).astype(float)
    labels = labels.reindex(index=list(outlets), columns=list(actors)).fillna("not mentioned")
    hidden = labels.isin(_HIDDEN)
    figure = _figure(2.2 + 1.4 * len(actors), 1.2 + 0.55 * len(outlets))
    ax = figure.add_subplot()
    ax.set_facecolor("white")
    ax.patch.set_hatch("///")
    ax.patch.set_edgecolor("#cccccc")
    annot = scores.map(lambda v: "" if math.isnan(v) else f"{v:+.2f}")
    with warnings.catch_warnings():  # seaborn's own use of a matplotlib API being retired
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        sns.heatmap(scores.mask(hidden), mask=hidden.to_numpy(), annot=annot, fmt="",
                    cmap="RdBu", vmin=-1, vmax=1, center=0, linewidths=0.5, linecolor="white",
                    ax=ax, cbar_kws={"label": "unfavourable  ←  stance  →  favourable"})
    for (i, j), label in _cells(labels):
        if hidden.iat[i, j]:
            ax.text(j + 0.5, i + 0.5, label.replace(" ", "\n", 1), ha="center", va="center",
                    fontsize=7, color="#555555")
    ax.set_title("Stance toward each actor (own voice)")
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="y", rotation=0)
    return _png(figure)


def _cells(frame: pd.DataFrame):
    for i in range(frame.shape[0]):
        for j in range(frame.shape[1]):
            yield (i, j), str(frame.iat[i, j])


def certainty_scatter(outlets: pd.DataFrame) -> bytes:
    """Hedges vs boosters per 1,000 words, one labelled point per outlet with its intervals."""
    if outlets.empty:
        return _empty("No outlets to show")
    figure = _figure(6, 4.5)
    ax = figure.add_subplot()
    x, y = outlets["hedging_per_1k"].astype(float), outlets["boosting_per_1k"].astype(float)
    xerr = _errors(x, outlets["hedging_lo"], outlets["hedging_hi"])
    yerr = _errors(y, outlets["boosting_lo"], outlets["boosting_hi"])
    ax.errorbar(x, y, xerr=xerr, yerr=yerr, fmt="o", color="#2c7fb8", ecolor="#9ecae1",
                capsize=3)
    for name, xi, yi in zip(outlets["outlet"], x, y):
        ax.annotate(str(name), (xi, yi), xytext=(6, 6), textcoords="offset points", fontsize=9)
    top = max(1.0, float(pd.concat([x, y, outlets["hedging_hi"], outlets["boosting_hi"]])
                         .astype(float).max(skipna=True) or 1.0)) * 1.15
    ax.plot([0, top], [0, top], linestyle="--", color="#999999", linewidth=1)
    ax.text(top * 0.03, top * 0.93, "more certain", ha="left", fontsize=8, color="#666666")
    ax.text(top * 0.97, top * 0.03, "more cautious", ha="right", fontsize=8, color="#666666")
    ax.set_xlim(-top * 0.03, top)
    ax.set_ylim(-top * 0.03, top)
    ax.set_xlabel("Hedges per 1,000 own-voice words")
    ax.set_ylabel("Boosters per 1,000 own-voice words")
    ax.set_title("Caution vs certainty")
    return _png(figure)


def _errors(centre: pd.Series, lo: pd.Series, hi: pd.Series) -> list[list[float]]:
    low = (centre - lo.astype(float)).clip(lower=0).fillna(0)
    high = (hi.astype(float) - centre).clip(lower=0).fillna(0)
    return [list(low), list(high)]


def all_charts(outlets: pd.DataFrame, stance: pd.DataFrame, actors: Sequence[str]) -> dict:
    """name -> (title, PNG bytes), in report order."""
    names = list(outlets["outlet"])
    return {
        "measures": ("How often each outlet uses each device", measures_heatmap(outlets)),
        "stance": ("Stance toward each actor", stance_heatmap(stance, actors, names)),
        "certainty": ("Hedging vs boosting", certainty_scatter(outlets)),
    }
