"""Leaflet and its plugins as local files, so that maps draw without internet.

`install_assets` runs npm on package.json (exact versions) and copies the distribution files to
static/vendor/, which Streamlit serves at /app/static/vendor/ (enableStaticServing). `localise_map`
points a folium map's script and style links at those copies. Without the copies, maps keep
folium's CDN links and the app says so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import folium
from branca.element import Element

ROOT = Path(__file__).resolve().parents[2]
VENDOR_DIR = ROOT / "static" / "vendor"
STATIC_URL = "/app/static/vendor"
"""Where Streamlit serves static/vendor/ when static serving is on."""
MANIFEST = "manifest.json"

COPIES: dict[str, tuple[str, ...]] = {
    "leaflet": ("dist",),
    "leaflet.markercluster": ("dist",),
    "leaflet-draw": ("dist",),
    "leaflet.fullscreen": ("Control.FullScreen.js", "Control.FullScreen.css", "icon-fullscreen.svg"),
    "leaflet-minimap": ("dist",),
    "leaflet-measure": ("dist",),
}
"""npm package -> files or folders (relative to the package) copied to static/vendor/<package>/."""

LOCAL_FILES: dict[str, str] = {
    "leaflet": "leaflet/dist/leaflet.js",
    "leaflet_css": "leaflet/dist/leaflet.css",
    "markerclusterjs": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markerclustercss": "leaflet.markercluster/dist/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "leaflet_draw_js": "leaflet-draw/dist/leaflet.draw.js",
    "leaflet_draw_css": "leaflet-draw/dist/leaflet.draw.css",
    "Control.Fullscreen.js": "leaflet.fullscreen/Control.FullScreen.js",
    "Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
    "Control_MiniMap_js": "leaflet-minimap/dist/Control.MiniMap.min.js",
    "Control_MiniMap_css": "leaflet-minimap/dist/Control.MiniMap.min.css",
    "leaflet_measure_js": "leaflet-measure/dist/leaflet-measure.js",
    "leaflet_measure_css": "leaflet-measure/dist/leaflet-measure.css",
    "leaflet-heat.js": "folium/leaflet_heat.min.js",
}
"""folium's name for a script or style sheet -> its local copy under static/vendor/."""

UNUSED: frozenset[str] = frozenset({
    "jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
    "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css",
})
"""folium defaults that our maps never use (icons and popups styled by Bootstrap); dropped when local."""

BUNDLE = "maps.bundle.js"
"""Every local script of LOCAL_FILES in one file, Leaflet first (written by `install_assets`): the live map loads
its scripts one after another, and seven requests cost about 0.3 s more than one."""


@dataclass
class AssetReport:
    """What `install_assets` did: whether the local copies are complete, and a message for people."""

    ok: bool
    message: str


def local_assets_available(vendor_dir: Path = VENDOR_DIR) -> bool:
    """True when every file the maps need is present under static/vendor/."""
    return (vendor_dir / MANIFEST).exists() and (vendor_dir / BUNDLE).exists() and all(
        (vendor_dir / rel).exists() for rel in LOCAL_FILES.values())


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


def localise_map(m: folium.Map, base_url: str = STATIC_URL) -> None:
    """Point every script and style sheet of a map (and its plugins) at the local copies.

    Links folium has no local copy for and that the map does not use are removed, so that the map
    never waits on the network.
    """
    for element in _walk(m):
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if not links:
                continue
            setattr(element, attr, [
                (name, f"{base_url}/{LOCAL_FILES[name]}" if name in LOCAL_FILES else url)
                for name, url in links if name not in UNUSED
            ])


def bundle_scripts(elements: Iterable[Element], base_url: str = STATIC_URL) -> None:
    """Point the local scripts of already localised maps or layers at the one BUNDLE instead.

    Every script becomes the same named link, so a page (and streamlit-folium, which loads them in turn)
    loads one file once.
    """
    local = f"{base_url}/"
    for element in (e for top in elements for e in _walk(top)):
        links = getattr(element, "default_js", None)
        if links:
            element.default_js = [("leaflet", f"{local}{BUNDLE}") if url.startswith(local) else (name, url)
                                  for name, url in links]


def _write_bundle(vendor: Path) -> None:
    scripts = [rel for rel in LOCAL_FILES.values() if rel.endswith(".js")]
    (vendor / BUNDLE).write_text(
        "\n;\n".join((vendor / rel).read_text(encoding="utf-8") for rel in scripts), encoding="utf-8")


def install_assets(root: Path = ROOT, npm: str | None = None) -> AssetReport:
    """Install package.json with npm and copy the files the maps need into static/vendor/.

    `npm` is the npm executable (None: look it up on PATH; "": behave as if there is none).
    """
    npm = shutil.which("npm") if npm is None else npm
    vendor = root / "static" / "vendor"
    if not npm:
        return AssetReport(False, "npm was not found: maps will load Leaflet from the internet (CDN), "
                                  "and stay blank offline. Install Node.js/npm and run `make assets`.")
    lock = root / "package-lock.json"
    command = [npm, "ci" if lock.exists() else "install", "--no-audit", "--no-fund", "--ignore-scripts"]
    done = subprocess.run(command, check=False, cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        return AssetReport(False, f"`{' '.join(command)}` failed, maps will use the CDN:\n{done.stderr[-2000:]}")
    vendor.mkdir(parents=True, exist_ok=True)
    for package, parts in COPIES.items():
        for part in parts:
            src, dst = root / "node_modules" / package / part, vendor / package / part
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            else:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
    heat = Path(folium.__file__).parent / "templates" / "leaflet_heat.min.js"
    (vendor / "folium").mkdir(exist_ok=True)
    shutil.copy2(heat, vendor / "folium" / heat.name)
    _write_bundle(vendor)
    versions = json.loads((root / "package.json").read_text())["dependencies"]
    (vendor / MANIFEST).write_text(json.dumps({"versions": versions, "files": LOCAL_FILES}, indent=2))
    if not local_assets_available(vendor):
        missing = [rel for rel in LOCAL_FILES.values() if not (vendor / rel).exists()]
        return AssetReport(False, f"map assets incomplete, missing: {missing}")
    return AssetReport(True, f"map assets ready in {vendor} ({', '.join(f'{k} {v}' for k, v in versions.items())})")
