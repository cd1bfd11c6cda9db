"""The report's charts as PNG bytes: measures heatmap, stance heatmap, hedging vs boosting.

Charts are drawn with plain matplotlib, imported inside the functions: it is slow to import and
only the report needs it (seaborn would add scipy and about 60 MB for nothing these charts use).
Figures are drawn on the Agg canvas directly, without pyplot's global state, and saved with fixed
DPI and no software stamp so the same data gives the same bytes.
"""
from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.types import MEASURES

DPI = 100
MEASURE_NAMES = {"loaded_language": "Loaded\nlanguage", "sarcasm": "Sarcasm\n& irony",
                 "hedging": "Hedges", "boosting": "Boosters"}
_HIDDEN = ("too little evidence", "not mentioned")
# seaborn's "mako_r" palette (light to dark), sampled at 11 points: no seaborn import needed.
_MAKO_R = ("#def5e5", "#a9e1bd", "#60ceac", "#3db3ad", "#3497a9", "#357ba3", "#395d9c",
           "#413f80", "#382a54", "#26172b", "#0b0405")
_LIGHT_CELL = 0.408  # cells lighter than this relative luminance get dark annotations


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


def _heatmap(figure: Any, colours: np.ndarray, annot: list[list[str]], *, rows: Sequence[str],
             columns: Sequence[str], cmap: Any, vmin: float, vmax: float, label: str) -> Any:
    """Cells coloured by `colours` (NaN cells left empty, showing the axes behind them), each
    annotated in black or white, whichever reads better on its colour; returns the axes."""
    ax = figure.add_subplot()
    mesh = ax.pcolormesh(np.ma.masked_invalid(colours), cmap=cmap, vmin=vmin, vmax=vmax,
                         edgecolors="white", linewidth=0.5)
    for (i, j), text in np.ndenumerate(np.array(annot, dtype=object)):
        if text and not math.isnan(colours[i, j]):
            ax.text(j + 0.5, i + 0.5, text, ha="center", va="center", fontsize=10,
                    color=_ink(mesh.cmap(mesh.norm(colours[i, j]))))
    ax.set_xlim(0, colours.shape[1])
    ax.set_ylim(colours.shape[0], 0)  # first row on top
    ax.set_xticks(np.arange(len(columns)) + 0.5, list(columns))
    ax.set_yticks(np.arange(len(rows)) + 0.5, list(rows))
    ax.tick_params(length=3)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = figure.colorbar(mesh, ax=ax, label=label, fraction=0.05, pad=0.03)
    bar.outline.set_visible(False)
    return ax


def _ink(rgba: Sequence[float]) -> str:
    """Dark text on light cells, white on dark ones (relative luminance, as WCAG defines it)."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgba[:3]]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#262626" if luminance > _LIGHT_CELL else "white"


def measures_heatmap(outlets: pd.DataFrame) -> bytes:
    """Outlets x measures, annotated with the rate per 1,000 own words.

    Colour is relative to the highest outlet in each column, so every measure uses the full scale.
    """
    if outlets.empty:
        return _empty("No outlets to show")
    from matplotlib.colors import LinearSegmentedColormap

    values = outlets[[f"{m}_per_1k" for m in MEASURES]].to_numpy(dtype=float)
    peak = np.nanmax(np.where(np.isnan(values), 0.0, values), axis=0)
    shares = values / np.where(peak > 0, peak, 1.0)
    annot = [[f"{v:.1f}" for v in row] for row in values]
    figure = _figure(1.6 + 1.3 * len(MEASURES), 1.2 + 0.55 * len(values))
    ax = _heatmap(figure, shares, annot, rows=[str(o) for o in outlets["outlet"]],
                  columns=[MEASURE_NAMES[m] for m in MEASURES],
                  cmap=LinearSegmentedColormap.from_list("mako_r", _MAKO_R), vmin=0, vmax=1,
                  label="share of highest outlet")
    ax.set_title("Per 1,000 own-voice words")
    return _png(figure)


def stance_heatmap(stance: pd.DataFrame, actors: Sequence[str], outlets: Sequence[str]) -> bytes:
    """Outlets x actors on a diverging palette centred at 0; uncertain cells hatched and named."""
    if stance.empty or not actors or not outlets:
        return _empty("No actors to show")
    scores = stance.pivot(index="outlet", columns="actor", values="score")
    labels = stance.pivot(index="outlet", columns="actor", values="label")
    scores = scores.reindex(index=list(outlets), columns=list(actors)).astype(float)
    labels = labels.reindex(index=list(outlets), columns=list(actors)).fillna("not mentioned")
    hidden = labels.isin(_HIDDEN).to_numpy()
    values = np.where(hidden, np.nan, scores.to_numpy())
    annot = [[f"{v:+.2f}" for v in row] for row in values]
    figure = _figure(2.2 + 1.4 * len(actors), 1.2 + 0.55 * len(outlets))
    ax = _heatmap(figure, values, annot, rows=list(outlets),
                  columns=[textwrap.fill(name, 14) for name in actors], cmap="RdBu", vmin=-1,
                  vmax=1, label="unfavourable  ←  stance  →  favourable")
    ax.set_facecolor("white")  # hidden cells show the hatched axes background
    ax.patch.set_hatch("///")
    ax.patch.set_edgecolor("#cccccc")
    for (i, j), label in np.ndenumerate(labels.to_numpy()):
        if hidden[i, j]:
            ax.text(j + 0.5, i + 0.5, str(label).replace(" ", "\n", 1), ha="center",
                    va="center", fontsize=7, color="#555555")
    ax.set_title("Stance toward each actor (own voice)")
    return _png(figure)


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
