#!/usr/bin/python3
"""Generate crossaxis' schematic sample GeoPackage (sample_data/cross_axis.gpkg).

The data are ILLUSTRATIVE, not survey data: a 6 km x 6 km square placed on the
Dasha River x Yingbin Road crossing in southern Shanyang District, Jiaozuo, with
invented parcels, roads, constraints and proposals that exercise the engine.

Usage:
    /usr/bin/python3 scripts/make_sample_data.py [OUT.gpkg]   generate, then check
    /usr/bin/python3 scripts/make_sample_data.py --check FILE  only check a file

Use /usr/bin/python3 (Debian's python with python3-gdal); only the standard
library and osgeo are used. The output is byte-identical from run to run:
a fixed random seed, a fixed OGR_CURRENT_DATE, fixed feature order, FIDs 1..n.

How the geometry is built (so that the invariants hold by construction):
  * All roads are straight, axis-aligned lines with integer coordinates in a
    local frame (u east, v north, metres from the SW corner of the square).
    A junction is simply (u of the N-S road, v of the E-W road), so both roads
    get exactly the same vertex.
  * Rivers are smooth curves v = f(u) (Catmull-Rom through control points),
    sampled every 50 m; their water polygons are buffers of those lines.
  * land_use is a partition: water W, road land R = (road corridors) - W, and
    the rest L = square - W - R cut into blocks and then into grid parcels.
"""

import argparse
import hashlib
import math
import os
import random
import sys

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

SEED = 20260101
SIDE = 6000              # square side, metres
CODE_SYSTEM = "ydyh2023"
EPSG_WORK = 4547         # CGCS2000 / 3-degree GK CM 114E
EPSG_GEOG = 4490         # CGCS2000 geographic
CENTRE_LONLAT = (113.25, 35.17)   # Dasha River x Yingbin Road, approximate

# 2023 land/sea-use classes used here (自然资发〔2023〕234号); see DOMAIN.md.
CLASS_NAMES = {
    "0101": "水田", "0102": "水浇地", "0103": "旱地",
    "0201": "果园", "0301": "乔木林地",
    "0701": "城镇住宅用地", "0703": "农村宅基地",
    "0801": "机关团体用地", "0901": "商业用地",
    "1001": "工业用地", "1101": "物流仓储用地",
    "1207": "城镇村道路用地", "1301": "供水用地",
    "1401": "公园绿地", "1402": "防护绿地",
    "1701": "河流水面", "1704": "坑塘水面", "1705": "沟渠",
}
FARMLAND = ("0101", "0102", "0103")


# --------------------------------------------------------------------------
# Frame and geometry helpers
# --------------------------------------------------------------------------

def make_srs(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)   # x=east, y=north
    return srs


def square_origin():
    """SW corner (X0, Y0) of the square: centre = (113.25E, 35.17N) in EPSG:4547,
    rounded to 10 m, minus half the side."""
    ct = osr.CoordinateTransformation(make_srs(EPSG_GEOG), make_srs(EPSG_WORK))
    x, y, _ = ct.TransformPoint(*CENTRE_LONLAT)
    cx = round(x / 10.0) * 10
    cy = round(y / 10.0) * 10
    return int(cx) - SIDE // 2, int(cy) - SIDE // 2


X0, Y0 = square_origin()


def P(u, v):
    """Local (u, v) -> absolute EPSG:4547 (x, y)."""
    return (X0 + u, Y0 + v)


def line(pts_local):
    g = ogr.Geometry(ogr.wkbLineString)
    for u, v in pts_local:
        g.AddPoint_2D(*P(u, v))
    return g


def polygon(pts_local):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for u, v in pts_local:
        ring.AddPoint_2D(*P(u, v))
    ring.CloseRings()
    g = ogr.Geometry(ogr.wkbPolygon)
    g.AddGeometry(ring)
    return g


def box(u0, v0, u1, v1):
    return polygon([(u0, v0), (u1, v0), (u1, v1), (u0, v1)])


SQUARE = box(0, 0, SIDE, SIDE)


def polys(g, min_area=1e-3):
    """All polygon parts of g (a GEOS result may be a collection), cloned."""
    out = []
    if g is None or g.IsEmpty():
        return out
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbPolygon:
        if g.GetArea() > min_area:
            out.append(g.Clone())
    elif t in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        for i in range(g.GetGeometryCount()):
            out += polys(g.GetGeometryRef(i), min_area)
    return out


def line_length(g):
    """Total length of the line parts of g (a shared edge may come back as a
    collection of lines and points)."""
    if g is None or g.IsEmpty():
        return 0.0
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t in (ogr.wkbLineString, ogr.wkbMultiLineString):
        return g.Length()
    if t == ogr.wkbGeometryCollection:
        return sum(line_length(g.GetGeometryRef(i)) for i in range(g.GetGeometryCount()))
    return 0.0


def area(g):
    """Area of the polygon parts of g (0 for points and lines)."""
    return sum(p.GetArea() for p in polys(g, min_area=0.0))


def union_all(geoms):
    acc = None
    for g in geoms:
        acc = g.Clone() if acc is None else acc.Union(g)
    return acc if acc is not None else ogr.Geometry(ogr.wkbPolygon)


def multi(g):
    """Polygon or MultiPolygon or collection -> MultiPolygon of its polygon parts."""
    m = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in polys(g):
        m.AddGeometry(p)
    return m


def local_centroid(g):
    c = g.Centroid()
    return c.GetX() - X0, c.GetY() - Y0


def curve(u_first, step, values):
    """Uniform Catmull-Rom curve through (u_first + i*step, values[i]); returns
    f(u) rounded to the centimetre (exact control values at the knots)."""
    def f(u):
        s = (u - u_first) / step
        i = int(math.floor(s))
        t = s - i
        if t == 0.0:
            return float(values[i])
        p0, p1, p2, p3 = values[i - 1], values[i], values[i + 1], values[i + 2]
        v = 0.5 * (2 * p1 + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t
                   + (-p0 + 3 * p1 - 3 * p2 + p3) * t ** 3)
        return round(v, 2)
    return f


# --------------------------------------------------------------------------
# Rivers
# --------------------------------------------------------------------------

# Dasha River: centre line v = dasha_v(u); gentle meander at 2480..2690 m, i.e. about
# 40-45 % of the square's height from the south; it crosses Yingbin Road (u = 3000)
# at v = 2600.
dasha_v = curve(-1200, 600, [2500, 2520, 2560, 2630, 2690, 2650, 2580, 2600,
                             2660, 2620, 2520, 2480, 2520, 2560, 2580])
# Xinhe River (north, urban), west -> east at v 4700..4880, between 解放路 and 人民路.
xinhe_v = curve(-1500, 750, [4900, 4880, 4850, 4780, 4730, 4790, 4870, 4830,
                             4740, 4700, 4740, 4770, 4780])

DASHA_HALF, XINHE_HALF, SHANYANG_HALF = 65, 15, 12     # half widths of the water, m
SHANYANG_U = 4300        # where 山阳河 leaves the Xinhe and where it ends
SHANYANG_END_V = 3150    # its south end: about 460 m short of the Dasha water


