#!/usr/bin/python3
"""Build the reference vector layers of Qinba Atlas (assets/layers/*.geojson).

Run from anywhere:  /usr/bin/python3 assets/scripts/make_reference_layers.py

Output (RFC 7946 GeoJSON, EPSG:4326 lon/lat, 4 decimals, clipped to 98-120 E,
24-40 N) and ``assets/layers/PROVENANCE.md``, which documents every layer.
The script is deterministic: the same input files and Debian package
versions give the same bytes.

Sources (Debian packages; needed only to rebuild, never by the viewer):
  gmt-dcw            /usr/share/gmt-dcw/dcw-gmt.nc          province polygons
  libmagics++-data   /usr/share/magics/10m/*.shp            Natural Earth 10m
  python3-gdal, python3-numpy, python3-scipy                 processing
  assets/dem/pan_qinba_srtm30_2arcmin.tif (from marble-qt-data), for the
  derived Qinba Mountain Area.
Reference coordinates of the paper's cities: /work/shared/reference/places.csv
(copied into this script below, so the build does not depend on it).

Derived layers (Qinba Mountain Area, Qinba City Area, Pan-Qinba Region and
the nature-reserve points) are approximations made for a regional map; every
feature carries "approximate": true.  The method is written out in
PROVENANCE.md (generated from the constants of this script).
"""

import json
import math
import os
import subprocess
import sys
from collections import defaultdict

import numpy as np
from osgeo import gdal, ogr, osr
from scipy import ndimage as ndi
from scipy.spatial import cKDTree

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT_DIR = os.path.join(ROOT, "assets", "layers")
DEM_PATH = os.path.join(ROOT, "assets", "dem", "pan_qinba_srtm30_2arcmin.tif")
DEM_REL = "assets/dem/pan_qinba_srtm30_2arcmin.tif"

DCW_PATH = "/usr/share/gmt-dcw/dcw-gmt.nc"
NE_DIR = "/usr/share/magics/10m"
NE_RIVERS = NE_DIR + "/ne_10m_rivers_lake_centerlines.shp"
NE_PLACES = NE_DIR + "/ne_10m_populated_places_simple.shp"
NE_ADM0_LINES = NE_DIR + "/ne_10m_admin_0_boundary_lines_land.shp"

BOX = (98.0, 24.0, 120.0, 40.0)  # west, south, east, north
DECIMALS = 4

# Provinces (gmt-dcw)
DCW_SNAP_DEG = 6e-4          # shared vertices of two provinces are matched within this distance
PROVINCE_SIMPLIFY_DEG = 0.01  # Douglas-Peucker tolerance on shared arcs
MIN_ISLAND_KM2 = 5.0          # islands (and holes) smaller than this are dropped
MIN_PROVINCE_PART_KM2 = 50.0  # provinces whose part in the box is smaller are left out

# Rivers
RIVER_SIMPLIFY_DEG = 0.002

# Qinba Mountain Area (derived from the DEM)
MTN_SIGMA_PX = 1.0            # Gaussian smoothing of the DEM before the tests (pixels of 2')
MTN_ELEV_M = 700              # smoothed elevation >= this is mountain ...
MTN_HAB_M = 200               # ... or height above the lowest point within 4 px (about 15 km) >= this
MTN_HAB_MIN_ELEV_M = 400      #     and smoothed elevation >= this
MTN_OPEN_PX = 2               # opening radius (removes isolated ridges narrower than about 15 km)
MTN_CLOSE_PX = 8              # closing radius (fills inter-montane valleys up to about 60 km wide)
MTN_OPEN2_PX = 3              # second opening after the closing (removes spurs narrower than about 25 km)
MTN_WEI_LOWLAND_M = 650       # Wei valley floor: below this and connected to the Wei river line
MTN_WEST_LINE = [(28.0, 104.5), (31.4, 104.5), (32.0, 104.2), (32.8, 103.5), (36.0, 103.5)]  # (lat, lon)
MTN_WEST_LIMIT_N_LAT = 35.0   # north limit west of the Wei's source
MTN_EAST_LON_N = 113.2        # east limit north of MTN_EAST_SPLIT_LAT
MTN_EAST_LON_S = 112.3        # east limit south of it (the Han below Xiangyang)
MTN_EAST_SPLIT_LAT = 32.3
MTN_SEEDS = [(33.95, 107.75, "Taibai Shan, Qinling"), (32.0, 108.5, "Daba Shan"),
             (31.45, 110.3, "Shennongjia")]
MTN_SIMPLIFY_DEG = 0.005

# Qinba City Area
CITY_BUFFER_KM = 35.0
CITY_CORE_KM = 15.0
REGION_CLOSING_KM = 100.0

AEA = "+proj=aea +lat_1=28 +lat_2=36 +lat_0=32 +lon_0=109 +datum=WGS84 +units=m +no_defs"

# ---------------------------------------------------------------- reference data

# From /work/shared/reference/places.csv (name_en, name_zh, lat, lon, source).
CITIES = {
    "Xi'an": ("西安", 34.277, 108.893), "Chengdu": ("成都", 30.672, 104.068),
    "Chongqing": ("重庆", 29.567, 106.593), "Zhengzhou": ("郑州", 34.757, 113.663),
    "Wuhan": ("武汉", 30.582, 114.268), "Lanzhou": ("兰州", 36.058, 103.790),
    "Deyang": ("德阳", 31.133, 104.400), "Mianyang": ("绵阳", 31.472, 104.768),
    "Guangyuan": ("广元", 32.430, 105.870), "Guang'an": ("广安", 30.456, 106.633),
    "Suining": ("遂宁", 30.535, 105.531), "Baoji": ("宝鸡", 34.380, 107.150),
    "Weinan": ("渭南", 34.500, 109.500), "Yichang": ("宜昌", 30.702, 111.278),
    "Xiangyang": ("襄阳", 32.022, 112.128), "Jingmen": ("荆门", 31.030, 112.100),
    "Xiaogan": ("孝感", 30.920, 113.900), "Jingzhou": ("荆州", 30.350, 112.190),
    "Suizhou": ("随州", 31.711, 113.363), "Luoyang": ("洛阳", 34.682, 112.468),
    "Pingdingshan": ("平顶山", 33.732, 113.298), "Sanmenxia": ("三门峡", 34.773, 111.200),
    "Nanyang": ("南阳", 33.002, 112.528), "Xinyang": ("信阳", 32.132, 114.068),
    "Zhumadian": ("驻马店", 32.979, 114.029), "Tianshui": ("天水", 34.602, 105.918),
    "Longnan": ("陇南", 33.400, 104.920), "Shangluo": ("商洛", 33.870, 109.940),
    "Shiyan": ("十堰", 32.570, 110.780), "Ankang": ("安康", 32.680, 109.020),
    "Hanzhong": ("汉中", 33.073, 107.030), "Bazhong": ("巴中", 31.860, 106.750),
    "Dazhou": ("达州", 31.216, 107.501), "Shennongjia": ("神农架", 31.745, 110.676),
}

AGGLOMERATIONS = [
    ("Chengdu–Chongqing urban agglomeration", "成渝城市群",
     ["Chongqing", "Chengdu", "Deyang", "Mianyang", "Guangyuan", "Guang'an", "Suining"]),
    ("Guanzhong Plain urban agglomeration (with Tianshui)", "关中平原城市群",
     ["Xi'an", "Baoji", "Weinan", "Tianshui"]),
    ("Central Plains urban agglomeration", "中原城市群",
     ["Zhengzhou", "Luoyang", "Pingdingshan", "Sanmenxia", "Nanyang", "Xinyang", "Zhumadian"]),
    ("Middle Yangtze urban agglomeration", "长江中游城市群",
     ["Wuhan", "Yichang", "Xiangyang", "Jingmen", "Xiaogan", "Jingzhou", "Suizhou"]),
]

