#!/usr/bin/python3
"""Build the default DEM of Qinba Atlas from the SRTM30 relief tiles of KDE Marble.

Output: ``assets/dem/pan_qinba_srtm30_2arcmin.tif`` (Int16 metres, EPSG:4326,
100-118 E, 26-38 N, 2 arc-minutes, 540 x 360) and a provenance file beside it.

Source
    Debian's ``marble-qt-data`` ships Marble's "srtm" map theme as grey JPEG
    tiles (level 3: 16 x 8 tiles of 675 x 675 px on a plain lat/lon grid, 2
    arc-minutes per pixel).  A grey value g is a position g/255 on Marble's
    colour gradient; the legend of ``srtm.dgml`` gives the height of each
    gradient stop, and heights are linear between stops.  GDAL reads the tiles
    through a VRT mosaic georeferenced by that grid; ``--raw-vrt`` writes the
    same mosaic with a ``<LUT>`` that turns grey into metres, i.e. the plain
    decode.

Why not just blur
    256 grey levels spread over 18 km of relief (-11000 to 7000 m) give from
    3 m (lowlands) to 98 m (2000-3500 m) per grey step, so a hillshade of the
    decode shows terraces along the grey steps and the 8x8 blocks of the JPEG
    compression.  A Gaussian blur wide enough to hide them
    also takes hundreds of metres off narrow crests such as the Qinling (a
    Gaussian of sigma = 1 px already lowers the Taibai maximum from 3338 m to
    about 2865 m).

Method: bounded smoothing
    A sample of grey g only tells that the height lies in
    [f(g - w), f(g + w)] (f: the gradient, w: --halfwidth).  The default
    w = 1 grey level is the grey level's own interval (half a level each
    side) widened by half a level each side for the JPEG noise: the 8x8
    block seams jump by several levels and would otherwise stay visible.  Starting from f(g), the script looks for the smoothest surface
    that stays inside every sample's interval:

    1. coarse-to-fine projected Laplacian (membrane) iterations,
       h <- clamp(h + 0.24 * Laplacian(h), lo, hi), on a 2x pyramid so that
       wide plains with steps of a few metres turn into ramps quickly;
    2. projected bi-Laplacian (thin plate) iterations with FISTA momentum,
       step 1/64, at full resolution, which remove the creases the membrane
       leaves where it touches the interval bounds.

    Flat areas become smooth ramps, while peaks and ridges, whose neighbours
    lie many grey levels lower, stay within w grey steps of the decode.
    The crop is read with a 24 px margin so that the edges have context.

Only GDAL (python3-gdal) and numpy are used.
"""

import argparse
import hashlib
import math
import os
import subprocess
import sys
import tempfile
import xml.sax.saxutils
from dataclasses import dataclass
from pathlib import Path

try:
    import numpy as np
    from osgeo import gdal, osr
except ImportError as exc:
    sys.exit(f"error: {exc}; run with /usr/bin/python3 and install python3-gdal python3-numpy")

gdal.UseExceptions()

SCRIPT_REL = "assets/scripts/make_default_dem.py"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "assets/dem/pan_qinba_srtm30_2arcmin.tif"
DEFAULT_TILES_DIR = Path("/usr/share/marble/data/maps/earth/srtm")
PACKAGE = "marble-qt-data"
COPYRIGHT_FILE = "/usr/share/doc/marble-qt-data/copyright"

# Region (degrees) and the Marble level-3 tile grid.
WEST, SOUTH, EAST, NORTH = 100.0, 26.0, 118.0, 38.0
LEVEL = 3
TILE_PX = 675
TILES_X, TILES_Y = 16, 8
PX_PER_DEG = 30  # 2 arc-minutes; pixel-is-area
MARGIN_PX = 24

# Gradient stops: (position g/255, metres), from srtm.dgml's legend together
# with the stop positions of seacolors.leg / landcolors.leg.  Positions above
# the last stop decode to its height.
GRADIENT = [
    (0.00, -11000.0), (0.07, -6500.0), (0.14, -4000.0), (0.21, -2000.0),
    (0.28, -200.0), (0.31, -50.0), (0.38, 0.0), (0.45, 50.0), (0.52, 200.0),
    (0.59, 500.0), (0.70, 1000.0), (0.77, 2000.0), (0.83, 3500.0),
    (0.90, 5000.0), (0.95, 7000.0),
]
LUT_GREY = np.array([round(p * 255, 4) for p, _ in GRADIENT])
LUT_METRES = np.array([m for _, m in GRADIENT])