def river_points(f, u0, u1, step=50):
    return [(u, f(u)) for u in range(u0, u1 + 1, step)]


def shanyang_points():
    """山阳河: takes off from a Xinhe vertex at u=4300 and flows south, meandering
    +-40 m (1.5 waves), to end at (4300, 3150)."""
    v_top = xinhe_v(SHANYANG_U)
    span = v_top - SHANYANG_END_V
    pts = [(SHANYANG_U, v_top)]
    v = int(v_top // 50) * 50
    while v > SHANYANG_END_V:
        if v_top - v > 10:
            u = SHANYANG_U + round(40 * math.sin(2 * math.pi * 1.5 * (v - SHANYANG_END_V) / span), 2)
            pts.append((u, float(v)))
        v -= 50
    pts.append((SHANYANG_U, float(SHANYANG_END_V)))
    return pts


def build_rivers():
    """Centre lines (clipped to the square) and water polygons.  The buffers are
    taken from lines extended 300 m beyond the square, then clipped, so the water
    runs straight off the map edge."""
    dasha_ext = line(river_points(dasha_v, -300, SIDE + 300))
    xinhe_ext = line(river_points(xinhe_v, -300, SIDE + 300))
    shanyang = line(shanyang_points())

    dasha_poly = dasha_ext.Buffer(DASHA_HALF, 8).Intersection(SQUARE)
    xinhe_poly = xinhe_ext.Buffer(XINHE_HALF, 8).Intersection(SQUARE).Difference(dasha_poly)
    # 山阳河 starts inside the Xinhe: keep its water disjoint from the Xinhe's.
    shanyang_poly = shanyang.Buffer(SHANYANG_HALF, 8).Intersection(SQUARE).Difference(xinhe_poly)

    rivers = [
        dict(river_id="RV01", name="大沙河", line=line(river_points(dasha_v, 0, SIDE)),
             area=dasha_poly),
        dict(river_id="RV02", name="新河", line=line(river_points(xinhe_v, 0, SIDE)),
             area=xinhe_poly),
        dict(river_id="RV03", name="山阳河", line=shanyang, area=shanyang_poly),
    ]
    for r in rivers:
        assert len(polys(r["area"])) == 1, r["river_id"] + " water is not one polygon"
    return rivers, dasha_ext


# --------------------------------------------------------------------------
# Existing roads
# --------------------------------------------------------------------------

# key, name, class, red-line width, design speed, lanes, axis ('h' = E-W at v=c,
# 'v' = N-S at u=c), c, from, to (local metres).  Denser in the urban north.
ROAD_DEFS = [
    ("jiaozuo_ave", "焦作大道", "expressway", 30, 80, 6, "h", 5700, 0, 6000),
    ("renmin", "人民路", "arterial", 50, 60, 6, "h", 5200, 0, 6000),
    ("jiefang", "解放路", "arterial", 40, 50, 6, "h", 4400, 0, 6000),
    ("tanan", "塔南路", "secondary", 30, 40, 4, "h", 3600, 0, 6000),
    ("underpass_st", "", "branch", 16, 30, 2, "h", 3100, 2200, 3800),
    ("binhe_n", "滨河北路", "secondary", 24, 40, 4, "h", 2850, 0, 3800),
    ("binhe_s", "滨河南路", "branch", 20, 30, 2, "h", 2380, 1400, 4800),
    ("shenzhou", "神州路", "secondary", 30, 40, 4, "h", 1500, 3800, 6000),
    ("mafang_rd", "", "branch", 14, 30, 2, "h", 1500, 2420, 3000),
    ("shiji", "世纪路", "secondary", 30, 40, 4, "h", 800, 0, 6000),
    ("jianshe", "建设路", "secondary", 30, 40, 4, "v", 700, 2850, 6000),
    ("b1400n", "", "branch", 16, 30, 2, "v", 1400, 2850, 4400),
    ("minzhu", "民主路", "arterial", 40, 50, 6, "v", 2200, 2850, 6000),
    ("b2600", "", "branch", 16, 30, 2, "v", 2600, 3100, 4400),
    ("yingbin", "迎宾路", "arterial", 50, 60, 6, "v", 3000, 0, 6000),
    ("b3400", "", "branch", 16, 30, 2, "v", 3400, 2850, 4400),
    ("shanyang_rd", "山阳路", "secondary", 30, 40, 4, "v", 3800, 2850, 6000),
    ("b3800s", "", "branch", 14, 30, 2, "v", 3800, 800, 2380),
    ("fengshou", "丰收路", "secondary", 30, 40, 4, "v", 4800, 0, 6000),
    ("b5400", "", "branch", 16, 30, 2, "v", 5400, 3600, 4400),
    ("b1400s", "", "branch", 14, 30, 2, "v", 1400, 800, 2380),
]

# Extra split points (nodes that are not junctions of two existing roads):
#  * 滨河南路 at u=3000: passes UNDER the 迎宾路 bridge; its two segments share an
#    endpoint right below the bridge span, which must NOT connect to the bridge.
#  * 滨河南路 and 世纪路 at u=2200: pre-split where 民主路南延 will join them.
EXTRA_SPLITS = {"binhe_s": [3000, 2200], "shiji": [2200]}
# The one underpass: the branch at v=3100 dips under 迎宾路 (z_level -1).
TUNNELS = {"underpass_st": [(2920, 3080)]}
# One-way branch streets (a couplet): (key, from, to, +1 = digitised direction
# along increasing coordinate, -1 = reversed).
ONEWAY = [("b2600", 3600, 4400, +1), ("b3400", 3100, 3600, -1)]
# The two existing road bridges over the Dasha River and their chosen extents.
DASHA_BRIDGE_MARGIN = {"yingbin": 60, "fengshou": 40}
YINGBIN_BRIDGE_SOUTH = 2330   # spans 滨河南路 (v=2380, red line 2370..2390) too
MINOR_BRIDGE_MARGIN = 10      # short bridges over 新河 / 山阳河


class Road:
    def __init__(self, key, name, cls, width, speed, lanes, axis, c, a, b):
        self.key, self.name, self.cls = key, name, cls
        self.width, self.speed, self.lanes = width, speed, lanes
        self.axis, self.c, self.a, self.b = axis, c, a, b
        self.structures = []       # (lo, hi, "bridge" | "tunnel")
        self.splits = set()

    def point(self, s):
        return (s, self.c) if self.axis == "h" else (self.c, s)

    def centre_line(self):
        return line([self.point(self.a), self.point(self.b)])

    def corridor(self):
        """Red-line corridor: the centre line buffered by half the width, flat ends."""
        h = self.width / 2
        if self.axis == "h":
            return box(self.a, self.c - h, self.b, self.c + h)
        return box(self.c - h, self.a, self.c + h, self.b)

    def along_range(self, g):
        """Extent of geometry g along this road's axis, in local metres."""
        minx, maxx, miny, maxy = g.GetEnvelope()
        return (minx - X0, maxx - X0) if self.axis == "h" else (miny - Y0, maxy - Y0)

    def structure_at(self, s, strict=True):
        for lo, hi, kind in self.structures:
            if (lo < s < hi) if strict else (lo <= s <= hi):
                return kind
        return None


def water_interval(road, water):
    inter = road.centre_line().Intersection(water)
    if inter.IsEmpty():
        return None
    return road.along_range(inter)


def build_roads(rivers):
    roads = [Road(*d) for d in ROAD_DEFS]
    by_key = {r.key: r for r in roads}
    dasha, xinhe, shanyang = (r["area"] for r in rivers)

    # Bridges and the tunnel.
    for r in roads:
        iv = water_interval(r, dasha)
        if iv is not None:
            if r.key not in DASHA_BRIDGE_MARGIN:
                raise RuntimeError("road %s crosses the Dasha without a bridge" % r.key)
            m = DASHA_BRIDGE_MARGIN[r.key]
            lo = math.floor((iv[0] - m) / 10) * 10
            hi = math.ceil((iv[1] + m) / 10) * 10
            if r.key == "yingbin":
                lo = YINGBIN_BRIDGE_SOUTH
            r.structures.append((lo, hi, "bridge"))
        for water in (xinhe, shanyang):
            iv = water_interval(r, water)
            if iv is not None:
                r.structures.append((math.floor(iv[0] - MINOR_BRIDGE_MARGIN),
                                     math.ceil(iv[1] + MINOR_BRIDGE_MARGIN), "bridge"))
        for lo, hi in TUNNELS.get(r.key, []):
            r.structures.append((lo, hi, "tunnel"))
        r.structures.sort()

    # Junctions: where an E-W and a N-S road meet, unless one of them is on a
    # bridge/tunnel there (then they cross without a node on the structure).
    separated = []
    for h in (r for r in roads if r.axis == "h"):
        for v in (r for r in roads if r.axis == "v"):
            if not (h.a <= v.c <= h.b and v.a <= h.c <= v.b):
                continue
            sh, sv = h.structure_at(v.c), v.structure_at(h.c)
            if sh or sv:
                separated.append((h.key, v.key, (v.c, h.c)))
                continue
            if h.structure_at(v.c, strict=False) or v.structure_at(h.c, strict=False):
                raise RuntimeError("junction at a bridge/tunnel end: %s x %s" % (h.key, v.key))
            h.splits.add(v.c)
            v.splits.add(h.c)
    for key, ss in EXTRA_SPLITS.items():
        for s in ss:
            by_key[key].splits.add(s)
            if by_key[key].structure_at(s, strict=False):
                raise RuntimeError("extra split inside a structure")

    # Split into segments: at junctions, extra splits and structure ends.
    segments = []
    for r in roads:
        cuts = {r.a, r.b} | {s for s in r.splits if r.a < s < r.b}
        for lo, hi, _ in r.structures:
            cuts |= {lo, hi}
        cuts = sorted(cuts)
        for s0, s1 in zip(cuts, cuts[1:]):
            kind = r.structure_at((s0 + s1) / 2)
            oneway, p0, p1 = 0, r.point(s0), r.point(s1)
            for key, lo, hi, direction in ONEWAY:
                if key == r.key and s0 >= lo and s1 <= hi:
                    oneway = 1
                    if direction < 0:
                        p0, p1 = p1, p0
            segments.append(dict(
                key=r.key, name=r.name, cls=r.cls, width=float(r.width),
                speed=float(r.speed), lanes=r.lanes, oneway=oneway,
                bridge=1 if kind == "bridge" else 0, tunnel=1 if kind == "tunnel" else 0,
                z_level=1 if kind == "bridge" else (-1 if kind == "tunnel" else 0),
                status="existing", pts=[p0, p1]))
    for i, s in enumerate(segments, 1):
        s["road_id"] = "R%04d" % i
    return roads, segments, separated


# --------------------------------------------------------------------------
# Proposals
# --------------------------------------------------------------------------

MINZHU_U = 2200
MINZHU_BRIDGE_MARGIN = 60


def build_proposals(roads, rivers):
    by_key = {r.key: r for r in roads}
    dasha = rivers[0]["area"]
    minzhu, shenzhou = by_key["minzhu"], by_key["shenzhou"]
    binhe_n, binhe_s, shiji = by_key["binhe_n"], by_key["binhe_s"], by_key["shiji"]
    yingbin = by_key["yingbin"]

    # 民主路南延: from 民主路's south end (on 滨河北路) south across the Dasha,
    # joining 滨河南路 and ending on 世纪路 (both pre-split at u=2200).
    probe = line([(MINZHU_U, binhe_s.c), (MINZHU_U, binhe_n.c)]).Intersection(dasha)
    wv0, wv1 = probe.GetEnvelope()[2] - Y0, probe.GetEnvelope()[3] - Y0
    b_lo = math.floor((wv0 - MINZHU_BRIDGE_MARGIN) / 10) * 10
    b_hi = math.ceil((wv1 + MINZHU_BRIDGE_MARGIN) / 10) * 10
    assert binhe_s.c + binhe_s.width / 2 < b_lo and b_hi < binhe_n.c - binhe_n.width / 2
    u = MINZHU_U
    ms = dict(name="民主路", cls="arterial", width=40.0, speed=50.0, lanes=6, oneway=0,
              tunnel=0, status="planned", proposal_id="minzhu_south", kind="road")
    props = [
        dict(ms, bridge=0, z_level=0, pts=[(u, minzhu.a), (u, b_hi)]),
        dict(ms, bridge=1, z_level=1, pts=[(u, b_hi), (u, b_lo)]),
        dict(ms, bridge=0, z_level=0, pts=[(u, b_lo), (u, binhe_s.c)]),
        dict(ms, bridge=0, z_level=0, pts=[(u, binhe_s.c), (u, shiji.c)]),
    ]
    # 神州路西延: from 神州路's west end straight west to 迎宾路 at v=1500 (a node of
    # 迎宾路, where the existing village road to 马坊 also starts).
    props.append(dict(name="神州路", cls="secondary", width=30.0, speed=40.0, lanes=4,
                      oneway=0, bridge=0, tunnel=0, z_level=0, status="planned",
                      proposal_id="shenzhou_west", kind="road",
                      pts=[(shenzhou.a, shenzhou.c), (yingbin.c, shenzhou.c)]))
    # 山阳河连通: a channel from the south end of 山阳河 straight south to a vertex of
    # the Dasha centre line.  Not a road.
    props.append(dict(name="山阳河连通", cls="channel", width=30.0, speed=0.0, lanes=0,
                      oneway=0, bridge=0, tunnel=0, z_level=0, status="planned",
                      proposal_id="shanyang_link", kind="water",
                      pts=[(SHANYANG_U, float(SHANYANG_END_V)),
                           (SHANYANG_U, dasha_v(SHANYANG_U))]))
    for i, p in enumerate(props, 1):
        p["road_id"] = "N%04d" % i
    return props


# --------------------------------------------------------------------------
# Land use
# --------------------------------------------------------------------------

# Villages (0703 clusters): name, u, v, radius.  Each lies within 200 m of a road.
VILLAGES = [
    ("李湾", 1050, 2990, 130), ("墙南", 5150, 3420, 150), ("常庄", 5100, 5020, 130),
    ("孙村", 1230, 980, 200), ("马坊", 2300, 1400, 180), ("待王", 4350, 1650, 180),
    ("宁郭", 5600, 1300, 200), ("府城", 1700, 600, 180), ("东王封", 3350, 650, 160),
    ("小尚", 5650, 600, 170),
]
# Irrigation ditches (1705), 6 m wide, cut by the roads they pass under.
DITCHES = [(0, 1947, 2990, 1953), (5297, 0, 5303, 2600), (0, 347, SIDE, 353)]
BANK_WIDTH = 150         # green band along the Dasha where no riverside road bounds it
BANK_WHOLE_BLOCK = 350   # a block entirely within this of the water is all bank green
MINOR_BANK = 20          # protective green along 新河 / 山阳河

URBAN_MIX = [("0701", 50), ("0901", 14), ("0801", 7), ("1401", 7), ("1001", 8),
             ("1101", 4), ("1301", 3)]
INDUSTRIAL_MIX = [("1001", 45), ("1101", 20), ("0701", 20), ("1301", 5), ("1402", 10)]
FARM_MIX = [("0102", 50), ("0103", 22), ("0101", 8), ("0201", 8), ("0301", 5), ("1704", 4)]


def is_urban(u, v):
    """The old city lies to the north: urban north of 滨河北路, except farmland
    fringes in the west (u<1400) and east (u>3800) below 塔南路."""
    if v < 2860:
        return False
    if v < 3600 and (u < 1400 or u > 3800):
        return False
    return True


def pick(rng, mix):
    total = sum(w for _, w in mix)
    x = rng.uniform(0, total)
    for code, w in mix:
        x -= w
        if x <= 0:
            return code
    return mix[-1][0]


def subdivide(part, pu, pv):
    """Cut a polygon into an even grid of about pu x pv cells over its envelope,
    then merge pieces under 30 % of an average cell into the neighbour with which
    they share the longest edge (no slivers, and still an exact partition)."""
    minx, maxx, miny, maxy = part.GetEnvelope()
    nx = max(1, int(round((maxx - minx) / pu)))
    ny = max(1, int(round((maxy - miny) / pv)))
    if nx == 1 and ny == 1:
        return [part.Clone()]
    xs = [minx + (maxx - minx) * i / nx for i in range(nx)] + [maxx]
    ys = [miny + (maxy - miny) * j / ny for j in range(ny)] + [maxy]
    pieces = []
    for j in range(ny):
        for i in range(nx):
            cell = ogr.CreateGeometryFromWkt(
                "POLYGON((%r %r,%r %r,%r %r,%r %r,%r %r))" % (
                    xs[i], ys[j], xs[i + 1], ys[j], xs[i + 1], ys[j + 1],
                    xs[i], ys[j + 1], xs[i], ys[j]))
            pieces += polys(part.Intersection(cell), min_area=1e-6)
    return merge_small(pieces, 0.3 * part.GetArea() / len(pieces))


def merge_small(pieces, min_area):
    pieces = list(pieces)
    while True:
        small = [(p.GetArea(), i) for i, p in enumerate(pieces) if p.GetArea() < min_area]
        if not small or len(pieces) == 1:
            return pieces
        merged = False
        for _, i in sorted(small):
            p = pieces[i]
            best, best_len = None, 0.0
            for j, q in enumerate(pieces):
                if j == i or not p.Intersects(q):
                    continue
                shared = line_length(p.Intersection(q))
                if shared > best_len:
                    best, best_len = j, shared
            if best is None:
                continue
            u = p.Union(pieces[best])
            if ogr.GT_Flatten(u.GetGeometryType()) != ogr.wkbPolygon:
                continue
            pieces[best] = u
            del pieces[i]
            merged = True
            break
        if not merged:
            return pieces


def build_land_use(rivers, roads, proposals, rng):
    dasha_poly = rivers[0]["area"]
    minor_water = rivers[1]["area"].Union(rivers[2]["area"])
    water = union_all([r["area"] for r in rivers])
    corridors = union_all([r.corridor() for r in roads]).Intersection(SQUARE)
    road_land = corridors.Difference(water)
    land = SQUARE.Difference(water).Difference(corridors)

    dasha_band = dasha_poly.Buffer(BANK_WIDTH, 8)
    dasha_near = dasha_poly.Buffer(BANK_WHOLE_BLOCK, 8)
    minor_band = minor_water.Buffer(MINOR_BANK, 8)
    ditches = union_all([box(*d) for d in DITCHES])
    sz = [p for p in proposals if p["proposal_id"] == "shenzhou_west"][0]
    no_pond = line(sz["pts"]).Buffer(30, 8)     # keep 神州路西延 off water

    parcels = []   # (polygon, code)

    # Water: the 1701 parcels are exactly the river polygons.
    for r in rivers:
        for p in polys(r["area"]):
            parcels.append((p, "1701"))

    # Road land: the corridor union cut on a 500 m grid (lines at 250 + 500k lie
    # clear of every road centre line, so corridors are cut across, never along).
    grid = [0] + list(range(250, SIDE, 500)) + [SIDE]
    pieces = []
    for j in range(len(grid) - 1):
        for i in range(len(grid) - 1):
            cell = box(grid[i], grid[j], grid[i + 1], grid[j + 1])
            pieces += polys(road_land.Intersection(cell), min_area=1e-6)
    for p in merge_small(pieces, 400.0):
        parcels.append((p, "1207"))

    # The rest, block by block.
    for block in polys(land, min_area=1e-6):
        parts = []   # (polygon, kind)
        rest = block
        if rest.Intersects(ditches):
            parts += [(p, "ditch") for p in polys(rest.Intersection(ditches))]
            rest = rest.Difference(ditches)
        for piece in polys(rest, min_area=1e-6):
            if piece.Distance(dasha_poly) < 0.01:
                if piece.Difference(dasha_near).GetArea() < 1.0:
                    parts.append((piece, "bank"))
                    continue
                parts += [(p, "bank") for p in polys(piece.Intersection(dasha_band), 1e-6)]
                piece = piece.Difference(dasha_band)
            for q in polys(piece, min_area=1e-6):
                if q.Distance(minor_water) < 0.01:
                    parts += [(p, "minorbank") for p in polys(q.Intersection(minor_band), 1e-6)]
                    parts += [(p, "land") for p in polys(q.Difference(minor_band), 1e-6)]
                else:
                    parts.append((q, "land"))

        for part, kind in parts:
            cu, cv = local_centroid(part)
            if kind == "ditch":
                for p in subdivide(part, 1000, 1000):
                    parcels.append((p, "1705"))
                continue
            if kind == "bank":
                for p in subdivide(part, 200, 200):
                    u, v = local_centroid(p)
                    if 1500 <= u <= 4300:
                        code = "1401"            # riverside park near the crossing
                    else:
                        code = "0301" if rng.random() < 0.25 else "1402"
                    parcels.append((p, code))
                continue
            if kind == "minorbank":
                for p in subdivide(part, 150, 150):
                    parcels.append((p, "1402"))
                continue
            urban = is_urban(cu, cv)
            for p in subdivide(part, *((150, 150) if urban else (120, 220))):
                u, v = local_centroid(p)
                village = any(math.hypot(u - vu, v - vv) <= rad for _, vu, vv, rad in VILLAGES)
                if village:
                    code = "0703"
                elif urban:
                    mix = INDUSTRIAL_MIX if (u > 4815 and v > 3600) else URBAN_MIX
                    if mix is URBAN_MIX and abs(u - 3000) < 400 and v > 4000:
                        mix = [(c, w * 3 if c == "0901" else w) for c, w in mix]
                    code = pick(rng, mix)
                else:
                    mix = FARM_MIX
                    if abs(v - dasha_v(min(max(u, 0), SIDE))) < 800:   # paddy near the river
                        mix = [(c, w * 3 if c == "0101" else w) for c, w in mix]
                    if p.Intersects(no_pond):
                        mix = [(c, w) for c, w in mix if c != "1704"]
                    code = pick(rng, mix)
                parcels.append((p, code))

    # Stable order: 250 m rows from north to south, west to east within a row.
    def key(item):
        u, v = local_centroid(item[0])
        return (-int(v // 250), round(u, 3), round(v, 3))
    parcels.sort(key=key)
    return [dict(parcel_id="P%05d" % i, code=c, geom=multi(p))
            for i, (p, c) in enumerate(parcels, 1)], corridors


# --------------------------------------------------------------------------
# Constraints, eco corridor, zones
# --------------------------------------------------------------------------

# Basic-farmland regions: farmland parcels whose centroid falls inside become
# 永久基本农田 (so the polygons follow parcel edges).  BF-01 is the one that
# 神州路西延 (v = 1500, u 3000..3800) cuts through.
BF_REGIONS = [("01", (3200, 1000, 3750, 2000)), ("02", (150, 900, 1300, 2100)),
              ("03", (3900, 150, 4700, 1400)), ("04", (5000, 900, 5900, 2100)),
              ("05", (2300, 100, 2900, 700))]
REDLINE_BOX = (600, 2390, 2700, 2838)     # river core between the riverside roads
UDB_NORTH = (0, 2838, SIDE, SIDE)
UDB_NORTH_OUT = [(3815, 2838, SIDE, 3585), (0, 2838, 1393, 3585)]   # farmland fringes
UDB_SOUTH = (2100, 1000, 3150, 2390)       # strip along 迎宾路 south of the river
FLOOD_BANDS = [(3, 0, 200), (2, 200, 600), (1, 600, 1000)]   # from the centre line


def build_constraints(land_use, rivers, dasha_ext):
    dasha_poly = rivers[0]["area"]
    out = []
    bf_all = []
    for n, (u0, v0, u1, v1) in BF_REGIONS:
        chosen = []
        for p in land_use:
            if p["code"] in FARMLAND:
                u, v = local_centroid(p["geom"])
                if u0 <= u <= u1 and v0 <= v <= v1:
                    chosen.append(p["geom"])
        g = union_all(chosen)
        bf_all.append(g)
        out.append(dict(kind="basic_farmland", level=None, name="永久基本农田-" + n, geom=g))

    redline = dasha_poly.Buffer(150, 8).Intersection(box(*REDLINE_BOX))
    out.append(dict(kind="eco_redline", level=None, name="大沙河生态保护红线", geom=redline))

    udb = box(*UDB_NORTH)
    for b in UDB_NORTH_OUT:
        udb = udb.Difference(box(*b))
    udb = udb.Union(box(*UDB_SOUTH))
    # 三区三线 do not overlap: carve farmland and the red line out of the boundary.
    udb = udb.Difference(union_all(bf_all)).Difference(redline)
    out.append(dict(kind="urban_dev_boundary", level=None, name="城镇开发边界", geom=udb))

    level_name = {3: "高", 2: "中", 1: "低"}
    for level, d0, d1 in FLOOD_BANDS:
        g = dasha_ext.Buffer(d1, 16).Intersection(SQUARE)
        if d0 > 0:
            g = g.Difference(dasha_ext.Buffer(d0, 16))
        out.append(dict(kind="flood_risk", level=level,
                        name="大沙河洪水风险区（%s）" % level_name[level], geom=g))
    for i, c in enumerate(out, 1):
        c["constraint_id"] = "C%02d" % i
        c["geom"] = multi(c["geom"])
    return out


def build_eco_corridor(rivers, dasha_ext):
    corridor = dasha_ext.Buffer(DASHA_HALF + 400, 16).Intersection(SQUARE)
    # Wedge along 山阳河, stopping short of the corridor: the gap is what the
    # 山阳河连通 channel bridges. It reaches 20 m past the river's end (v = 3150),
    # where the channel starts, so the channel's right-of-way overlaps it.
    shanyang_wedge = (rivers[2]["line"].Buffer(150, 8).Intersection(box(0, 3130, SIDE, SIDE))
                      .Difference(rivers[1]["area"]))
    # Western wedge narrowing from the map edge towards the corridor, which it meets.
    west_wedge = polygon([(0, 4300), (450, 4250), (900, 3900), (1250, 3300), (1500, 2900),
                          (1500, 2700), (0, 2700)]).Difference(corridor)
    out = [
        dict(corridor_id="EC01", name="大沙河国际生态廊道", kind="corridor", geom=corridor),
        dict(corridor_id="EC02", name="山阳河绿楔", kind="green_wedge", geom=shanyang_wedge),
        dict(corridor_id="EC03", name="西部绿楔", kind="green_wedge", geom=west_wedge),
    ]
    for e in out:
        e["geom"] = multi(e["geom"])
    return out


# name, u, v, type.  Each is 100-200 m from a road, on both banks.
ZONE_DEFS = [
    ("中星", 1800, 5830, "urban"), ("北新", 600, 5850, "urban"), ("苏蔺", 3150, 5450, "urban"),
    ("光亚", 1050, 5330, "urban"), ("焦北", 2400, 5330, "urban"), ("许衡", 4300, 5330, "urban"),
    ("建业", 5600, 5330, "industrial"), ("常庄", 5100, 5020, "village"),
    ("新城", 1050, 4520, "urban"), ("定和", 1800, 4520, "urban"), ("太行", 2450, 4250, "urban"),
    ("丰收", 3150, 4200, "urban"), ("西杨", 550, 4200, "urban"), ("陶庄", 4600, 4250, "urban"),
    ("马村", 5550, 4000, "industrial"), ("百间房", 1050, 3720, "urban"),
    ("艺新", 1800, 3720, "urban"), ("恩村", 3150, 3350, "urban"),
    ("东方红", 2400, 3230, "urban"), ("新庄", 3600, 2990, "urban"),
    ("李湾", 1050, 2990, "village"), ("墙南", 5150, 3420, "village"),
    ("龙源", 2650, 2250, "village"), ("苏家作", 4200, 2250, "village"),
    ("待王", 4350, 1650, "village"), ("马坊", 2400, 1380, "village"),
    ("宁郭", 5600, 1300, "village"), ("孙村", 1230, 980, "village"),
    ("东王封", 3350, 650, "village"), ("府城", 1700, 600, "village"),
    ("小尚", 5650, 600, "village"),
]


# Named places for service areas: name, u, v.  Invented, each within ~150 m of a road.
FACILITY_DEFS = [
    ("区政府 district offices", 2400, 4800),
    ("客运南站 south bus station", 3150, 1500),
    ("实验中学 school", 1800, 3550),
    ("人民医院 hospital", 4650, 4250),
]


def build_facilities():
    out = []
    for i, (name, u, v) in enumerate(FACILITY_DEFS, 1):
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(*P(u, v))
        out.append(dict(facility_id="F%02d" % i, name=name, geom=pt))
    return out


def build_zones(rng):
    out = []
    for i, (name, u, v, kind) in enumerate(ZONE_DEFS, 1):
        if kind == "urban":
            pop, jobs = rng.randrange(6000, 16001, 50), rng.randrange(2000, 12001, 50)
        elif kind == "industrial":
            pop, jobs = rng.randrange(2000, 5001, 50), rng.randrange(6000, 12001, 50)
        else:
            pop, jobs = rng.randrange(1200, 4001, 50), rng.randrange(150, 901, 10)
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(*P(u, v))
        out.append(dict(zone_id="Z%02d" % i, name=name, population=pop, jobs=jobs, geom=pt))
    return out


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------

S, R, I = ogr.OFTString, ogr.OFTReal, ogr.OFTInteger
ROAD_FIELDS = [("road_id", S), ("name", S), ("class", S), ("width_m", R), ("speed_kmh", R),
               ("lanes", I), ("oneway", I), ("bridge", I), ("tunnel", I), ("z_level", I),
               ("status", S)]
SCHEMA = [
    ("land_use", ogr.wkbMultiPolygon,
     [("parcel_id", S), ("code", S), ("name", S), ("code_system", S)],
     "Land-use parcels (2023 用地用海 codes), a partition of the square. Schematic."),
    ("roads", ogr.wkbLineString, ROAD_FIELDS,
     "Existing road network, split at junctions. Schematic."),
    ("river_lines", ogr.wkbLineString, [("river_id", S), ("name", S)],
     "River centre lines. Schematic."),
    ("river_areas", ogr.wkbMultiPolygon, [("river_id", S), ("name", S)],
     "River water polygons (= the 1701 land_use parcels). Schematic."),
    ("eco_corridor", ogr.wkbMultiPolygon, [("corridor_id", S), ("name", S), ("kind", S)],
     "Ecological corridor and green wedges. Schematic."),
    ("constraints", ogr.wkbMultiPolygon,
     [("constraint_id", S), ("kind", S), ("level", I), ("name", S)],
     "Basic farmland, eco red line, urban development boundary, flood risk. Invented."),
    ("zones", ogr.wkbPoint, [("zone_id", S), ("name", S), ("population", I), ("jobs", I)],
     "Analysis zones with invented population and jobs."),
    ("facilities", ogr.wkbPoint, [("facility_id", S), ("name", S)],
     "Named places for service areas (offices, station, school, hospital). Invented."),
    ("proposals", ogr.wkbLineString, ROAD_FIELDS + [("proposal_id", S), ("kind", S)],
     "Planned roads and water link. Schematic."),
]


def road_record(s):
    g = line(s["pts"])
    rec = {k: s[k] for k in ("road_id", "name", "oneway", "bridge", "tunnel", "z_level",
                             "status", "lanes")}
    rec.update({"class": s["cls"], "width_m": s["width"], "speed_kmh": s["speed"], "geom": g})
    if "proposal_id" in s:
        rec["proposal_id"] = s["proposal_id"]
        rec["kind"] = s["kind"]
    return rec


def write_gpkg(path, data):
    # Fixed gpkg_contents.last_change, for byte-identical re-runs.  GDAL writes the
    # value verbatim; the GeoPackage spec (and validate_gpkg.py) want milliseconds.
    gdal.SetConfigOption("OGR_CURRENT_DATE", "2026-01-01T00:00:00.000Z")
    srs = make_srs(EPSG_WORK)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    for name, gtype, fields, desc in SCHEMA:
        lyr = ds.CreateLayer(name, srs, gtype, options=[
            "GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES", "DESCRIPTION=" + desc])
        for fname, ftype in fields:
            lyr.CreateField(ogr.FieldDefn(fname, ftype))
        defn = lyr.GetLayerDefn()
        ds.StartTransaction()
        for fid, rec in enumerate(data[name], 1):
            f = ogr.Feature(defn)
            f.SetFID(fid)
            for fname, _ in fields:
                val = rec.get(fname)
                if val is None:
                    f.SetFieldNull(fname)
                else:
                    f.SetField(fname, val)
            f.SetGeometry(rec["geom"])
            lyr.CreateFeature(f)
        ds.CommitTransaction()
    ds = None


def generate(out_path):
    rng = random.Random(SEED)
    rivers, dasha_ext = build_rivers()
    roads, segments, _ = build_roads(rivers)
    proposals = build_proposals(roads, rivers)
    land_use, _ = build_land_use(rivers, roads, proposals, rng)
    for p in land_use:
        p["name"] = CLASS_NAMES[p["code"]]
        p["code_system"] = CODE_SYSTEM
    data = {
        "land_use": land_use,
        "roads": [road_record(s) for s in segments],
        "river_lines": [dict(river_id=r["river_id"], name=r["name"], geom=r["line"])
                        for r in rivers],
        "river_areas": [dict(river_id=r["river_id"], name=r["name"], geom=multi(r["area"]))
                        for r in rivers],
        "eco_corridor": build_eco_corridor(rivers, dasha_ext),
        "constraints": build_constraints(land_use, rivers, dasha_ext),
        "zones": build_zones(rng),
        "facilities": build_facilities(),
        "proposals": [road_record(p) for p in proposals],
    }
    out_dir = os.path.dirname(os.path.abspath(out_path))
    os.makedirs(out_dir, exist_ok=True)
    tmp = os.path.join(out_dir, ".tmp-" + os.path.basename(out_path))
    if not tmp.endswith(".gpkg"):
        tmp += ".gpkg"
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(tmp + suffix):
            os.remove(tmp + suffix)
    write_gpkg(tmp, data)
    os.replace(tmp, out_path)


# --------------------------------------------------------------------------
# Checks (read back from the file)
# --------------------------------------------------------------------------

def read_layer(ds, name):
    lyr = ds.GetLayerByName(name)
    out = []
    for f in lyr:
        rec = {k: f.GetField(k) for k in f.keys()}
        rec["fid"] = f.GetFID()
        rec["geom"] = f.GetGeometryRef().Clone()
        out.append(rec)
    return out


def ends(g):
    n = g.GetPointCount()
    return (g.GetX(0), g.GetY(0)), (g.GetX(n - 1), g.GetY(n - 1))


def flat_corridor(g, width):
    """Flat-ended buffer of a straight 2-point segment."""
    (x0, y0), (x1, y1) = ends(g)
    length = math.hypot(x1 - x0, y1 - y0)
    nx, ny = -(y1 - y0) / length * width / 2, (x1 - x0) / length * width / 2
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in ((x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny),
                 (x0 - nx, y0 - ny), (x0 + nx, y0 + ny)):
        ring.AddPoint_2D(x, y)
    p = ogr.Geometry(ogr.wkbPolygon)
    p.AddGeometry(ring)
    return p


def run_checks(path):
    problems = []

    def check(ok, msg):
        print(("  ok    " if ok else "  FAIL  ") + msg)
        if not ok:
            problems.append(msg)

    ds = ogr.Open(path)
    L = {name: read_layer(ds, name) for name, _, _, _ in SCHEMA}
    xmin, ymin, xmax, ymax = X0, Y0, X0 + SIDE, Y0 + SIDE
    print("file: %s (%d bytes)" % (path, os.path.getsize(path)))
    print("square (EPSG:%d): xmin=%d ymin=%d xmax=%d ymax=%d" % (EPSG_WORK, xmin, ymin, xmax, ymax))
    print("feature counts:")
    for name, _, _, _ in SCHEMA:
        lyr = ds.GetLayerByName(name)
        print("  %-13s %5d  (SRS EPSG:%s, geometry column %s)" % (
            name, len(L[name]), lyr.GetSpatialRef().GetAuthorityCode(None),
            lyr.GetGeometryColumn()))

    print("checks:")
    invalid = [(n, r["fid"]) for n in L for r in L[n] if not r["geom"].IsValid()]
    check(not invalid, "all geometries valid (GEOS IsValid), invalid: %s" % invalid[:5])
    for n in L:
        fids = [r["fid"] for r in L[n]]
        if fids != list(range(1, len(fids) + 1)):
            check(False, "%s FIDs are 1..n" % n)

    # land_use partition
    lu = L["land_use"]
    total = sum(r["geom"].GetArea() for r in lu)
    union = ogr.Geometry(ogr.wkbMultiPolygon)
    for r in lu:
        for p in polys(r["geom"]):
            union.AddGeometry(p)
    union = union.UnionCascaded()
    check(abs(total - SIDE * SIDE) < 1.0,
          "land_use sum of areas %.3f m2 vs %d (diff %.4f)" % (total, SIDE * SIDE, total - SIDE * SIDE))
    check(abs(union.GetArea() - SIDE * SIDE) < 1.0 and
          SQUARE.SymmetricDifference(union).GetArea() < 1.0,
          "land_use union area %.3f m2 equals the square (sym. diff %.4f m2)" % (
              union.GetArea(), SQUARE.SymmetricDifference(union).GetArea()))
    ids = [r["parcel_id"] for r in lu]
    check(ids == sorted(ids) and len(set(ids)) == len(ids), "parcel_id unique and sorted with FID")
    bad = {r["code"] for r in lu if r["code"] not in CLASS_NAMES or
           r["name"] != CLASS_NAMES[r["code"]] or r["code_system"] != CODE_SYSTEM}
    check(not bad, "codes/names/code_system consistent, bad: %s" % sorted(bad))
    by_code = {}
    for r in lu:
        by_code.setdefault(r["code"], [0, 0.0])
        by_code[r["code"]][0] += 1
        by_code[r["code"]][1] += r["geom"].GetArea()
    print("  land_use by code: " + ", ".join(
        "%s:%d/%.1fha" % (c, n, a / 1e4) for c, (n, a) in sorted(by_code.items())))

    # 1701 == river areas; 1207 == corridors - water
    def uni(gs):
        m = ogr.Geometry(ogr.wkbMultiPolygon)
        for g in gs:
            for p in polys(g):
                m.AddGeometry(p)
        return m.UnionCascaded()
    water = uni(r["geom"] for r in L["river_areas"])
    w1701 = uni(r["geom"] for r in lu if r["code"] == "1701")
    check(water.SymmetricDifference(w1701).GetArea() < 1.0,
          "1701 parcels == river_areas (sym. diff %.4f m2)" % water.SymmetricDifference(w1701).GetArea())
    corr = uni(flat_corridor(r["geom"], r["width_m"]) for r in L["roads"]).Intersection(SQUARE)
    r1207 = uni(r["geom"] for r in lu if r["code"] == "1207")
    d = corr.Difference(water).SymmetricDifference(r1207).GetArea()
    check(d < 1.0, "1207 parcels == existing road red lines - water (sym. diff %.4f m2)" % d)

    # Road network topology
    roads = L["roads"]
    nodes = {}
    for r in roads:
        for e in ends(r["geom"]):
            nodes.setdefault(e, []).append(r["road_id"])

    def on_border(p):
        return p[0] in (xmin, xmax) or p[1] in (ymin, ymax)
    dead = [p for p, ids_ in nodes.items() if len(ids_) == 1 and not on_border(p)]
    border = [p for p, ids_ in nodes.items() if len(ids_) == 1 and on_border(p)]
    print("  road nodes: %d, border ends: %d, degree-1 ends not on the border: %d %s" % (
        len(nodes), len(border), len(dead),
        [(round(p[0] - X0), round(p[1] - Y0)) for p in dead]))
    check(len(dead) <= 2, "at most 2 inland dead ends (village roads)")
    crossings, under = [], []
    for i in range(len(roads)):
        gi = roads[i]["geom"]
        for j in range(i + 1, len(roads)):
            gj = roads[j]["geom"]
            if not gi.Intersects(gj):
                continue
            inter = gi.Intersection(gj)
            shared = set(ends(gi)) & set(ends(gj))
            if ogr.GT_Flatten(inter.GetGeometryType()) == ogr.wkbPoint and \
                    (inter.GetX(), inter.GetY()) in shared:
                continue
            a, b = roads[i], roads[j]
            if a["z_level"] != b["z_level"]:
                crossings.append((a["road_id"], b["road_id"]))
                pt = (inter.GetX(), inter.GetY()) if ogr.GT_Flatten(
                    inter.GetGeometryType()) == ogr.wkbPoint else None
                if pt and (pt in ends(gi) or pt in ends(gj)):
                    under.append((a["road_id"], b["road_id"], pt))
            else:
                check(False, "roads %s and %s touch/cross without a shared endpoint" % (
                    a["road_id"], b["road_id"]))
    print("  grade-separated road pairs (bridge/tunnel over/under another road, no node): %s"
          % sorted(crossings))
    ub = sorted({(a, b, round(p[0] - X0), round(p[1] - Y0)) for a, b, p in under})
    print("  ground nodes lying under a structure span (must NOT connect): %s" % ub)
    check(len({(p[2], p[3]) for p in ub}) == 1, "exactly one ground node under a bridge span")

    dasha = [r for r in L["river_areas"] if r["name"] == "大沙河"][0]["geom"]
    dasha_bridges = [r for r in roads if r["geom"].Intersects(dasha)]
    check(len(dasha_bridges) == 2 and all(r["bridge"] == 1 for r in dasha_bridges),
          "exactly 2 existing road bridges over the Dasha: %s" % [
              (r["road_id"], r["name"]) for r in dasha_bridges])
    for r in dasha_bridges:
        e0, e1 = ends(r["geom"])
        check(not any(dasha.Intersects(ogr.CreateGeometryFromWkt("POINT(%r %r)" % e))
                      for e in (e0, e1)),
              "bridge %s (%s) spans the water: ends on land (v %d..%d)" % (
                  r["road_id"], r["name"], min(e0[1], e1[1]) - Y0, max(e0[1], e1[1]) - Y0))
    water_all = water
    wet_ground = [r["road_id"] for r in roads if r["bridge"] == 0 and r["geom"].Intersects(water_all)]
    check(not wet_ground, "no ground road segment touches water: %s" % wet_ground)

    # Proposals
    props = L["proposals"]
    by_pid = {}
    for p in props:
        by_pid.setdefault(p["proposal_id"], []).append(p)
    for pid, segs in by_pid.items():
        if segs[0]["kind"] != "road":
            continue
        own = {}
        for s in segs:
            for e in ends(s["geom"]):
                own[e] = own.get(e, 0) + 1
        conn = []
        for e, k in own.items():
            if e in nodes:
                conn.append((round(e[0] - X0), round(e[1] - Y0), sorted(nodes[e])))
        loose = [e for e, k in own.items() if k == 1 and e not in nodes]
        check(not loose, "%s: every free endpoint is an existing road node" % pid)
        print("    %s joins existing nodes (local u, v, road ids): %s" % (pid, conn))
        # crossing existing roads only at nodes
        for s in segs:
            for r in roads:
                if s["geom"].Intersects(r["geom"]):
                    inter = s["geom"].Intersection(r["geom"])
                    ok = ogr.GT_Flatten(inter.GetGeometryType()) == ogr.wkbPoint and \
                        (inter.GetX(), inter.GetY()) in set(ends(s["geom"])) & set(ends(r["geom"]))
                    if not ok and s["z_level"] == r["z_level"]:
                        check(False, "%s %s meets %s off a node" % (pid, s["road_id"], r["road_id"]))
    mz = by_pid["minzhu_south"]
    mz_bridge = [s for s in mz if s["bridge"] == 1]
    check(len(mz_bridge) == 1 and mz_bridge[0]["geom"].Intersects(dasha)
          and mz_bridge[0]["z_level"] == 1,
          "minzhu_south bridge segment crosses the Dasha water")
    check(all(not s["geom"].Intersects(dasha) for s in mz if s["bridge"] == 0),
          "minzhu_south ground segments do not touch the Dasha water")
    for s in mz_bridge:
        e0, e1 = ends(s["geom"])
        print("    minzhu_south bridge %s from v=%d to v=%d (local)" % (
            s["road_id"], e0[1] - Y0, e1[1] - Y0))
    sz = by_pid["shenzhou_west"][0]["geom"]
    bf_hit = [c["constraint_id"] for c in L["constraints"]
              if c["kind"] == "basic_farmland" and c["geom"].Intersects(sz)]
    wet = [r["parcel_id"] for r in lu if r["code"] in ("1701", "1704", "1705")
           and r["geom"].Intersects(sz)]
    check(len(bf_hit) == 1 and not wet and not sz.Intersects(water_all),
          "shenzhou_west cuts basic farmland %s and no water %s" % (bf_hit, wet))
    link = by_pid["shanyang_link"][0]["geom"]
    sy = [r for r in L["river_lines"] if r["name"] == "山阳河"][0]["geom"]
    dl = [r for r in L["river_lines"] if r["name"] == "大沙河"][0]["geom"]
    dl_pts = {(dl.GetX(i), dl.GetY(i)) for i in range(dl.GetPointCount())}
    check(ends(link)[0] == ends(sy)[1] and ends(link)[1] in dl_pts,
          "shanyang_link runs from the end of 山阳河 to a vertex of the Dasha line")
    ydw = sy.Distance(dasha)
    check(300 <= ydw <= 600, "山阳河 ends %.0f m short of the Dasha water" % ydw)

    # What each proposal runs through (by land-use code, metres of centre line).
    for pid, segs in by_pid.items():
        along = {}
        for sgm in segs:
            g = sgm["geom"]
            for r in lu:
                if r["geom"].Intersects(g):
                    d = line_length(r["geom"].Intersection(g))
                    if d > 0.01:
                        along[r["code"]] = along.get(r["code"], 0.0) + d
        total_len = sum(sgm["geom"].Length() for sgm in segs)
        print("    %s %.0f m through: %s" % (pid, total_len, ", ".join(
            "%s %.0f" % (c, d) for c, d in sorted(along.items(), key=lambda kv: -kv[1]))))
    for t in (r for r in roads if r["tunnel"] == 1):
        levels = sorted(c["level"] for c in L["constraints"]
                        if c["kind"] == "flood_risk" and c["geom"].Intersects(t["geom"]))
        print("    tunnel %s lies in flood-risk level(s) %s" % (t["road_id"], levels))

    rl = [c for c in L["constraints"] if c["kind"] == "eco_redline"][0]["geom"]
    udb = [c for c in L["constraints"] if c["kind"] == "urban_dev_boundary"][0]["geom"]
    check(mz_bridge[0]["geom"].Intersects(rl), "minzhu_south bridge crosses the eco red line")
    south_end = min(ends(mz[-1]["geom"]), key=lambda e: e[1])
    check(not udb.Intersects(ogr.CreateGeometryFromWkt("POINT(%r %r)" % south_end)),
          "minzhu_south south end lies outside the urban development boundary")
    bf_u = uni(c["geom"] for c in L["constraints"] if c["kind"] == "basic_farmland")
    overlap = area(bf_u.Intersection(udb)) + area(bf_u.Intersection(rl)) + area(udb.Intersection(rl))
    check(overlap < 1.0, "三区三线 do not overlap (%.4f m2)" % overlap)

    # Zones
    far = []
    for z in L["zones"]:
        d = min(z["geom"].Distance(r["geom"]) for r in roads)
        if d > 200 or z["geom"].Intersects(water_all):
            far.append((z["zone_id"], round(d)))
    north = sum(1 for z in L["zones"] if z["geom"].GetY() - Y0 > dasha_v(z["geom"].GetX() - X0))
    check(not far, "every zone within 200 m of a road and not in water %s" % far)
    far = [(f["facility_id"], round(min(f["geom"].Distance(r["geom"]) for r in roads)))
           for f in L["facilities"]]
    far = [(k, d) for k, d in far if d > 200]
    check(not far, "every facility within 200 m of a road %s" % far)
    print("  zones north / south of the Dasha: %d / %d" % (north, len(L["zones"]) - north))
    size = os.path.getsize(path)
    check(size < 5 * 1024 * 1024, "file size %d bytes (< 5 MB)" % size)
    with open(path, "rb") as fh:
        print("  sha256 %s" % hashlib.sha256(fh.read()).hexdigest())
    ds = None
    print("RESULT: %s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return not problems


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", default=None,
                    help="output GeoPackage (default: sample_data/cross_axis.gpkg "
                         "under the repository root)")
    ap.add_argument("--check", metavar="FILE", help="only check an existing file")
    ap.add_argument("--no-check", action="store_true", help="skip the checks after generating")
    args = ap.parse_args()
    if args.check:
        return 0 if run_checks(args.check) else 1
    out = os.path.abspath(args.out) if args.out else \
        os.path.join(repo, "sample_data", "cross_axis.gpkg")
    generate(out)
    print("wrote " + out)
    if args.no_check:
        return 0
    return 0 if run_checks(out) else 1


if __name__ == "__main__":
    sys.exit(main())
