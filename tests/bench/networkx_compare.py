#!/usr/bin/python3
"""Checks `crossaxis network` against NetworkX on an OpenStreetMap road layer.

Builds the road graph a second way, the way OpenStreetMap means it (ways meet wherever they share
a node; `oneway` = yes/1/true runs the digitised way, -1 the other), with NetworkX, then compares
with a crossaxis output made with `--noding shared-vertices --speed 36 --snap 0` (one speed, so
quickest = shortest): the quickest distance between every pair of crossaxis's zones (relative
difference at most 1e-6) and the connected components (count and sizes).

    tests/bench/networkx_compare.py ROADS.gpkg ROADS_LAYER CROSSAXIS_OUTPUT.gpkg

Prints the agreement; exits 1 when something disagrees.
"""
import collections
import math
import sqlite3
import struct
import sys

import networkx as nx
from osgeo import ogr


def read_ways(path, layer_name):
    ds = ogr.Open(path)
    layer = ds.GetLayerByName(layer_name)
    ways = []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        points = [(geometry.GetX(i), geometry.GetY(i)) for i in range(geometry.GetPointCount())]
        oneway = (feature.GetField("oneway") or "").strip().lower()
        ways.append((points, oneway))
    return ways


def build_graph(ways):
    uses = collections.Counter(p for points, _ in ways for p in points)
    graph = nx.DiGraph()

    def add(a, b, length):
        if graph.has_edge(a, b):  # parallel ways: the shorter one counts
            length = min(length, graph[a][b]["length"])
        graph.add_edge(a, b, length=length)

    for points, oneway in ways:
        start = 0
        for i in range(1, len(points)):
            if i != len(points) - 1 and uses[points[i]] < 2:
                continue
            length = 0.0
            for k in range(start, i):
                dx = points[k + 1][0] - points[k][0]
                dy = points[k + 1][1] - points[k][1]
                length += math.sqrt(dx * dx + dy * dy)
            a, b = points[start], points[i]
            if length > 0.0:
                if oneway in ("yes", "1", "true"):
                    add(a, b, length)
                elif oneway == "-1":
                    add(b, a, length)
                else:
                    add(a, b, length)
                    add(b, a, length)
            start = i
    return graph


def read_crossaxis(path):
    db = sqlite3.connect(path)
    zones = {}
    for zone_id, blob in db.execute("SELECT zone_id, geom FROM zones ORDER BY zone_id"):
        # GeoPackage point blob: 8-byte header (no envelope for points), then WKB Point (21 bytes).
        x, y = struct.unpack("<dd", blob[8 + 5:8 + 21])
        zones[zone_id] = (x, y)
    od = {(f, t): d for f, t, d in db.execute(
        "SELECT from_zone, to_zone, base_distance_m FROM od_matrix")}
    components, largest = db.execute(
        "SELECT components, largest_component_nodes FROM network_summary WHERE network = 'baseline'"
    ).fetchone()
    return zones, od, components, largest


def main(roads, layer, output):
    graph = build_graph(read_ways(roads, layer))
    zones, od, components, largest = read_crossaxis(output)
    weak = sorted((len(c) for c in nx.weakly_connected_components(graph)), reverse=True)
    print(f"NetworkX: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} directed links, "
          f"{len(weak)} components (largest {weak[0]} nodes)")
    print(f"crossaxis: {components} components (largest {largest} nodes)")
    bad = 0
    if (components, largest) != (len(weak), weak[0]):
        print("  components DIFFER")
        bad += 1
    compared = worst = 0
    for origin, at in zones.items():
        if at not in graph:
            print(f"  zone {origin} is not a NetworkX node")
            bad += 1
            continue
        lengths = nx.single_source_dijkstra_path_length(graph, at, weight="length")
        for target, to in zones.items():
            if target == origin:
                continue
            ours = od[(origin, target)]
            theirs = lengths.get(to)
            if ours is None or theirs is None:
                if (ours is None) != (theirs is None):
                    print(f"  {origin}>{target}: reachable in one only ({ours} vs {theirs})")
                    bad += 1
                continue
            relative = abs(ours - theirs) / max(theirs, 1e-9)
            worst = max(worst, relative)
            compared += 1
            if relative > 1e-6:
                print(f"  {origin}>{target}: {ours} vs {theirs}")
                bad += 1
    print(f"OD: {compared} reachable zone pairs compared, largest relative difference {worst:.2e}")
    print("agree" if bad == 0 else f"{bad} disagreements")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