# gmt-dcw state code -> (name_en, name_zh short, name_zh official, kind)
PROVINCES = {
    "AH": ("Anhui", "安徽", "安徽省", "province"),
    "BJ": ("Beijing", "北京", "北京市", "municipality"),
    "CQ": ("Chongqing", "重庆", "重庆市", "municipality"),
    "FJ": ("Fujian", "福建", "福建省", "province"),
    "GD": ("Guangdong", "广东", "广东省", "province"),
    "GS": ("Gansu", "甘肃", "甘肃省", "province"),
    "GX": ("Guangxi", "广西", "广西壮族自治区", "autonomous_region"),
    "GZ": ("Guizhou", "贵州", "贵州省", "province"),
    "HA": ("Henan", "河南", "河南省", "province"),
    "HB": ("Hubei", "湖北", "湖北省", "province"),
    "HE": ("Hebei", "河北", "河北省", "province"),
    "HI": ("Hainan", "海南", "海南省", "province"),
    "HK": ("Hong Kong", "香港", "香港特别行政区", "special_administrative_region"),
    "HL": ("Heilongjiang", "黑龙江", "黑龙江省", "province"),
    "HN": ("Hunan", "湖南", "湖南省", "province"),
    "JL": ("Jilin", "吉林", "吉林省", "province"),
    "JS": ("Jiangsu", "江苏", "江苏省", "province"),
    "JX": ("Jiangxi", "江西", "江西省", "province"),
    "LN": ("Liaoning", "辽宁", "辽宁省", "province"),
    "MO": ("Macao", "澳门", "澳门特别行政区", "special_administrative_region"),
    "NM": ("Inner Mongolia", "内蒙古", "内蒙古自治区", "autonomous_region"),
    "NX": ("Ningxia", "宁夏", "宁夏回族自治区", "autonomous_region"),
    "QH": ("Qinghai", "青海", "青海省", "province"),
    "SC": ("Sichuan", "四川", "四川省", "province"),
    "SD": ("Shandong", "山东", "山东省", "province"),
    "SH": ("Shanghai", "上海", "上海市", "municipality"),
    "SN": ("Shaanxi", "陕西", "陕西省", "province"),
    "SX": ("Shanxi", "山西", "山西省", "province"),
    "TJ": ("Tianjin", "天津", "天津市", "municipality"),
    "TW": ("Taiwan", "台湾", "台湾省", "province"),
    "XJ": ("Xinjiang", "新疆", "新疆维吾尔自治区", "autonomous_region"),
    "XZ": ("Xizang", "西藏", "西藏自治区", "autonomous_region"),
    "YN": ("Yunnan", "云南", "云南省", "province"),
    "ZJ": ("Zhejiang", "浙江", "浙江省", "province"),
}

# Natural Earth river number -> (name_en, name_zh or "", rank override or None).
# name_zh is given only where the identification (name and position) is certain.
RIVERS = {
    1: ("Yangtze River (Chang Jiang)", "长江"),
    18: ("Yangtze River (Chang Jiang)", "长江"),
    15: ("Jinsha River (upper Yangtze)", "金沙江"),
    13: ("Tongtian River (upper Yangtze)", "通天河"),
    66: ("Yellow River (Huang He)", "黄河"),
    95: ("Yellow River (Huang He)", "黄河"),
    40: ("Lancang River (Mekong)", "澜沧江"),
    125: ("Nmai River", "恩梅开江"),
    128: ("Nanpan River", "南盘江"),
    146: ("Nu River (Salween)", "怒江"),
    147: ("Hongshui River", "红水河"),
    247: ("Yuan River", "沅江"),
    270: ("Han River", "汉江"),
    278: ("Gan River", "赣江"),
    306: ("Red River (Yuan Jiang)", "元江"),
    309: ("Dadu River", "大渡河"),
    367: ("Min River (Sichuan)", "岷江"),
    385: ("Fuchun River", "富春江"),
    419: ("Hudi River", ""),
    422: ("Sanggan River", "桑干河"),
    456: ("Wu River", "乌江"),
    457: ("Xiang River", "湘江"),
    458: ("Huai River", "淮河"),
    473: ("Min River (Fujian)", "闽江"),
    491: ("Buh River", "布哈河"),
    538: ("Jialing River", "嘉陵江"),
    539: ("Dong River", "东江"),
    540: ("Yalong River", "雅砻江"),
    548: ("You River", "右江"),
    552: ("Bei River", "北江"),
    609: ("Yongding River", "永定河"),
    631: ("Hai River", "海河"),
    738: ("Black River (Da)", ""),
    824: ("Duliu River", "都柳江"),
    873: ("Wei River", "渭河"),
    881: ("Dali River", "大理河"),
    882: ("Jing River", "泾河"),
    885: ("Qin River", "沁河"),
    886: ("Ou River", "瓯江"),
    893: ("Zhang River", "漳河"),
    908: ("Luan River", "滦河"),
    932: ("Liu River", "柳江"),
    933: ("Rong River", "融江"),
    945: ("Wuding River", "无定河"),
    999: ("Dan River", "丹江"),
    1070: ("Fen River", "汾河"),
    1071: ("Yi River (Shandong)", "沂河"),
    1081: ("Huan River", "环江"),
    1085: ("Jiulong River", "九龙江"),
    1086: ("Mei River", "梅江"),
    1087: ("Tuo River", "沱江"),
    1118: ("Quan River", ""),
    1143: ("Ying River", "颍河"),
}
RIVER_RANK_OVERRIDE = {873: 2}  # the Wei: the axis of the Guanzhong Plain, promoted to rank 2
# Natural Earth's "Tuo" (1087) starts at Songpan and runs down the upper Min valley (Maoxian, Wenchuan)
# to Dujiangyan before crossing the Chengdu plain to the Tuo: the part north of Dujiangyan is given to
# the Min (367).  rivernum -> (lon, lat of the split vertex, rivernum of the northern part)
RIVER_SPLITS = {1087: (103.62, 31.00, 367)}

# Natural Earth 2.0.0 spellings corrected in name_en (ne_name keeps the original).
PLACE_NAME_FIXES = {
    "Xian": "Xi'an", "Xiangfan": "Xiangyang", "Shijianzhuang": "Shijiazhuang",
    "Jianmen": "Tianmen", "Zhaotang": "Zhaotong", "Lupanshui": "Liupanshui",
    "Buizhou": "Binzhou", "Ninde": "Ningde", "Zuozhou": "Zhuozhou", "Xiangtai": "Xingtai",
    "Luan": "Lu'an", "Yaan": "Ya'an", "Taian": "Tai'an", "Maanshan": "Ma'anshan",
    "Fuan": "Fu'an", "Jian": "Ji'an",
}
# Chinese names of provincial capitals and municipalities (in addition to places.csv).
CAPITALS_ZH = {
    "Beijing": "北京", "Tianjin": "天津", "Shijiazhuang": "石家庄", "Taiyuan": "太原",
    "Jinan": "济南", "Nanjing": "南京", "Hefei": "合肥", "Nanchang": "南昌", "Changsha": "长沙",
    "Fuzhou": "福州", "Guiyang": "贵阳", "Kunming": "昆明", "Yinchuan": "银川", "Xining": "西宁",
}

# Nature reserves and parks: (name_en, name_zh, kind, lat, lon, uncertainty_km, note)
RESERVES = [
    ("Giant Panda National Park (Qinling area)", "大熊猫国家公园（秦岭片区）", "national park",
     33.70, 107.80, 40, "established 2021; the Qinling area spans several reserves around Foping, "
     "Yangxian and Zhouzhi; the point is only a label position"),
    ("Foping National Nature Reserve", "佛坪国家级自然保护区", "nature reserve",
     33.66, 107.82, 15, "Foping county, Hanzhong; giant panda habitat; part of the Giant Panda National Park"),
    ("Changqing National Nature Reserve", "长青国家级自然保护区", "nature reserve",
     33.55, 107.55, 15, "Yang county, Hanzhong; giant panda habitat; part of the Giant Panda National Park"),
    ("Taibaishan National Nature Reserve", "太白山国家级自然保护区", "nature reserve",
     33.95, 107.70, 15, "around the Taibai massif, highest peak of the Qinling"),
    ("Hubei Shennongjia", "湖北神农架", "heritage site",
     31.50, 110.35, 25, "UNESCO World Natural Heritage site (2016), also the Shennongjia National Park "
     "pilot area; the point lies in the central massif (Shennongding)"),
    ("Wolong National Nature Reserve", "卧龙国家级自然保护区", "nature reserve",
     31.05, 103.20, 20, "Wenchuan county, Sichuan; giant panda habitat; part of the Giant Panda National Park"),
    ("Tangjiahe National Nature Reserve", "唐家河国家级自然保护区", "nature reserve",
     32.60, 104.80, 10, "Qingchuan county, Guangyuan; giant panda habitat; part of the Giant Panda National Park"),
    ("Wanglang National Nature Reserve", "王朗国家级自然保护区", "nature reserve",
     32.95, 104.05, 10, "Pingwu county, Mianyang; giant panda habitat; part of the Giant Panda National Park"),
]

# ---------------------------------------------------------------- helpers

def wgs84():
    s = osr.SpatialReference()
    s.ImportFromEPSG(4326)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def aea():
    s = osr.SpatialReference()
    s.ImportFromProj4(AEA)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


SRS_LL = wgs84()
SRS_AEA = aea()
TO_AEA = osr.CoordinateTransformation(SRS_LL, SRS_AEA)
TO_LL = osr.CoordinateTransformation(SRS_AEA, SRS_LL)


def box_geom():
    w, s, e, n = BOX
    return ogr.CreateGeometryFromWkt(f"POLYGON(({w} {s},{e} {s},{e} {n},{w} {n},{w} {s}))")


def projected(g, ct):
    g = g.Clone()
    g.Transform(ct)
    return g


def area_km2(g_ll):
    return projected(g_ll, TO_AEA).GetArea() / 1e6


def rnd(v):
    r = round(float(v), DECIMALS)
    return 0.0 if r == 0 else r


