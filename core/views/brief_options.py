"""A briefer's choices for PNG and PDF exports: the map's extent, the handling line, the logo, the timeline panel,
and the store's provenance of merged events. Light to import (no matplotlib): the export panel and the CLI
parse their options with it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.knowledge.datafiles import setting

if TYPE_CHECKING:
    import numpy as np

    from core.views.provenance import Provenance

EXTENT_MODES: tuple[str, ...] = ("events", "province")
"""Named extents: fitted to the events, or to the provinces of the filter (else of the events)."""
Extent = str | tuple[float, float, float, float]
"""'events', 'province', or a (west, south, east, north) box in degrees."""


class OptionError(ValueError):
    """An export option is malformed; the message says what is expected."""


def parse_extent(text: str) -> Extent:
    """'events', 'province' or 'W,S,E,N' (degrees, west < east, south < north)."""
    value = text.strip().lower()
    if value in EXTENT_MODES:
        return value
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise OptionError(f"extent must be {', '.join(EXTENT_MODES)} or W,S,E,N in degrees, not {text!r}") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise OptionError(f"extent {text!r}: need -180 <= W < E <= 180 and -90 <= S < N <= 90")
    return west, south, east, north


LOGO_MAX_PIXELS = 16_000_000
"""A logo's largest width x height: a small file can unpack to gigabytes of pixels."""


def logo_max_mb() -> float:
    """The largest logo file (data/settings.csv: max_logo_mb)."""
    return float(setting("max_logo_mb"))


def logo_pixels(data: bytes) -> np.ndarray:
    """A logo file's pixels as RGBA (PNG or JPEG); OptionError when the bytes are no such image, or too big."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    if len(data) > logo_max_mb() * 2**20:
        raise OptionError(f"the logo is {len(data) / 2**20:.1f} MB; the largest is {logo_max_mb():g} MB")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise OptionError(f"the logo must be a PNG or JPEG image, not {image.format}")
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise OptionError(f"the logo is {image.width} x {image.height} pixels; the largest is "
                                  f"{LOGO_MAX_PIXELS:,} pixels in all")
            return np.asarray(image.convert("RGBA"))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise OptionError("the logo is not a PNG or JPEG image") from None


@dataclass(frozen=True)
class BriefOptions:
    """Choices beyond the filter and the title; the defaults give a plain map brief with no marking or logo."""

    extent: Extent = "events"
    marking: str = ""
    """A handling or classification line printed at the top and bottom ('OFFICIAL'); empty for none."""
    logo: bytes | None = None
    """A PNG or JPEG image for the header; None for none."""
    timeline: bool = False
    """PDF: add the events-per-week panel. PNG: draw the timeline chart instead of the map."""
    provenance: Provenance | None = None
    """Merged reports and figure ranges from the store; None when the events do not come from one."""