# Smoothing parameters.
HARMONIC_LAMBDA = 0.24
HARMONIC_ITERS = 300       # per pyramid level
PYRAMID_MIN_PX = 16        # coarsest level keeps at least this many pixels a side
BIHARMONIC_STEP = 1.0 / 64  # 1 / ||Laplacian||^2 for the 4-neighbour stencil
BIHARMONIC_ITERS = 500

# Places to check: (label, lat, lon, reference metres or None, search radius deg, mode).
TAIBAI = ("Taibai summit area", 33.95, 107.75, 3767, 0.1, "max")
SICHUAN = ("Sichuan Basin floor", 30.5, 105.5, None, 0.0, "point")
HANZHONG = ("Hanzhong basin", 33.07, 107.03, 510, 0.0, "point")
SPOT_CHECKS = [
    TAIBAI, SICHUAN, HANZHONG,
    ("Ankang", 32.68, 109.02, 290, 0.0, "point"),
    ("Chengdu", 30.67, 104.07, 500, 0.0, "point"),
    ("Wuhan", 30.58, 114.27, 25, 0.0, "point"),
    ("Shennongding", 31.44, 110.28, 3106, 0.1, "max"),
]
# Targets the project's tests assert on: (check, "<" or ">", metres).
TARGETS = [(TAIBAI, ">", 3000), (SICHUAN, "<", 600), (HANZHONG, "<", 700)]

LICENSE_TEXT = (
    "Derived from the SRTM relief tiles of KDE Marble as packaged in Debian's marble-qt-data. "
    "That package's copyright file has no stanza of its own for these tiles, so its catch-all "
    "'Files: *' stanza applies: LGPL-2.1+ (copyright the Marble authors). Marble's data credits "
    "(credits_data.html) name the source: Shuttle Radar Topography Mission (SRTM30), NASA Jet "
    "Propulsion Laboratory; SRTM data are distributed by NASA/USGS without use restrictions."
)
CREDIT_TEXT = "Elevation: SRTM30, NASA JPL, via KDE Marble (Debian package marble-qt-data)"


@dataclass
class Grid:
    """Pixel window on the global level-3 grid (x to the east from 180 W, y to the south from 90 N)."""
    x0: int
    y0: int
    width: int
    height: int

    @property
    def geotransform(self) -> tuple[float, ...]:
        return (-180.0 + self.x0 / PX_PER_DEG, 1.0 / PX_PER_DEG, 0.0,
                90.0 - self.y0 / PX_PER_DEG, 0.0, -1.0 / PX_PER_DEG)


def region_grid() -> Grid:
    x0 = round((WEST + 180.0) * PX_PER_DEG)
    y0 = round((90.0 - NORTH) * PX_PER_DEG)
    return Grid(x0, y0, round((EAST - WEST) * PX_PER_DEG), round((NORTH - SOUTH) * PX_PER_DEG))


def context_window(region: Grid) -> Grid:
    """The region plus MARGIN_PX on each side, clipped to the globe."""
    x0 = max(region.x0 - MARGIN_PX, 0)
    y0 = max(region.y0 - MARGIN_PX, 0)
    x1 = min(region.x0 + region.width + MARGIN_PX, TILES_X * TILE_PX)
    y1 = min(region.y0 + region.height + MARGIN_PX, TILES_Y * TILE_PX)
    return Grid(x0, y0, x1 - x0, y1 - y0)


def tile_path(tiles_dir: Path, row: int, col: int) -> Path:
    return tiles_dir / str(LEVEL) / f"{row:06d}" / f"{row:06d}_{col:06d}.jpg"