def ring_coords(ring):
    pts = []
    for x, y in (ring.GetPoint_2D(i) for i in range(ring.GetPointCount())):
        p = [rnd(x), rnd(y)]
        if not pts or p != pts[-1]:
            pts.append(p)
    return pts


def signed_area(pts):
    a = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
        a += x1 * y2 - x2 * y1
    return a / 2.0


def polygon_coords(poly):
    rings = []
    for i in range(poly.GetGeometryCount()):
        pts = ring_coords(poly.GetGeometryRef(i))
        if pts[0] != pts[-1]:
            pts.append(pts[0])
        if len(pts) < 4 or abs(signed_area(pts)) == 0:
            if i == 0:
                return None
            continue
        ccw = signed_area(pts) > 0
        if (i == 0) != ccw:  # RFC 7946: exterior counterclockwise, holes clockwise
            pts.reverse()
        rings.append(pts)
    return rings


def parts(g):
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t in (ogr.wkbMultiPolygon, ogr.wkbMultiLineString, ogr.wkbGeometryCollection, ogr.wkbMultiPoint):
        out = []
        for i in range(g.GetGeometryCount()):
            out.extend(parts(g.GetGeometryRef(i).Clone()))
        return out
    return [g.Clone()]


def to_geojson_geometry(g):
    ps = parts(g)
    polys = [p for p in ps if ogr.GT_Flatten(p.GetGeometryType()) == ogr.wkbPolygon]
    lines = [p for p in ps if ogr.GT_Flatten(p.GetGeometryType()) == ogr.wkbLineString]
    points = [p for p in ps if ogr.GT_Flatten(p.GetGeometryType()) == ogr.wkbPoint]
    if polys:
        cs = [c for c in (polygon_coords(p) for p in polys) if c]
        if not cs:
            return None
        return {"type": "Polygon", "coordinates": cs[0]} if len(cs) == 1 else \
            {"type": "MultiPolygon", "coordinates": cs}
    if lines:
        cs = [c for c in (ring_coords(p) for p in lines) if len(c) >= 2]
        if not cs:
            return None
        return {"type": "LineString", "coordinates": cs[0]} if len(cs) == 1 else \
            {"type": "MultiLineString", "coordinates": cs}
    if points:
        return {"type": "Point", "coordinates": [rnd(points[0].GetX()), rnd(points[0].GetY())]}
    return None


def geojson_to_ogr(geom):
    return ogr.CreateGeometryFromJson(json.dumps(geom))


