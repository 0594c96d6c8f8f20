"""Is a screenshot a drawn page? Blank or broken pages are one flat colour, or nearly so."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Drawn:
    """How much of a screenshot differs from its background colour, and how varied it is."""

    ink: float  # share of pixels not of the most common colour
    colours: int  # distinct colours
    stddev: float  # grey-level standard deviation

    @property
    def looks_drawn(self) -> bool:
        return self.ink > 0.03 and self.colours > 32 and self.stddev > 10


def measure(path: Path) -> Drawn:
    from PIL import Image, ImageStat

    with Image.open(path) as image:
        rgb = image.convert("RGB")
        size = rgb.width * rgb.height
        colours = rgb.getcolors(maxcolors=size) or []
        background = max(count for count, _ in colours)
        stddev = ImageStat.Stat(rgb.convert("L")).stddev[0]
    return Drawn(ink=1 - background / size, colours=len(colours), stddev=stddev)
