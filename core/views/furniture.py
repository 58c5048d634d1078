"""What every static export shares around its content: typography, measured text, the handling line, the logo
and the SYNTHETIC warning.

Text from reports and users is never read as mathtext (`text.parse_math` is off in `house_style`), so a `$` in a
title or an actor name prints as `$`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from core.views.brief_options import logo_pixels

INK, MUTED, FAINT = "#1a1a1a", "#5f6368", "#9aa0a6"
WATER, LAND, FOCUS_LAND, BORDER = "#dfe9f0", "#ece9e2", "#fbfaf7", "#8c8c8c"
"""Map colours: sea, neighbouring land, the country of interest, frames."""
COUNTRY_LINE = "#555555"
PROVINCE_LINE = "#a3815a"
"""Province boundaries: a warm brown, distinct from the grey country borders and from every tactic colour."""
NEIGHBOUR_PROVINCE_LINE = "#d2c6b4"
"""Neighbouring countries' province boundaries: present but quiet."""
ALERT = "#b00020"
"""The SYNTHETIC warning's colour."""
_MEASURE = TextToPath()


@lru_cache(maxsize=1)
def font_family() -> str:
    """A clean sans-serif that is installed: Liberation Sans when matplotlib knows it, else DejaVu Sans."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    return "Liberation Sans" if "Liberation Sans" in names else "DejaVu Sans"


@contextmanager
def house_style() -> Iterator[None]:
    """Typography shared by snapshots and briefs (fonts embedded as text so PDFs stay searchable; no mathtext)."""
    with matplotlib.rc_context({"font.family": font_family(), "pdf.fonttype": 42, "text.color": INK,
                                "axes.edgecolor": "#8c8c8c", "savefig.facecolor": "white",
                                "text.parse_math": False, "text.usetex": False}):
        yield


@lru_cache(maxsize=8192)
def text_width_in(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` set at `size` points, in inches."""
    prop = FontProperties(family=font_family(), size=size, weight="bold" if bold else "normal")
    width, _h, _d = _MEASURE.get_text_width_height_descent(text, prop, ismath=False)
    return width / 72


def fit_text(text: str, width_in: float, size: float, bold: bool = False) -> str:
    """`text` cut with '…' so that it is at most `width_in` wide."""
    text = " ".join(str(text).split())
    if text_width_in(text, size, bold) <= width_in:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width_in(text[:mid].rstrip() + "…", size, bold) <= width_in:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def wrap_text(text: str, width_in: float, size: float, bold: bool = False, max_lines: int | None = None) -> list[str]:
    """`text` broken at spaces into lines at most `width_in` wide (a word too long is cut); the last allowed line
    ends with '…' when text is left over."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and text_width_in(f"{lines[-1]} {word}", size, bold) <= width_in:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(fit_text(word, width_in, size, bold))
    if max_lines is not None and len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = lines[:max_lines - 1] + [fit_text(rest + " …", width_in, size, bold)]
        if not lines[-1].endswith("…"):
            lines[-1] = fit_text(lines[-1] + " …", width_in, size, bold)
    return lines


def draw_marking(fig: Figure, marking: str, margin_in: float, size: float = 10.0) -> None:
    """The handling or classification line, centred at the top and the bottom of the page."""
    if not marking:
        return
    height = fig.get_size_inches()[1]
    for y_in in (margin_in, height - margin_in):
        fig.text(0.5, 1 - y_in / height, marking, ha="center", va="center", fontsize=size, fontweight="bold",
                 color=INK, parse_math=False)


def draw_logo(fig: Figure, logo: bytes | None, right_in: float, top_in: float, height_in: float) -> float:
    """The logo with its top-right corner at (`right_in`, `top_in`) from the page's top right, `height_in` tall
    (at most twice as wide); returns the width it took in inches (0 without a logo)."""
    if not logo:
        return 0.0
    pixels = logo_pixels(logo)
    fig_w, fig_h = fig.get_size_inches()
    aspect = pixels.shape[1] / max(pixels.shape[0], 1)
    width_in = min(height_in * aspect, height_in * 3)
    height_in = width_in / aspect
    ax = fig.add_axes(((fig_w - right_in - width_in) / fig_w, 1 - (top_in + height_in) / fig_h,
                       width_in / fig_w, height_in / fig_h))
    ax.imshow(pixels, interpolation="antialiased")
    ax.set_axis_off()
    ax.set_label("logo")
    return width_in