def write_geojson(name, features):
    """features: list of (properties dict, geojson geometry dict). One feature per line."""
    path = os.path.join(OUT_DIR, name)
    lines = ['{"type":"FeatureCollection","features":[']
    body = []
    for props, geom in features:
        body.append(json.dumps({"type": "Feature", "properties": props, "geometry": geom},
                               ensure_ascii=False, separators=(",", ":")))
    lines.append(",\n".join(body))
    lines.append("]}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    return path


def douglas_peucker(pts, tol):
    n = len(pts)
    if n <= 2:
        return pts
    keep = np.zeros(n, bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, b = pts[i], pts[j]
        seg = pts[i + 1:j]
        ab = b - a
        l2 = float(ab @ ab)
        if l2 == 0.0:
            d = np.hypot(*(seg - a).T)
        else:
            t = np.clip(((seg - a) @ ab) / l2, 0.0, 1.0)
            d = np.hypot(*(seg - (a + t[:, None] * ab)).T)
        k = int(np.argmax(d))
        if d[k] > tol:
            m = i + 1 + k
            keep[m] = True
            stack.append((i, m))
            stack.append((m, j))
    return pts[keep]


def simplify_closed(pts, tol):
    """pts: closed sequence (first == last)."""
    d = np.hypot(*(pts - pts[0]).T)
    f = int(np.argmax(d))
    if f == 0:
        return pts
    a = douglas_peucker(pts[:f + 1], tol)
    b = douglas_peucker(pts[f:], tol)
    return np.vstack([a, b[1:]])


def dpkg_version(pkg):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True,
                             text=True, check=True).stdout.strip()
        return out or "not installed"
    except (OSError, subprocess.CalledProcessError):
        return "not installed"


def is_valid(g):
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        return g.IsValid()
    finally:
        gdal.PopErrorHandler()


def make_valid(g):
    if is_valid(g):
        return g
    try:
        v = g.MakeValid()
    except (RuntimeError, AttributeError):
        v = g.Buffer(0)
    polys = [p for p in parts(v) if ogr.GT_Flatten(p.GetGeometryType()) == ogr.wkbPolygon]
    mp = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in polys:
        mp.AddGeometry(p)
    return mp.UnionCascaded() if polys else mp


def drop_small_holes(g, min_km2):
    """Remove interior rings smaller than min_km2 (artefacts of simplification)."""
    out = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in parts(g):
        if ogr.GT_Flatten(p.GetGeometryType()) != ogr.wkbPolygon or p.GetGeometryCount() == 0:
            continue
        q = ogr.Geometry(ogr.wkbPolygon)
        q.AddGeometry(p.GetGeometryRef(0).Clone())
        for k in range(1, p.GetGeometryCount()):
            h = ogr.Geometry(ogr.wkbPolygon)
            h.AddGeometry(p.GetGeometryRef(k).Clone())
            if area_km2(h) >= min_km2:
                q.AddGeometry(p.GetGeometryRef(k).Clone())
        out.AddGeometry(q)
    return out


def finish_polygon(g):
    """Round to the output precision and make sure the rounded geometry is valid."""
    for _ in range(4):
        gj = to_geojson_geometry(g)
        if gj is None:
            return None
        back = geojson_to_ogr(gj)
        if is_valid(back):
            return gj
        g = make_valid(back)
    raise RuntimeError("could not make a valid polygon after rounding")

# ---------------------------------------------------------------- gmt-dcw provinces


def dcw_decode():
    ds = gdal.OpenEx(DCW_PATH, gdal.OF_MULTIDIM_RASTER)
    rg = ds.GetRootGroup()
    names = rg.GetMDArrayNames()
    codes = sorted(n[2:4] for n in names if n.startswith("CN") and n.endswith("_lon") and len(n) == 8)
    out = {}
    for code in codes:
        arrs = []
        for axis in ("lon", "lat"):
            a = rg.OpenMDArray(f"CN{code}_{axis}")
            at = {x.GetName(): x.Read() for x in a.GetAttributes()}
            arrs.append((a.ReadAsArray().astype(np.int64), float(at["min"]), float(at["scale"])))
        (rx, xmin, xs), (ry, ymin, ys) = arrs
        starts = np.flatnonzero(rx == 65535)
        ends = list(starts[1:]) + [len(rx)]
        rings = []
        for s, e in zip(starts, ends):
            hole = int(ry[s]) == 1  # GMT 6: a marker latitude of 1 flags a hole
            r = np.column_stack([xmin + rx[s + 1:e] / xs, ymin + ry[s + 1:e] / ys])
            if len(r) > 1 and np.all(r[0] == r[-1]):
                r = r[:-1]
            if len(r) < 3:
                continue
            rings.append((hole, r))
        out[code] = rings
    version = ""
    for at in rg.GetAttributes():
        if at.GetName() == "version":
            version = str(at.Read())
    return out, version


def build_provinces(report):
    allrings, dcw_version = dcw_decode()
    w, s, e, n = BOX
    sel = {}
    for code, rings in allrings.items():
        pts = np.vstack([r for _, r in rings])
        if pts[:, 0].max() < w - 0.5 or pts[:, 0].min() > e + 0.5 or pts[:, 1].max() < s - 0.5 \
                or pts[:, 1].min() > n + 0.5:
            continue
        sel[code] = rings
    codes = sorted(sel)
    # Even-odd rule: a ring lying inside another ring of the same province is a hole of it
    # (DCW-GMT lists an enclave as a polygon of both provinces, e.g. one on the Guizhou-Hunan border).
    report["dcw_enclaves"] = []
    for code in codes:
        polys = []
        for hole, r in sel[code]:
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in r:
                ring.AddPoint_2D(float(x), float(y))
            ring.CloseRings()
            poly = ogr.Geometry(ogr.wkbPolygon)
            poly.AddGeometry(ring)
            polys.append(poly)
        fixed = []
        for i, (hole, r) in enumerate(sel[code]):
            inside = 0
            if len(sel[code]) > 1:
                pt = make_valid(polys[i]).PointOnSurface()
                env = polys[i].GetEnvelope()
                for j, q in enumerate(polys):
                    qe = q.GetEnvelope()
                    if j != i and qe[0] <= env[0] and qe[1] >= env[1] and qe[2] <= env[2] and qe[3] >= env[3] \
                            and make_valid(q).Contains(pt):
                        inside += 1
            if inside % 2 == 1:
                report["dcw_enclaves"].append((code, round(float(r[:, 0].mean()), 2), round(float(r[:, 1].mean()), 2)))
                hole = not hole
            fixed.append((hole, r))
        sel[code] = fixed
    # Flatten all vertices.
    ring_list = []  # (code, hole, offset, length)
    chunks = []
    off = 0
    for code in codes:
        for hole, r in sel[code]:
            ring_list.append((code, hole, off, len(r)))
            chunks.append(r)
            off += len(r)
    P = np.vstack(chunks)
    owner = np.concatenate([np.full(ln, codes.index(c)) for c, _, _, ln in ring_list])
    # Match the shared vertices of neighbouring provinces (mutual nearest neighbours).
    parent = np.arange(len(P))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    idx = [np.flatnonzero(owner == k) for k in range(len(codes))]
    trees = [cKDTree(P[ix]) for ix in idx]
    R = DCW_SNAP_DEG
    for a in range(len(codes)):
        for b in range(a + 1, len(codes)):
            pa, pb = P[idx[a]], P[idx[b]]
            if pa[:, 0].max() < pb[:, 0].min() - R or pb[:, 0].max() < pa[:, 0].min() - R or \
                    pa[:, 1].max() < pb[:, 1].min() - R or pb[:, 1].max() < pa[:, 1].min() - R:
                continue
            d1, n1 = trees[b].query(pa, distance_upper_bound=R)
            ok = np.flatnonzero(np.isfinite(d1))
            if len(ok) == 0:
                continue
            _, n2 = trees[a].query(pb[n1[ok]])
            for i in ok[n2 == ok]:
                x, y = find(idx[a][i]), find(idx[b][n1[i]])
                if x != y:
                    parent[max(x, y)] = min(x, y)
    root = np.array([find(i) for i in range(len(P))])
    coords = np.zeros_like(P)
    cnt = np.zeros(len(P))
    np.add.at(coords, root, P)
    np.add.at(cnt, root, 1)
    coords[cnt > 0] /= cnt[cnt > 0, None]
    # Rings as sequences of canonical vertex ids.
    rings = []  # (code, hole, ids)
    for code, hole, o, ln in ring_list:
        ids = root[o:o + ln]
        keep = np.ones(len(ids), bool)
        keep[1:] = ids[1:] != ids[:-1]
        ids = ids[keep]
        while len(ids) > 1 and ids[0] == ids[-1]:
            ids = ids[:-1]
        if len(ids) >= 3:
            rings.append((code, hole, [int(v) for v in ids]))
    edge_owners = defaultdict(set)
    nbrs = defaultdict(set)
    for code, _, ids in rings:
        for u, v in zip(ids, ids[1:] + ids[:1]):
            edge_owners[(min(u, v), max(u, v))].add(code)
            nbrs[u].add(v)
            nbrs[v].add(u)

    def eo(u, v):
        return frozenset(edge_owners[(min(u, v), max(u, v))])

    # Split rings into arcs at nodes.
    arcs = {}      # key tuple -> index
    arc_keys = []
    arc_owner = []
    ring_arcs = []  # per ring: list of (arc index, reversed)
    for code, hole, ids in rings:
        m = len(ids)
        isnode = [len(nbrs[ids[i]]) != 2 or eo(ids[i - 1], ids[i]) != eo(ids[i], ids[(i + 1) % m])
                  for i in range(m)]
        seqs = []
        if not any(isnode):
            k = ids.index(min(ids))
            rot = ids[k:] + ids[:k]
            fwd = tuple(rot + [rot[0]])
            bwd = tuple([rot[0]] + rot[:0:-1] + [rot[0]])
            seqs.append(fwd if fwd <= bwd else bwd)
            seqs_dir = [fwd]
        else:
            k = isnode.index(True)
            rot = ids[k:] + ids[:k]
            nod = isnode[k:] + isnode[:k]
            cur = [rot[0]]
            seqs_dir = []
            for i in range(1, m):
                cur.append(rot[i])
                if nod[i]:
                    seqs_dir.append(tuple(cur))
                    cur = [rot[i]]
            cur.append(rot[0])
            seqs_dir.append(tuple(cur))
        lst = []
        for t in seqs_dir:
            if t[0] == t[-1]:
                # closed arc: canonical = start at min id, smaller direction
                body = list(t[:-1])
                k = body.index(min(body))
                rot = body[k:] + body[:k]
                fwd = tuple(rot + [rot[0]])
                bwd = tuple([rot[0]] + rot[:0:-1] + [rot[0]])
                key = min(fwd, bwd)
                rev = key != fwd
            else:
                key = min(t, t[::-1])
                rev = key != t
            if key not in arcs:
                arcs[key] = len(arc_keys)
                arc_keys.append(key)
                arc_owner.append(eo(key[0], key[1]))
            lst.append((arcs[key], rev))
        ring_arcs.append(lst)
    # Simplify each arc once.
    simp = []
    for key in arc_keys:
        pts = coords[list(key)]
        if key[0] == key[-1]:
            simp.append(simplify_closed(pts, PROVINCE_SIMPLIFY_DEG))
        else:
            simp.append(douglas_peucker(pts, PROVINCE_SIMPLIFY_DEG))
    # Rebuild rings; drop small islands.
    kept_arcs = set()
    prov_rings = defaultdict(list)
    dropped = 0
    for (code, hole, ids), lst in zip(rings, ring_arcs):
        orig = coords[ids]
        lat = math.radians(float(orig[:, 1].mean()))
        a_km2 = abs(signed_area(np.vstack([orig, orig[:1]]).tolist())) * 111.32 ** 2 * math.cos(lat)
        if len(lst) == 1 and len(arc_owner[lst[0][0]]) == 1 and a_km2 < MIN_ISLAND_KM2:
            dropped += 1
            continue
        seq = []
        for ai, rev in lst:
            p = simp[ai][::-1] if rev else simp[ai]
            seq.append(p if not seq else p[1:])
        pts = np.vstack(seq)
        if len(pts) < 4:
            continue
        prov_rings[code].append((hole, pts))
        for ai, _ in lst:
            kept_arcs.add(ai)
    report["dcw_islands_dropped"] = dropped
    bx = box_geom()
    features = []
    for code in codes:
        outer = ogr.Geometry(ogr.wkbMultiPolygon)
        holes = ogr.Geometry(ogr.wkbMultiPolygon)
        for hole, pts in prov_rings[code]:
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in pts:
                ring.AddPoint_2D(float(x), float(y))
            ring.CloseRings()
            poly = ogr.Geometry(ogr.wkbPolygon)
            poly.AddGeometry(ring)
            for p in parts(make_valid(poly)):
                (holes if hole else outer).AddGeometry(p)
        g = outer.UnionCascaded()
        if holes.GetGeometryCount():
            g = g.Difference(holes.UnionCascaded())
        g = drop_small_holes(make_valid(g).Intersection(bx), MIN_ISLAND_KM2)
        if g.IsEmpty() or area_km2(g) < MIN_PROVINCE_PART_KM2:
            report.setdefault("dcw_left_out", []).append("CN." + code)
            continue
        gj = finish_polygon(g)
        if gj is None:
            continue
        en, zh, zh_full, kind = PROVINCES[code]
        props = {"name_en": en, "name_zh": zh, "name_zh_full": zh_full, "code": f"CN.{code}",
                 "kind": kind, "area_km2": int(round(area_km2(geojson_to_ogr(gj)) / 100.0) * 100)}
        features.append((props, gj))
    features.sort(key=lambda f: f[0]["code"])
    # Boundary lines from the arcs.
    land = ogr.Open(NE_ADM0_LINES)
    lyr = land.GetLayer()
    lyr.SetSpatialFilterRect(w - 1, s - 1, e + 1, n + 1)
    bpts = []
    for f in lyr:
        for p in parts(f.GetGeometryRef()):
            a = np.array(p.GetPoints())[:, :2]
            for i in range(len(a) - 1):
                k = int(math.ceil(np.hypot(*(a[i + 1] - a[i])) / 0.01)) + 1
                t = np.linspace(0, 1, k)[:, None]
                bpts.append(a[i] + (a[i + 1] - a[i]) * t)
    btree = cKDTree(np.vstack(bpts)) if bpts else None
    lines = []
    for ai in sorted(kept_arcs):
        own = sorted(arc_owner[ai])
        key = arc_keys[ai]
        orig = coords[list(key)]
        if len(own) == 2:
            kind = "provincial"
        else:
            # An arc owned by one province may still be a border whose vertices did not match.
            near = []
            for j, c in enumerate(codes):
                if c == own[0]:
                    continue
                d, _ = trees[j].query(orig, distance_upper_bound=0.003)
                if np.mean(np.isfinite(d)) >= 0.5:
                    near.append(c)
            if near:
                if own[0] > near[0]:
                    continue  # drawn once, from the other side
                kind = "provincial"
                own = sorted(own + near[:1])
            elif btree is not None and np.mean(btree.query(orig)[0] < 0.05) >= 0.5:
                kind = "national"
            else:
                kind = "coastline"
        ls = ogr.Geometry(ogr.wkbLineString)
        for x, y in simp[ai]:
            ls.AddPoint_2D(float(x), float(y))
        g = ls.Intersection(bx)
        if g.IsEmpty():
            continue
        gj = to_geojson_geometry(g)
        if gj is None:
            continue
        lines.append(({"kind": kind, "provinces": ",".join("CN." + c for c in own)}, gj))
    order = {"national": 0, "provincial": 1, "coastline": 2}
    lines.sort(key=lambda f: (order[f[0]["kind"]], f[0]["provinces"], json.dumps(f[1])))
    report["dcw_version"] = dcw_version
    report["dcw_provinces_read"] = codes
    return features, lines

# ---------------------------------------------------------------- Natural Earth


def merge_lines(segs):
    """Join line parts that share end points (exact after rounding). Deterministic."""
    segs = [list(map(tuple, s)) for s in segs if len(s) >= 2]
    changed = True
    while changed:
        changed = False
        for i in range(len(segs)):
            for j in range(len(segs)):
                if i == j or not segs[i] or not segs[j]:
                    continue
                a, b = segs[i], segs[j]
                if a[-1] == b[0]:
                    segs[i] = a + b[1:]
                elif a[-1] == b[-1]:
                    segs[i] = a + b[::-1][1:]
                elif a[0] == b[-1]:
                    segs[i] = b + a[1:]
                elif a[0] == b[0]:
                    segs[i] = b[::-1] + a[1:]
                else:
                    continue
                segs[j] = []
                changed = True
        segs = [s for s in segs if s]
    return [list(map(list, s)) for s in segs]


def build_rivers(report):
    ds = ogr.Open(NE_RIVERS)
    lyr = ds.GetLayer()
    w, s, e, n = BOX
    lyr.SetSpatialFilterRect(w, s, e, n)
    bx = box_geom()
    groups = defaultdict(list)
    info = {}
    unnamed = 0
    unknown = []
    for f in lyr:
        num = int(f.GetField("rivernum"))
        nm = f.GetField("name")
        if not nm:
            unnamed += 1
            continue
        g = f.GetGeometryRef().Intersection(bx)
        if g.IsEmpty():
            continue
        if num in RIVER_SPLITS:
            lon0, lat0, other = RIVER_SPLITS[num]
            keep_g, moved = ogr.Geometry(ogr.wkbMultiLineString), ogr.Geometry(ogr.wkbMultiLineString)
            for p in parts(g):
                a = np.array(p.GetPoints())[:, :2]
                k = int(np.argmin(np.hypot(a[:, 0] - lon0, a[:, 1] - lat0)))
                for piece in (a[:k + 1], a[k:]):
                    if len(piece) < 2:
                        continue
                    ls = ogr.Geometry(ogr.wkbLineString)
                    for x, y in piece:
                        ls.AddPoint_2D(float(x), float(y))
                    (moved if piece[:, 1].mean() > lat0 else keep_g).AddGeometry(ls)
            groups[RIVERS[other][0]].append(moved)
            g = keep_g
        if num not in RIVERS:
            unknown.append(nm)
            RIVERS[num] = (nm + " River", "")
        en = RIVERS[num][0]
        groups[en].append(g.Clone())
        sr = float(f.GetField("scalerank"))
        prev = info.get(en)
        ne_names = set(prev["ne"]) if prev else set()
        ne_names.add(nm)
        nums = set(prev["nums"]) if prev else set()
        nums.add(num)
        info[en] = {"zh": RIVERS[num][1], "sr": min(sr, prev["sr"]) if prev else sr,
                    "ne": ne_names, "nums": nums}
    feats = []
    for en in sorted(groups):
        segs = []
        for g in groups[en]:
            for p in parts(g):
                pts = np.array(p.GetPoints())[:, :2]
                pts = douglas_peucker(pts, RIVER_SIMPLIFY_DEG)
                c = []
                for x, y in pts:
                    q = [rnd(x), rnd(y)]
                    if not c or q != c[-1]:
                        c.append(q)
                if len(c) >= 2:
                    segs.append(c)
        segs = merge_lines(segs)
        segs.sort()
        if not segs:
            continue
        geom = {"type": "LineString", "coordinates": segs[0]} if len(segs) == 1 else \
            {"type": "MultiLineString", "coordinates": segs}
        it = info[en]
        sr = int(it["sr"])
        rank = 1 if sr <= 3 else (2 if sr <= 7 else 3)
        for num in it["nums"]:
            if num in RIVER_RANK_OVERRIDE:
                rank = min(rank, RIVER_RANK_OVERRIDE[num])
        props = {"name_en": en, "name_zh": it["zh"], "ne_name": " / ".join(sorted(it["ne"])),
                 "scalerank": sr, "rank": rank}
        feats.append((props, geom))
    feats.sort(key=lambda f: (f[0]["rank"], f[0]["scalerank"], f[0]["name_en"]))
    report["rivers_unnamed_skipped"] = unnamed
    report["rivers_unknown"] = unknown
    return feats


def build_places(report):
    ds = ogr.Open(NE_PLACES)
    lyr = ds.GetLayer()
    w, s, e, n = BOX
    lyr.SetSpatialFilterRect(w, s, e, n)
    feats = []
    zh_from = {"places.csv": 0, "capitals": 0}
    for f in lyr:
        g = f.GetGeometryRef()
        x, y = g.GetX(), g.GetY()
        if not (w <= x <= e and s <= y <= n):
            continue
        ne_name = f.GetField("name")
        en = PLACE_NAME_FIXES.get(ne_name, ne_name)
        zh = ""
        c = CITIES.get(en)
        if c and abs(c[1] - y) < 0.3 and abs(c[2] - x) < 0.3:
            zh = c[0]
            zh_from["places.csv"] += 1
        elif en in CAPITALS_ZH:
            zh = CAPITALS_ZH[en]
            zh_from["capitals"] += 1
        props = {"name_en": en, "name_zh": zh, "ne_name": ne_name,
                 "pop_max": int(f.GetField("pop_max")), "rank": int(f.GetField("scalerank"))}
        feats.append((props, {"type": "Point", "coordinates": [rnd(x), rnd(y)]}))
    feats.sort(key=lambda f: (f[0]["rank"], -f[0]["pop_max"], f[0]["name_en"], f[1]["coordinates"]))
    report["places_zh"] = zh_from
    return feats

# ---------------------------------------------------------------- Qinba Mountain Area


def river_points(num, step=0.005):
    ds = ogr.Open(NE_RIVERS)
    lyr = ds.GetLayer()
    lyr.SetAttributeFilter(f"rivernum = {int(num)}")
    pts = []
    for f in lyr:
        for p in parts(f.GetGeometryRef()):
            a = np.array(p.GetPoints())[:, :2]
            for i in range(len(a) - 1):
                k = int(math.ceil(np.hypot(*(a[i + 1] - a[i])) / step)) + 1
                t = np.linspace(0, 1, k)[:, None]
                pts.append(a[i] + (a[i + 1] - a[i]) * t)
    return np.vstack(pts)


def disk(r):
    y, x = np.mgrid[-r:r + 1, -r:r + 1]
    return x * x + y * y <= r * r + 0.5


def build_mountain_area(report):
    ds = gdal.Open(DEM_PATH)
    z = ds.GetRasterBand(1).ReadAsArray().astype(float)
    H, W = z.shape
    x0, dx, _, y0, _, dy = ds.GetGeoTransform()
    lons = x0 + dx * (np.arange(W) + 0.5)
    lats = y0 + dy * (np.arange(H) + 0.5)
    LON, LAT = np.meshgrid(lons, lats)

    def profile(pts, lo, hi, mode):
        out = np.full(W, np.nan)
        col = np.floor((pts[:, 0] - x0) / dx).astype(int)
        for c in range(W):
            if lo <= lons[c] <= hi:
                v = pts[col == c, 1]
                if len(v):
                    out[c] = v.min() if mode == "min" else v.max()
        sel = (lons >= lo) & (lons <= hi)
        ok = ~np.isnan(out)
        ix = np.arange(W)
        out[sel] = np.interp(ix[sel], ix[ok], out[ok])
        return out

    wei, yellow, yangtze = river_points(873), river_points(95), river_points(18)
    wei_w, wei_e = float(wei[:, 0].min()), float(wei[:, 0].max())
    west_lon = np.interp(LAT, [p[0] for p in MTN_WEST_LINE], [p[1] for p in MTN_WEST_LINE])
    north = np.full(W, np.nan)
    m = (lons >= MTN_WEST_LINE[-1][1]) & (lons < wei_w)
    north[m] = MTN_WEST_LIMIT_N_LAT
    p = profile(wei, wei_w, wei_e, "min")
    m = (lons >= wei_w) & (lons <= wei_e)
    north[m] = p[m]
    p = profile(yellow, wei_e, MTN_EAST_LON_N, "min")
    m = (lons > wei_e) & (lons <= MTN_EAST_LON_N)
    north[m] = p[m]
    south = np.full(W, np.nan)
    p = profile(yangtze, MTN_WEST_LINE[0][1], MTN_EAST_LON_S, "max")
    m = (lons >= MTN_WEST_LINE[0][1]) & (lons <= MTN_EAST_LON_S)
    south[m] = p[m]
    m = lons < MTN_WEST_LINE[0][1]
    south[m] = MTN_WEST_LINE[0][0]
    m = lons > MTN_EAST_LON_S
    south[m] = MTN_EAST_SPLIT_LAT
    zs = ndi.gaussian_filter(z, MTN_SIGMA_PX)
    # Wei valley floor: low ground connected to the Wei river line; the zone stops at its south edge.
    low = zs < MTN_WEI_LOWLAND_M
    lab, _ = ndi.label(low)
    wr = np.clip(((y0 - wei[:, 1]) / -dy).astype(int), 0, H - 1)
    wc = np.clip(((wei[:, 0] - x0) / dx).astype(int), 0, W - 1)
    ids = np.unique(lab[wr, wc])
    wei_low = np.isin(lab, ids[ids > 0]) & (np.abs(LAT - north[None, :]) < 0.6)
    for c in range(W):
        r = np.flatnonzero(wei_low[:, c])
        if len(r) and wei_w <= lons[c] <= wei_e:
            north[c] = min(north[c], lats[r].min() - abs(dy) / 2.0)
    east_lon = np.where(LAT >= MTN_EAST_SPLIT_LAT, MTN_EAST_LON_N, MTN_EAST_LON_S)
    zone = (LAT <= north[None, :]) & (LAT >= south[None, :]) & (LON >= west_lon) & (LON <= east_lon)
    zone &= ~np.isnan(north)[None, :] & ~np.isnan(south)[None, :]
    hab = zs - ndi.minimum_filter(zs, 2 * 4 + 1)
    mask = ((zs >= MTN_ELEV_M) | ((hab >= MTN_HAB_M) & (zs >= MTN_HAB_MIN_ELEV_M))) & zone
    mask = ndi.binary_opening(mask, disk(MTN_OPEN_PX))
    pad = MTN_CLOSE_PX + 2
    mask = ndi.binary_closing(np.pad(mask, pad), disk(MTN_CLOSE_PX))[pad:-pad, pad:-pad] & zone
    mask = ndi.binary_opening(mask, disk(MTN_OPEN2_PX))
    lab, _ = ndi.label(mask)
    keep = set()
    for la, lo, _ in MTN_SEEDS:
        keep.add(int(lab[int((y0 - la) / -dy), int((lo - x0) / dx)]))
    keep.discard(0)
    mask = ndi.binary_fill_holes(np.isin(lab, sorted(keep)))
    # Smooth outline: contour 0.5 of the slightly blurred mask.
    f = ndi.gaussian_filter(np.pad(mask.astype(np.float32), 4), 1.0)
    mem = gdal.GetDriverByName("MEM").Create("", W + 8, H + 8, 1, gdal.GDT_Float32)
    mem.SetGeoTransform((x0 - 4 * dx, dx, 0, y0 - 4 * dy, 0, dy))
    mem.SetProjection(SRS_LL.ExportToWkt())
    mem.GetRasterBand(1).WriteArray(f)
    vds = ogr.GetDriverByName("Memory").CreateDataSource("c")
    vl = vds.CreateLayer("c", SRS_LL, ogr.wkbMultiPolygon)
    vl.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    vl.CreateField(ogr.FieldDefn("vmin", ogr.OFTReal))
    vl.CreateField(ogr.FieldDefn("vmax", ogr.OFTReal))
    gdal.ContourGenerateEx(mem.GetRasterBand(1), vl, options=[
        "FIXED_LEVELS=0.5", "POLYGONIZE=YES", "ID_FIELD=0", "ELEV_FIELD_MIN=1", "ELEV_FIELD_MAX=2"])
    g = ogr.Geometry(ogr.wkbMultiPolygon)
    for feat in vl:
        if feat.GetField("vmin") >= 0.5 - 1e-9:
            for p in parts(feat.GetGeometryRef()):
                g.AddGeometry(p)
    g = make_valid(g.UnionCascaded())
    # keep the part(s) of meaningful size
    ps = sorted(parts(g), key=lambda p: -p.GetArea())
    g = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in ps:
        if p.GetArea() >= 0.05 * ps[0].GetArea():
            g.AddGeometry(p)
    g = g.UnionCascaded().SimplifyPreserveTopology(MTN_SIMPLIFY_DEG)
    gj = finish_polygon(g)
    a = area_km2(geojson_to_ogr(gj))
    report["mountain_area_km2"] = a
    report["mountain_pixels"] = int(mask.sum())
    env = geojson_to_ogr(gj).GetEnvelope()
    report["mountain_extent"] = env
    # east-west extent in km along 33 N
    report["mountain_ew_km"] = (env[1] - env[0]) * 111.32 * math.cos(math.radians(33.0))
    props = {"name_en": "Qinba Mountain Area", "name_zh": "秦巴山区", "level": "mountain_area",
             "approximate": True, "area_km2": int(round(a / 100.0) * 100),
             "method": "derived from the default DEM (elevation and relief thresholds), see PROVENANCE.md"}
    return [(props, gj)], geojson_to_ogr(gj)

# ---------------------------------------------------------------- City Area, Pan-Qinba Region


def point_aea(name):
    _, lat, lon = CITIES[name]
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(lon, lat)
    p.Transform(TO_AEA)
    return p


def build_city_area(mountain_ll, report):
    mountain = projected(mountain_ll, TO_AEA)
    feats = []
    geoms = []
    for en, zh, members in AGGLOMERATIONS:
        mp = ogr.Geometry(ogr.wkbMultiPoint)
        cores = ogr.Geometry(ogr.wkbMultiPolygon)
        for m in members:
            p = point_aea(m)
            mp.AddGeometry(p)
            cores.AddGeometry(p.Buffer(CITY_CORE_KM * 1000.0, 16))
        hull = mp.ConvexHull().Buffer(CITY_BUFFER_KM * 1000.0, 16)
        g = hull.Difference(mountain.Difference(cores.UnionCascaded()))
        geoms.append(g)
        g_ll = projected(g, TO_LL)
        gj = finish_polygon(make_valid(g_ll).SimplifyPreserveTopology(0.005))
        a = area_km2(geojson_to_ogr(gj))
        props = {"name_en": en, "name_zh": zh, "level": "agglomeration", "members": ", ".join(members),
                 "approximate": True, "area_km2": int(round(a / 100.0) * 100)}
        feats.append((props, gj))
        report.setdefault("city_area_km2", {})[en] = a
    # Lanzhou: one of the 26 cities, in none of the four agglomerations.
    g = point_aea("Lanzhou").Buffer(CITY_BUFFER_KM * 1000.0, 16)
    geoms.append(g)
    gj = finish_polygon(projected(g, TO_LL).SimplifyPreserveTopology(0.005))
    a = area_km2(geojson_to_ogr(gj))
    feats.append(({"name_en": "Lanzhou (outside the four agglomerations)",
                   "name_zh": "兰州（四大城市群之外）", "level": "city", "members": "Lanzhou",
                   "approximate": True, "area_km2": int(round(a / 100.0) * 100)}, gj))
    report.setdefault("city_area_km2", {})["Lanzhou"] = a
    return feats, geoms


def build_region(mountain_ll, city_geoms, report):
    u = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in parts(projected(mountain_ll, TO_AEA)):
        u.AddGeometry(p)
    for g in city_geoms:
        for p in parts(g):
            u.AddGeometry(p)
    u = u.UnionCascaded()
    d = REGION_CLOSING_KM * 1000.0
    g = u.Buffer(d, 24).Buffer(-d, 24)
    g = g.Union(u)
    # fill holes
    filled = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in parts(g):
        q = ogr.Geometry(ogr.wkbPolygon)
        q.AddGeometry(p.GetGeometryRef(0).Clone())
        filled.AddGeometry(q)
    g = filled.UnionCascaded()
    g_ll = projected(g, TO_LL).SimplifyPreserveTopology(0.01)
    gj = finish_polygon(make_valid(g_ll))
    a = area_km2(geojson_to_ogr(gj))
    report["region_area_km2"] = a
    report["region_parts"] = len(parts(geojson_to_ogr(gj)))
    props = {"name_en": "Pan-Qinba Region", "name_zh": "泛秦巴地区", "level": "region",
             "approximate": True, "area_km2": int(round(a / 100.0) * 100)}
    return [(props, gj)]


def build_reserves():
    feats = []
    for en, zh, kind, lat, lon, unc, note in RESERVES:
        feats.append(({"name_en": en, "name_zh": zh, "kind": kind, "approximate": True,
                       "uncertainty_km": unc, "note": note},
                      {"type": "Point", "coordinates": [rnd(lon), rnd(lat)]}))
    return feats

# ---------------------------------------------------------------- provenance


def provenance(files, report):
    v = {p: dpkg_version(p) for p in ("gmt-dcw", "libmagics++-data", "marble-qt-data",
                                       "python3-gdal", "python3-numpy", "python3-scipy")}

    def ne_version(stem):
        try:
            with open(os.path.join(NE_DIR, stem + ".VERSION.txt")) as f:
                return f.read().strip()
        except OSError:
            return "unknown"

    w, s, e, n = BOX
    ma = report["mountain_area_km2"]
    ca = report["city_area_km2"]
    L = []
    A = L.append
    A("# Reference layers — provenance")
    A("")
    A("GeoJSON layers for Qinba Atlas (RFC 7946: WGS 84 longitude/latitude, EPSG:4326), clipped to the box "
      f"{w:g}–{e:g}° E, {s:g}–{n:g}° N, coordinates rounded to {DECIMALS} decimals (about 10 m).")
    A("All files are generated; do not edit them by hand. Rebuild (byte for byte identical for the same inputs):")
    A("")
    A("```sh")
    A("/usr/bin/python3 assets/scripts/make_reference_layers.py")
    A("```")
    A("")
    A("Needed only to rebuild (the viewer never needs them): Debian packages `gmt-dcw`, `libmagics++-data`, "
      "`python3-gdal`, `python3-numpy`, `python3-scipy`, and the default DEM "
      f"`{DEM_REL}` (itself built from `marble-qt-data`).")
    A("")
    A("| package | version used |")
    A("|---|---|")
    for p, ver in v.items():
        A(f"| `{p}` | `{ver}` |")
    A("")
    A("| file | features | geometry | source |")
    A("|---|---|---|---|")
    for name, (count, gtype, src) in files.items():
        A(f"| `{name}` | {count} | {gtype} | {src} |")
    A("")
    A("Properties use snake_case. `name_zh` is Simplified Chinese (empty string when no reliable name is known).")
    A("")
    A("## Licences")
    A("")
    A("- **Natural Earth** (`libmagics++-data`): public domain (naturalearthdata.com: “All versions of Natural "
      "Earth raster + vector map data found on this website are in the public domain”). Credit appreciated: "
      "“Made with Natural Earth”.")
    A("- **DCW-GMT** (`gmt-dcw`): `/usr/share/doc/gmt-dcw/copyright` covers the data file with "
      "`Files: * — Copyright 2014, The GMT Team — License: LGPL-3+` (the `debian/*` packaging files are "
      "GPL-3+, which does not concern the data). DCW-GMT is derived from the Digital Chart of the World "
      "(1:1,000,000); the layers `provinces.geojson` and `province_lines.geojson` are a simplified, clipped "
      "derivative of it and are distributed under LGPL-3+ with credit “DCW-GMT, The GMT Team”.")
    A("- **Derived layers** (`qinba_mountain_area`, `qinba_city_area`, `pan_qinba_region`, "
      "`nature_reserves_approx`): made by this project; the mountain area is derived from the default DEM "
      f"(`{DEM_REL}`, SRTM30 via KDE Marble, `marble-qt-data`, LGPL-2.1+; see its provenance file). "
      "City coordinates come from `shared/reference/places.csv` (Natural Earth / GeoNames / common "
      "reference values).")
    A("")
    A("## provinces.geojson")
    A("")
    A(f"- Source: `{DCW_PATH}` (`gmt-dcw` {v['gmt-dcw']}, DCW-GMT version {report['dcw_version']}), variables "
      "`CNxx_lon`/`CNxx_lat` of every Chinese province whose extent comes within 0.5° of the box ("
      + ", ".join("CN." + c for c in report["dcw_provinces_read"]) + ").")
    A("- Decoding: value = attribute `min` + raw / attribute `scale` (uint16); a raw longitude of 65535 starts a "
      "new polygon, and its raw latitude 1 marks a hole (GMT 6's `gmt_dcw.c`; no Chinese polygon has one in "
      "this version). A province is the union of its polygons minus its holes; a polygon lying inside another "
      "polygon of the same province counts as a hole (even-odd rule): DCW-GMT lists an enclave as a polygon of "
      "both provinces (" + "; ".join(f"{c} at {x}° E {y}° N" for c, x, y in report["dcw_enclaves"])
      + "), so it becomes a hole of the province around it and stays with the other.")
    A(f"- Shared borders: each province is quantised on its own grid (about 10–30 m), so the vertices of a "
      f"shared border differ slightly. Vertices of two provinces that are mutual nearest neighbours within "
      f"{DCW_SNAP_DEG}° are merged to their mean; borders are then split into arcs at junctions and each arc is "
      f"simplified once (Douglas–Peucker, tolerance {PROVINCE_SIMPLIFY_DEG}°, about 1 km), so neighbouring "
      "provinces keep exactly the same border (no gaps or overlaps from simplification).")
    A(f"- Islands under {MIN_ISLAND_KM2:g} km² are dropped ({report['dcw_islands_dropped']} rings, small "
      f"coastal islands), and so are holes under {MIN_ISLAND_KM2:g} km² left by the "
      f"simplification; provinces with less than {MIN_PROVINCE_PART_KM2:g} km² inside the box are left out "
      f"({', '.join(report.get('dcw_left_out', [])) or 'none'}). "
      "Polygons are made valid (OGR MakeValid), clipped to the box and "
      "rounded; every output geometry passes OGR's validity test.")
    A("- Properties: `name_en` (English/pinyin), `name_zh` (short Chinese name, as used for map labels, e.g. "
      "陕西), `name_zh_full` (official name, e.g. 陕西省), `code` (DCW code, e.g. `CN.SN`), `kind` "
      "(`province`, `municipality`, `autonomous_region`), `area_km2` (area of the clipped polygon on the "
      "ellipsoid, rounded to 100 km²).")
    A("")
    A("## province_lines.geojson")
    A("")
    A("- Derived from the same simplified arcs as `provinces.geojson`, so lines and polygons coincide exactly. "
      "Each arc appears once.")
    A("- `kind`: `provincial` (border between two provinces), `national` (China's land border: an arc of one "
      "province lying, for at least half of its vertices, within 0.05° of Natural Earth "
      f"`ne_10m_admin_0_boundary_lines_land` {ne_version('ne_10m_admin_0_boundary_lines_land')}), `coastline` "
      "(all other arcs of one province). `provinces`: the DCW codes on either side, comma-separated.")
    A("- Where two provinces' vertices did not match (a few short stretches), the two near-identical arcs are "
      "recognised (half of the vertices within 0.003° of the other province) and only one is kept, as "
      "`provincial`.")
    A("")
    A("## rivers.geojson")
    A("")
    A(f"- Source: Natural Earth `ne_10m_rivers_lake_centerlines` version "
      f"{ne_version('ne_10m_rivers_lake_centerlines')} (`libmagics++-data` {v['libmagics++-data']}). Every "
      f"named river with a part in the box; unnamed centerlines ({report['rivers_unnamed_skipped']}) are left "
      "out. River and lake-centerline pieces of one river are joined into one feature (the Yangtze's two "
      "Natural Earth features, `Chang Jiang (Yangtze)` and `Yangtze`, and the Yellow River's two, `Huang` and "
      "`Huang (Yellow)`, are merged). Clipped to the box, simplified with a tolerance of "
      f"{RIVER_SIMPLIFY_DEG}° (about 200 m).")
    A("- One correction: Natural Earth's `Tuo` starts at Songpan and follows the upper Min valley (Maoxian, "
      "Wenchuan) down to Dujiangyan before it crosses the Chengdu plain to the Tuo; the part north of the "
      "vertex nearest to Dujiangyan (103.62° E, 31.00° N) is given to the Min River (Sichuan), whose Natural "
      "Earth line otherwise covers only Leshan–Yibin (the Min between Dujiangyan and Leshan is missing).")
    A("- Properties: `name_en` (English, generic term added), `name_zh` (given only where the river is "
      "certainly identified; empty for Hudi, Black (Da) and Quan, whose Natural Earth names or positions do not "
      "identify one Chinese river with certainty), `ne_name` (Natural Earth's name), `scalerank` (Natural "
      "Earth, 1 = most important), `rank` (1: scalerank 1–3, Yangtze, Yellow and their upper courses; 2: "
      "scalerank 4–7; 3: scalerank 8–9; the Wei is promoted to 2 as the axis of the Guanzhong Plain).")
    A("- Natural Earth 10m centerlines are generalised: expect offsets of a few kilometres from the real "
      "channel. Tributaries missing from Natural Earth (Luo He, Bailong Jiang, Fu Jiang, Qu Jiang, …) are not "
      "in the file.")
    A("")
    A("## populated_places.geojson")
    A("")
    A(f"- Source: Natural Earth `ne_10m_populated_places_simple` version "
      f"{ne_version('ne_10m_populated_places_simple')}; every place in the box.")
    A("- Properties: `name_en` (Natural Earth `name`, with obvious misspellings of this old version corrected: "
      + ", ".join(f"{a} → {b}" for a, b in PLACE_NAME_FIXES.items())
      + "), `ne_name` (the original), `pop_max` (Natural Earth), `rank` (Natural Earth `scalerank`, 0 = most "
      "prominent … 8), `name_zh`.")
    A(f"- This Natural Earth version has no Chinese name field. `name_zh` is filled from "
      f"`shared/reference/places.csv` where the name matches and the position agrees within 0.3° "
      f"({report['places_zh']['places.csv']} places), and for provincial capitals and municipalities "
      f"({report['places_zh']['capitals']} places: " + ", ".join(f"{k} {z}" for k, z in CAPITALS_ZH.items())
      + "); it is empty elsewhere.")
    A("")
    A("## qinba_mountain_area.geojson — DERIVED, APPROXIMATE")
    A("")
    A("**Approximate.** The paper (section 3.1.1) defines the Qinba Mountain Area administratively (119 counties "
      "and districts in six provinces, about 3.1 × 10⁵ km², more than 1000 km east–west); county boundaries "
      "are not available offline, so this polygon is a physiographic proxy derived from the default DEM. It "
      "is not an official boundary.")
    A("")
    A(f"1. DEM `{DEM_REL}` (2′ grid), smoothed with a Gaussian of σ = {MTN_SIGMA_PX:g} px.")
    A(f"2. Mountain pixels: smoothed elevation ≥ {MTN_ELEV_M} m, or height above the lowest smoothed value "
      f"within 4 px (about 15 km) ≥ {MTN_HAB_M} m where elevation ≥ {MTN_HAB_MIN_ELEV_M} m.")
    A("3. Only inside a search zone: north of the Natural Earth Yangtze line (`Chang Jiang (Yangtze)`) between "
      f"{MTN_WEST_LINE[0][1]}° E and {MTN_EAST_LON_S}° E; south of the Natural Earth Wei line (its source to its "
      f"mouth), of {MTN_WEST_LIMIT_N_LAT}° N west of the Wei's source and of the Yellow River from the Wei's "
      f"mouth to {MTN_EAST_LON_N}° E; the Wei valley floor is excluded (smoothed elevation < "
      f"{MTN_WEI_LOWLAND_M} m and connected to the Wei line: the zone stops at its southern edge); east of "
      f"{MTN_EAST_LON_S}° E (south of {MTN_EAST_SPLIT_LAT}° N) or {MTN_EAST_LON_N}° E (north of it); west "
      "limit the line (lat, lon) " + " – ".join(f"({a:g}, {b:g})" for a, b in MTN_WEST_LINE)
      + " (keeps the Tibetan Plateau and the Longmen Shan south-west of Beichuan out).")
    A(f"4. Morphological opening (disk of radius {MTN_OPEN_PX} px) to remove isolated narrow ridges (the "
      f"parallel ridges of eastern Sichuan), closing (radius {MTN_CLOSE_PX} px, about 30 km) to take in the "
      "inter-montane valleys and basins (Hanzhong, Ankang, the Han valley to Danjiangkou, Shangluo), a second "
      f"opening (radius {MTN_OPEN2_PX} px) that removes spurs narrower than about 25 km, then the "
      "connected component(s) holding " + ", ".join(x[2] for x in MTN_SEEDS) + ", with all holes filled.")
    A(f"5. Outline: contour 0.5 of the mask blurred by σ = 1 px (GDAL ContourGenerateEx), simplified with "
      f"tolerance {MTN_SIMPLIFY_DEG}°.")
    A(f"- Result: {ma:,.0f} km² (computed on the ellipsoid in `{AEA}`), against about 310,000 km² in the paper: "
      "the same order of magnitude; the paper's counties also include low hill country at the edges (around "
      f"Bazhong, Dazhou, Xiangyang, Nanyang) that the DEM test leaves out. East–west extent "
      f"{report['mountain_extent'][0]:.2f}–{report['mountain_extent'][1]:.2f}° E "
      f"(about {report['mountain_ew_km']:,.0f} km at 33° N).")
    A("- Properties: `name_en`, `name_zh` (秦巴山区), `level` = `mountain_area`, `approximate` = true, "
      "`area_km2` (rounded to 100 km²), `method`.")
    A("")
    A("## qinba_city_area.geojson — DERIVED, APPROXIMATE")
    A("")
    A("**Approximate.** The four urban agglomerations of the Qinba City Area (paper, section 3.1.2) drawn as "
      "generalised envelopes of their member cities, not their official planning extents.")
    A("")
    A(f"- For each agglomeration: convex hull of the member cities (coordinates from `places.csv`), buffered by "
      f"{CITY_BUFFER_KM:g} km, minus the Qinba Mountain Area above except within {CITY_CORE_KM:g} km of a member "
      "city (so the City Area is the outer belt around the mountains, and cities on the mountain edge such as "
      "Guangyuan, Baoji and Tianshui keep their core). Buffers in the equal-area projection above; simplified "
      "with tolerance 0.005°.")
    for en, zh, members in AGGLOMERATIONS:
        A(f"  - {en} ({zh}): {', '.join(members)} — {ca[en]:,.0f} km².")
    A(f"- Lanzhou is one of the 26 cities but in none of the four agglomerations: it is a separate feature "
      f"(`level` = `city`, a {CITY_BUFFER_KM:g} km disc, {ca['Lanzhou']:,.0f} km²).")
    A("- Properties: `name_en`, `name_zh`, `level` (`agglomeration` or `city`), `members` (comma-separated "
      "English names), `approximate` = true, `area_km2`.")
    A("")
    A("## pan_qinba_region.geojson — DERIVED, APPROXIMATE")
    A("")
    A(f"**Approximate.** Union of the Qinba Mountain Area and all City Area features (including Lanzhou), closed "
      f"with a buffer of +{REGION_CLOSING_KM:g} km followed by −{REGION_CLOSING_KM:g} km (equal-area "
      "projection) so that it forms one region, holes filled, simplified with tolerance 0.01°. "
      f"Area {report['region_area_km2']:,.0f} km², {report['region_parts']} part(s).")
    A("- Properties: `name_en` (Pan-Qinba Region), `name_zh` (泛秦巴地区), `level` = `region`, "
      "`approximate` = true, `area_km2`.")
    A("")
    A("## nature_reserves_approx.geojson — APPROXIMATE POINTS")
    A("")
    A("**Approximate.** No Debian package holds protected-area data for the region. These are label points for "
      "well-known protected areas, placed from general knowledge of their location, not from boundary data; "
      "`uncertainty_km` is an honest estimate of how far the point may be from the area's centre (and the areas "
      "themselves are tens of kilometres across).")
    A("")
    A("| name_en | name_zh | kind | lat | lon | uncertainty_km |")
    A("|---|---|---|---|---|---|")
    for en, zh, kind, lat, lon, unc, _ in RESERVES:
        A(f"| {en} | {zh} | {kind} | {lat:.2f} | {lon:.2f} | {unc} |")
    A("")
    A("- Properties: `name_en`, `name_zh`, `kind` (`national park`, `nature reserve`, `heritage site`), "
      "`approximate` = true, "
      "`uncertainty_km`, `note`.")
    A("")
    with open(os.path.join(OUT_DIR, "PROVENANCE.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(L).rstrip("\n") + "\n")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    report = {}
    files = {}

    def out(name, feats, gtype, src):
        path = write_geojson(name, feats)
        files[name] = (len(feats), gtype, src)
        return path

    provinces, lines = build_provinces(report)
    out("provinces.geojson", provinces, "Polygon/MultiPolygon", "gmt-dcw")
    out("province_lines.geojson", lines, "LineString/MultiLineString", "gmt-dcw (+ Natural Earth for `kind`)")
    out("rivers.geojson", build_rivers(report), "LineString/MultiLineString", "Natural Earth 10m")
    out("populated_places.geojson", build_places(report), "Point", "Natural Earth 10m (+ places.csv)")
    mtn_feats, mtn = build_mountain_area(report)
    out("qinba_mountain_area.geojson", mtn_feats, "Polygon", "derived from the default DEM")
    city_feats, city_geoms = build_city_area(mtn, report)
    out("qinba_city_area.geojson", city_feats, "Polygon/MultiPolygon", "derived from places.csv")
    out("pan_qinba_region.geojson", build_region(mtn, city_geoms, report), "Polygon", "derived")
    out("nature_reserves_approx.geojson", build_reserves(), "Point", "approximate, general knowledge")
    provenance(files, report)
    total = 0
    print(f"Reference layers in {os.path.relpath(OUT_DIR, ROOT)}:")
    for name, (count, _, _) in files.items():
        size = os.path.getsize(os.path.join(OUT_DIR, name))
        total += size
        print(f"  {name:32s} {count:4d} features {size / 1024:8.1f} KiB")
    print(f"  total {total / 1024:.1f} KiB")
    print(f"  Qinba Mountain Area {report['mountain_area_km2']:,.0f} km² (paper: about 310,000 km²)")
    for k, a in report["city_area_km2"].items():
        print(f"  {k}: {a:,.0f} km²")
    print(f"  Pan-Qinba Region {report['region_area_km2']:,.0f} km² ({report['region_parts']} part(s))")
    print(f"  islands dropped {report['dcw_islands_dropped']}, place names in Chinese {report['places_zh']}")
    if report["rivers_unknown"]:
        print("  rivers without a name table entry:", ", ".join(report["rivers_unknown"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
