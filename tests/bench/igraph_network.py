#!/usr/bin/python3
"""The network benchmark's work in igraph, for comparison with `crossaxis network`.

On a synthetic city's roads (split at junctions, so lines meet at shared end points): build the
graph, find its components, the quickest-distance matrix between 200 junctions drawn with a
fixed seed, and edge betweenness from 100 sampled sources (where this python-igraph has it). One speed for every road, so travel
time is length (run crossaxis with --speed 36 for the same work).

    tests/bench/igraph_network.py CITY.gpkg

Prints "igraph ...: N s" lines, one per step, and the total.
"""
import math
import random
import sys
import time

import igraph
from osgeo import ogr


def main(city):
    timings = {}
    start = time.perf_counter()
    ds = ogr.Open(city)
    layer = ds.GetLayerByName("roads")
    index, edges, weights = {}, [], []
    for feature in layer:
        g = feature.GetGeometryRef()
        n = g.GetPointCount()
        length = sum(math.hypot(g.GetX(i + 1) - g.GetX(i), g.GetY(i + 1) - g.GetY(i)) for i in range(n - 1))
        ends = [(g.GetX(0), g.GetY(0)), (g.GetX(n - 1), g.GetY(n - 1))]
        ids = [index.setdefault(p, len(index)) for p in ends]
        edges.append(tuple(ids))
        weights.append(length)
    graph = igraph.Graph(n=len(index), edges=edges, directed=False)
    timings["reading and graph build"] = time.perf_counter() - start

    start = time.perf_counter()
    components = graph.connected_components()
    timings["components"] = time.perf_counter() - start

    rng = random.Random(20261125)
    zones = sorted(rng.sample(range(graph.vcount()), min(200, graph.vcount())))
    start = time.perf_counter()
    matrix = graph.distances(source=zones, target=zones, weights=weights)
    timings["OD matrix of 200 junctions"] = time.perf_counter() - start

    # Betweenness from a sample of sources needs python-igraph 0.10.5 or later (`sources=`);
    # Debian 12 ships 0.10.2, so the step is timed only where it is available.
    sources = sorted(rng.sample(range(graph.vcount()), min(100, graph.vcount())))
    try:
        start = time.perf_counter()
        graph.edge_betweenness(directed=False, weights=weights, sources=sources)
        timings["edge betweenness from 100 sources"] = time.perf_counter() - start
    except TypeError:
        print("igraph edge betweenness from sampled sources: not in this python-igraph "
              f"({igraph.__version__}); not timed")

    for step, seconds in timings.items():
        print(f"igraph {step}: {seconds:.2f} s")
    print(f"igraph total: {sum(timings.values()):.2f} s "
          f"({graph.vcount()} nodes, {graph.ecount()} edges, {len(components)} components, "
          f"OD sum {sum(sum(v for v in row if v != math.inf) for row in matrix):.1f} m)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