def tiles_for(window: Grid) -> tuple[range, range]:
    """Tile rows and columns that cover a pixel window."""
    rows = range(window.y0 // TILE_PX, (window.y0 + window.height - 1) // TILE_PX + 1)
    cols = range(window.x0 // TILE_PX, (window.x0 + window.width - 1) // TILE_PX + 1)
    return rows, cols


def lut_string() -> str:
    return ",".join(f"{g:g}:{m:g}" for g, m in zip(LUT_GREY, LUT_METRES))


def mosaic_vrt(tiles_dir: Path, rows: range, cols: range, decode: bool) -> str:
    """VRT XML mosaicking whole tiles; grey bytes, or metres (Float32) through a <LUT> if decode."""
    mosaic = Grid(cols.start * TILE_PX, rows.start * TILE_PX, len(cols) * TILE_PX, len(rows) * TILE_PX)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    esc = xml.sax.saxutils.escape
    lines = [
        f'<VRTDataset rasterXSize="{mosaic.width}" rasterYSize="{mosaic.height}">',
        f'  <SRS dataAxisToSRSAxisMapping="2,1">{esc(srs.ExportToWkt())}</SRS>',
        "  <GeoTransform>" + ", ".join(repr(v) for v in mosaic.geotransform) + "</GeoTransform>",
        f'  <VRTRasterBand dataType="{"Float32" if decode else "Byte"}" band="1">',
    ]
    if decode:
        lines += ["    <Description>elevation</Description>", "    <UnitType>m</UnitType>"]
    source = "ComplexSource" if decode else "SimpleSource"
    for i, row in enumerate(rows):
        for j, col in enumerate(cols):
            path = esc(str(tile_path(tiles_dir, row, col)))
            lines += [
                f"    <{source}>",
                f'      <SourceFilename relativeToVRT="0">{path}</SourceFilename>',
                "      <SourceBand>1</SourceBand>",
                f'      <SourceProperties RasterXSize="{TILE_PX}" RasterYSize="{TILE_PX}" '
                f'DataType="Byte" BlockXSize="{TILE_PX}" BlockYSize="1"/>',
                f'      <SrcRect xOff="0" yOff="0" xSize="{TILE_PX}" ySize="{TILE_PX}"/>',
                f'      <DstRect xOff="{j * TILE_PX}" yOff="{i * TILE_PX}" '
                f'xSize="{TILE_PX}" ySize="{TILE_PX}"/>',
            ]
            if decode:
                lines.append(f"      <LUT>{lut_string()}</LUT>")
            lines.append(f"    </{source}>")
    lines += ["  </VRTRasterBand>", "</VRTDataset>", ""]
    return "\n".join(lines)


def read_window(vrt_xml: str, mosaic_origin: tuple[int, int], window: Grid) -> np.ndarray:
    """Read a window (global pixel coordinates) from a mosaic VRT kept in /vsimem/."""
    name = "/vsimem/make_default_dem_mosaic.vrt"
    gdal.FileFromMemBuffer(name, vrt_xml.encode())
    try:
        ds = gdal.Open(name)
        return ds.GetRasterBand(1).ReadAsArray(
            window.x0 - mosaic_origin[0], window.y0 - mosaic_origin[1], window.width, window.height)
    finally:
        ds = None
        gdal.Unlink(name)


def decode(grey: np.ndarray) -> np.ndarray:
    """Grey level (may be fractional) to metres along the gradient; clamps outside the stops."""
    return np.interp(grey, LUT_GREY, LUT_METRES)


def laplacian(h: np.ndarray) -> np.ndarray:
    """4-neighbour Laplacian with reflecting (Neumann) edges; symmetric, norm <= 8."""
    out = -4.0 * h
    out[1:] += h[:-1]
    out[0] += h[0]
    out[:-1] += h[1:]
    out[-1] += h[-1]
    out[:, 1:] += h[:, :-1]
    out[:, 0] += h[:, 0]
    out[:, :-1] += h[:, 1:]
    out[:, -1] += h[:, -1]
    return out


def downsample(a: np.ndarray) -> np.ndarray:
    a = a[: a.shape[0] // 2 * 2, : a.shape[1] // 2 * 2]
    return 0.25 * (a[0::2, 0::2] + a[1::2, 0::2] + a[0::2, 1::2] + a[1::2, 1::2])


def upsample(a: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    b = np.repeat(np.repeat(a, 2, axis=0), 2, axis=1)
    return np.pad(b, ((0, shape[0] - b.shape[0]), (0, shape[1] - b.shape[1])), mode="edge")


def membrane(h: np.ndarray, lo: np.ndarray, hi: np.ndarray, iters: int) -> np.ndarray:
    for _ in range(iters):
        h = np.clip(h + HARMONIC_LAMBDA * laplacian(h), lo, hi)
    return h


def thin_plate(h: np.ndarray, lo: np.ndarray, hi: np.ndarray, iters: int) -> np.ndarray:
    """Projected gradient descent with FISTA momentum on sum(Laplacian(h)^2) within [lo, hi]."""
    y, t = h, 1.0
    for _ in range(iters):
        h_next = np.clip(y - BIHARMONIC_STEP * laplacian(laplacian(y)), lo, hi)
        t_next = (1.0 + math.sqrt(1.0 + 4.0 * t * t)) / 2.0
        y = h_next + ((t - 1.0) / t_next) * (h_next - h)
        h, t = h_next, t_next
    return h


def smooth(raw: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Smoothest surface (membrane, then thin plate) inside [lo, hi], starting from raw."""
    pyramid = [(lo, hi, raw)]
    while min(pyramid[-1][0].shape) // 2 >= PYRAMID_MIN_PX:
        pyramid.append(tuple(downsample(a) for a in pyramid[-1]))
    h = pyramid[-1][2]
    for level_lo, level_hi, _ in reversed(pyramid):
        if h.shape != level_lo.shape:
            h = upsample(h, level_lo.shape)
        h = membrane(np.clip(h, level_lo, level_hi), level_lo, level_hi, HARMONIC_ITERS)
    return thin_plate(h, lo, hi, BIHARMONIC_ITERS)


def to_int16(h: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Round to whole metres without leaving the interval (where it holds a whole metre)."""
    lo_i, hi_i = np.ceil(lo), np.floor(hi)
    q = np.rint(h)
    inside = lo_i <= hi_i
    q[inside] = np.clip(q[inside], lo_i[inside], hi_i[inside])
    return q.astype(np.int16)


def sample(dem: np.ndarray, lat: float, lon: float, radius: float, mode: str) -> float:
    """Pixel containing (lat, lon), or the highest pixel whose centre is within radius (box)."""
    if mode == "point":
        return float(dem[int((NORTH - lat) * PX_PER_DEG), int((lon - WEST) * PX_PER_DEG)])
    lats = NORTH - (np.arange(dem.shape[0]) + 0.5) / PX_PER_DEG
    lons = WEST + (np.arange(dem.shape[1]) + 0.5) / PX_PER_DEG
    rows = np.abs(lats - lat) <= radius
    cols = np.abs(lons - lon) <= radius
    return float(dem[np.ix_(rows, cols)].max())


def package_version() -> str:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", PACKAGE],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_geotiff(path: Path, dem: np.ndarray, metadata: dict[str, str]) -> None:
    mem = gdal.GetDriverByName("MEM").Create("", dem.shape[1], dem.shape[0], 1, gdal.GDT_Int16)
    mem.SetGeoTransform(region_grid().geotransform)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    mem.SetSpatialRef(srs)
    mem.SetMetadata(metadata)
    band = mem.GetRasterBand(1)
    band.SetDescription("elevation")
    band.SetUnitType("m")
    band.WriteArray(dem)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".tif", dir=path.parent)
    os.close(fd)
    try:
        gdal.GetDriverByName("GTiff").CreateCopy(
            tmp, mem, options=["COMPRESS=DEFLATE", "PREDICTOR=2", "ZLEVEL=9", "TILED=NO"])
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def provenance_markdown(out: Path, tiles: list[Path], version: str, halfwidth: float,
                        checks: list[tuple], deviation: dict[str, float], dem: np.ndarray) -> str:
    gradient_rows = "\n".join(
        f"| {p:.2f} | {g:g} | {m:g} |" for (p, m), g in zip(GRADIENT, LUT_GREY))
    tile_rows = "\n".join(f"| `{t}` | `{sha256(t)}` |" for t in tiles)
    check_rows = "\n".join(
        f"| {label} | {lat:.2f} N {lon:.2f} E | "
        f"{'max within ' + format(radius, 'g') + '°' if mode == 'max' else 'pixel'} | "
        f"{'~' + str(ref) if ref is not None else '–'} | {raw:.0f} | {value:.0f} |"
        for label, lat, lon, ref, radius, mode, raw, value in checks)
    target_rows = "\n".join(
        f"- {check[0]} ({check[1]:.2f} N {check[2]:.2f} E): {result:.0f} m, required {op} {limit} m"
        for (check, op, limit), result in deviation["targets"])
    return f"""# `{out.name}` — provenance

Default elevation model of Qinba Atlas: the Pan-Qinba region, 100–118° E, 26–38° N,
on a 2 arc-minute latitude/longitude grid (about 3.7 km), Int16 metres.

**These heights are the decode of an 8-bit grey rendering of SRTM30, smoothed. They are good to
about ±30–50 m in the mountains (one grey step is 56 m between 1000 and 2000 m and 98 m between
2000 and 3500 m, plus JPEG noise), and summits sit up to several hundred metres below their
true heights because every pixel is a 3.7 km average (Taibai 3767 m appears as about 3300 m).
This is not survey data.** Users who need better should load their own DEM (SRTM, Copernicus
GLO-30, ALOS AW3D30, ...).

## Source

- Debian package `{PACKAGE}` version `{version}`: KDE Marble's "srtm" map theme, level {LEVEL}
  ({TILES_X} × {TILES_Y} grey JPEG tiles of {TILE_PX} × {TILE_PX} px covering the globe).
- Marble's data credits (`/usr/share/marble/data/credits_data.html`) name the source:
  Shuttle Radar Topography Mission (SRTM30), NASA Jet Propulsion Laboratory.
- Tiles used (the region plus a {MARGIN_PX} px margin):

| file | SHA-256 |
|---|---|
{tile_rows}

## Grid

- EPSG:4326, pixel-is-area, {dem.shape[1]} × {dem.shape[0]} px, {1 / PX_PER_DEG * 60:g} arc-minutes per pixel,
  west {WEST:g}, east {EAST:g}, south {SOUTH:g}, north {NORTH:g} (exactly the pixel grid of the tiles).
- Tile (row r, column c) at level {LEVEL} covers longitude −180 + 22.5c … −180 + 22.5(c+1) and
  latitude 90 − 22.5r … 90 − 22.5(r+1).
- GeoTIFF, Int16, no nodata value (the region is all land), DEFLATE with PREDICTOR=2.
  Sample range {int(dem.min())} … {int(dem.max())} m. {int((dem < 0).sum())} samples, in the lower Yangtze
  lowlands of Anhui east of 115° E, decode slightly below 0 m (JPEG noise around grey 97, i.e.
  0 m); they are kept as decoded.

## Decoding

A grey value g (0–255) is the position g/255 on Marble's colour gradient; the legend of
`srtm.dgml` gives the height of each stop (with the stop positions of `seacolors.leg` and
`landcolors.leg`), linear in between; positions above 0.95 decode to 7000 m.

| g/255 | grey | metres |
|---|---|---|
{gradient_rows}

`--raw-vrt PATH` writes this decode as a standalone GDAL VRT (the tiles' mosaic with this table
as a `<LUT>`, Float32 metres), e.g. to compare with the smoothed model.

## Smoothing

The decode is terraced (one step per grey level) and shows the JPEG 8 × 8 blocks. A grey value
g only says that the height lies in [f(g − w), f(g + w)], with f the table above and
w = {halfwidth:g} grey levels (`--halfwidth`). The script computes the smoothest surface inside
those intervals, starting from f(g), on the crop plus a {MARGIN_PX} px margin:

1. Membrane: h ← clamp(h + {HARMONIC_LAMBDA:g} · ∇²h, lo, hi) with the 4-neighbour Laplacian,
   {HARMONIC_ITERS} iterations on each level of a 2× mean pyramid (coarsest level at least
   {PYRAMID_MIN_PX} px a side), coarse to fine, so wide plains become ramps.
2. Thin plate: {BIHARMONIC_ITERS} iterations of projected gradient descent on Σ(∇²h)², step
   1/64, with FISTA momentum, at full resolution; this removes the creases where the membrane
   touches the bounds.
3. Rounded to whole metres, kept inside the interval.

Plain blurring would take hundreds of metres off narrow crests such as the Qinling (a Gaussian
of σ = 1 px already lowers the Taibai maximum from 3338 m to about 2865 m); here no sample
moves by more than its interval allows, so a summit loses at most w grey steps. The default
w = 1 is the grey level's own interval (±0.5) widened by ±0.5 for JPEG noise: with w = 0.5 the
8 × 8 block seams (jumps of several grey levels) stay visible in the hillshade of the Loess
Plateau and the Sichuan Basin; with w = 1 they are gone while the Taibai maximum stays above
3200 m. A larger `--halfwidth` removes more noise at the cost of lower summits.

## Checks

Values in metres; "decode" is f(g) without smoothing.

| place | where | how | reference | decode | this DEM |
|---|---|---|---|---|---|
{check_rows}

Targets:

{target_rows}

Deviation from the decode: max {deviation['max']:.1f} m (where one grey step is largest, above
5000 m in the far west), {deviation['max_below_3500']:.1f} m where the decode is below 3500 m,
RMS {deviation['rms']:.1f} m; samples outside their interval: {deviation['outside']}.

## Regenerate

```sh
/usr/bin/python3 {SCRIPT_REL} [--out PATH] [--provenance PATH] \\
    [--tiles-dir {DEFAULT_TILES_DIR}] [--halfwidth {halfwidth:g}] [--raw-vrt PATH]
```

Needs `gdal-bin`/`python3-gdal`, `python3-numpy` and `{PACKAGE}`. The output is deterministic
for the same tiles and options.

## Licence and credit

{LICENSE_TEXT} (Checked against `{COPYRIGHT_FILE}` of `{PACKAGE}` `{version}`.
`srtm.dgml`'s own `<license>` element names Natural Earth, public domain, for the theme's map
content; Natural Earth is not the source of these heights.)

Credit line: *{CREDIT_TEXT}*.
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build the default Pan-Qinba DEM from Marble's SRTM30 tiles (marble-qt-data).")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output GeoTIFF (default: {display_path(DEFAULT_OUT)})")
    parser.add_argument("--provenance", type=Path,
                        help="provenance Markdown (default: beside --out, .provenance.md)")
    parser.add_argument("--tiles-dir", type=Path, default=DEFAULT_TILES_DIR,
                        help=f"Marble srtm theme directory (default: {DEFAULT_TILES_DIR})")
    parser.add_argument("--halfwidth", type=float, default=1.0,
                        help="half-width of each sample's height interval, in grey levels (default 1: "
                             "the grey level's interval plus half a level for JPEG noise)")
    parser.add_argument("--raw-vrt", type=Path,
                        help="also write the unsmoothed decode (grey -> metres via <LUT>) as a VRT")
    args = parser.parse_args(argv)
    args.tiles_dir = Path(os.path.abspath(args.tiles_dir))
    if not 0.0 <= args.halfwidth <= 16.0:
        parser.error("--halfwidth must be between 0 and 16 grey levels")
    if args.provenance is None:
        args.provenance = args.out.with_name(args.out.name.removesuffix(".tif") + ".provenance.md")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    region = region_grid()
    window = context_window(region)
    rows, cols = tiles_for(window)
    tiles = [tile_path(args.tiles_dir, r, c) for r in rows for c in cols]
    missing = [t for t in tiles if not t.is_file()]
    if missing:
        print(f"error: Marble SRTM tiles not found: {', '.join(map(str, missing))}\n"
              f"install the Debian package {PACKAGE} (or point --tiles-dir at Marble's "
              "maps/earth/srtm directory)", file=sys.stderr)
        return 1

    origin = (cols.start * TILE_PX, rows.start * TILE_PX)
    grey = read_window(mosaic_vrt(args.tiles_dir, rows, cols, decode=False), origin, window)
    grey = grey.astype(np.float64)
    raw = decode(grey)
    lo, hi = decode(grey - args.halfwidth), decode(grey + args.halfwidth)

    # The LUT VRT (what --raw-vrt writes) must decode exactly like numpy does.
    lut_xml = mosaic_vrt(args.tiles_dir, rows, cols, decode=True)
    gdal_raw = read_window(lut_xml, origin, window)
    if np.abs(gdal_raw - raw).max() > 0.01:
        print("error: the VRT <LUT> decode disagrees with the numpy decode", file=sys.stderr)
        return 1
    if args.raw_vrt:
        args.raw_vrt.parent.mkdir(parents=True, exist_ok=True)
        args.raw_vrt.write_text(lut_xml)

    inner = np.s_[region.y0 - window.y0: region.y0 - window.y0 + region.height,
                  region.x0 - window.x0: region.x0 - window.x0 + region.width]
    smoothed = smooth(raw, lo, hi)
    dem = to_int16(smoothed, lo, hi)[inner]
    raw, lo, hi = raw[inner], lo[inner], hi[inner]

    diff = dem - raw
    outside = int(((dem < lo - 0.5) | (dem > hi + 0.5)).sum())
    checks = [(label, lat, lon, ref, radius, mode,
               sample(raw, lat, lon, radius, mode), sample(dem, lat, lon, radius, mode))
              for label, lat, lon, ref, radius, mode in SPOT_CHECKS]
    by_label = {c[0]: c[-1] for c in checks}
    targets = [(t, by_label[t[0][0]]) for t in TARGETS]
    deviation = {"max": float(np.abs(diff).max()), "rms": float(np.sqrt((diff ** 2).mean())),
                 "max_below_3500": float(np.abs(diff[raw < 3500]).max()),
                 "outside": outside, "targets": targets}

    print(f"tiles: {', '.join(str(t) for t in tiles)}")
    print(f"{'place':<22}{'lat':>7}{'lon':>8}  {'how':<6}{'ref':>6}{'decode':>8}{'dem':>7}")
    for label, lat, lon, ref, radius, mode, raw_v, dem_v in checks:
        print(f"{label:<22}{lat:>7.2f}{lon:>8.2f}  {mode:<6}{ref if ref is not None else '-':>6}"
              f"{raw_v:>8.0f}{dem_v:>7.0f}")
    print(f"deviation from decode: max {deviation['max']:.1f} m, rms {deviation['rms']:.1f} m, "
          f"outside interval: {outside}; range {dem.min()} .. {dem.max()} m")

    failed = [f"{c[0]} {v:.0f} m, need {op} {lim}" for (c, op, lim), v in targets
              if not (v > lim if op == ">" else v < lim)]
    if failed or outside:
        print("error: plausibility checks failed: " + "; ".join(failed or ["interval"]),
              file=sys.stderr)
        return 1

    version = package_version()
    metadata = {
        "SOURCE": "SRTM30 (NASA JPL) as rendered in KDE Marble's srtm map theme, level 3 grey "
                  "JPEG tiles: " + ", ".join(str(t) for t in tiles),
        "SOURCE_PACKAGE": f"{PACKAGE} {version} (Debian)",
        "DECODING": "metres = piecewise-linear f(g) of the grey value g, stops grey:metres "
                    + lut_string() + " (g/255 positions and heights from srtm.dgml legend)",
        "SMOOTHING": f"bounded smoothing: each sample kept within [f(g-{args.halfwidth:g}), "
                     f"f(g+{args.halfwidth:g})]; coarse-to-fine projected membrane iterations "
                     f"(lambda {HARMONIC_LAMBDA:g}, {HARMONIC_ITERS} per pyramid level), then "
                     f"{BIHARMONIC_ITERS} FISTA projected bi-Laplacian iterations (step 1/64); "
                     f"{MARGIN_PX} px context margin",
        "UNITS": "metre",
        "ACCURACY": "decode of an 8-bit rendering: about +-30-50 m in mountains; not survey data",
        "LICENSE": LICENSE_TEXT,
        "CREDIT": CREDIT_TEXT,
        "GENERATED_BY": SCRIPT_REL,
    }
    write_geotiff(args.out, dem, metadata)
    args.provenance.parent.mkdir(parents=True, exist_ok=True)
    args.provenance.write_text(provenance_markdown(
        args.out, tiles, version, args.halfwidth, checks, deviation, dem), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes) and {args.provenance}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
