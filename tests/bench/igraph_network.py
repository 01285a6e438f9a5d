#!/usr/bin/python3
"""The network benchmark's steps in igraph, for comparison with tests/bench/network_steps.

On a synthetic city's roads (split at junctions, so lines meet at shared end points), after
reading the lines with GDAL (not timed, as network_steps reads before timing): build the graph
from the line ends, find its components, the quickest-distance matrix between 200 zones (the
junctions where lines 0, n/200, 2n/200, ... start, or the next line's when one is taken, as
network_steps takes them), the cost from
the nearest zone to every junction, and edge betweenness from 100 sampled sources. One speed
for every road, so travel time is length (network_steps uses one speed too).

igraph has no search from many sources at once; the nearest-zone step adds a vertex joined to
every zone by a link of length 0 and searches from it once (the quickest way there is in
igraph), which gives the costs but not which zone is nearest: again a lower bound.

python-igraph gained betweenness from a subset of sources (`sources=`) in 0.10.5; Debian 12
ships 0.10.2. There, the step is timed as 100 single-source searches (`distances` from the 100
sources to every junction): the search alone, without Brandes's path counting and dependency
accumulation, so igraph's true time for the step is higher. The comparison favours igraph.

    tests/bench/igraph_network.py CITY.gpkg [RUNS]

Prints "igraph <step>: N s" lines (median of RUNS, default 3) and the total.
"""
import math
import random
import statistics
import sys
import time

import igraph
from osgeo import ogr


def read_lines(city):
    ds = ogr.Open(city)
    layer = ds.GetLayerByName("roads")
    lines = []
    for feature in layer:
        g = feature.GetGeometryRef()
        lines.append([(g.GetX(i), g.GetY(i)) for i in range(g.GetPointCount())])
    return lines


def build(lines):
    """The graph, its edge lengths, and the junction each line starts at."""
    index, edges, weights = {}, [], []
    for points in lines:
        length = sum(math.dist(points[i], points[i + 1]) for i in range(len(points) - 1))
        edges.append((index.setdefault(points[0], len(index)), index.setdefault(points[-1], len(index))))
        weights.append(length)
    return igraph.Graph(n=len(index), edges=edges, directed=False), weights, [e[0] for e in edges]


def nearest_zone_costs(graph, weights, zones):
    with_source = graph.copy()
    source = with_source.vcount()
    with_source.add_vertices(1)
    with_source.add_edges([(source, z) for z in zones])
    return with_source.distances(source=[source], weights=weights + [0.0] * len(zones))[0][:source]


def timed(timings, step, work):
    start = time.perf_counter()
    result = work()
    timings.setdefault(step, []).append(time.perf_counter() - start)
    return result


def run_once(lines, timings):
    graph, weights, starts = timed(timings, "graph build", lambda: build(lines))
    components = timed(timings, "components", graph.connected_components)
    zones, taken = [], set()
    for i in range(200):  # lines 0, n/200, ...: their start, or the next line's when taken
        line = i * len(lines) // 200
        while starts[line] in taken:
            line += 1
        taken.add(starts[line])
        zones.append(starts[line])
    matrix = timed(timings, "OD matrix of 200 zones",
                   lambda: graph.distances(source=zones, target=zones, weights=weights))
    nearest = timed(timings, "nearest zone of every junction (lower bound)",
                    lambda: nearest_zone_costs(graph, weights, zones))
    rng = random.Random(20261125)
    sources = sorted(rng.sample(range(graph.vcount()), min(100, graph.vcount())))
    try:
        timed(timings, "betweenness from 100 sources",
              lambda: graph.edge_betweenness(directed=False, weights=weights, sources=sources))
    except TypeError:  # python-igraph < 0.10.5: a lower bound, see the docstring
        timed(timings, "betweenness from 100 sources (lower bound: the searches alone)",
              lambda: graph.distances(source=sources, weights=weights))
    return graph, components, matrix, nearest


def main(city, runs):
    lines = read_lines(city)
    timings = {}
    for _ in range(runs):
        graph, components, matrix, nearest = run_once(lines, timings)
    medians = {step: statistics.median(values) for step, values in timings.items()}
    for step, seconds in medians.items():
        print(f"igraph {step}: {seconds:.3f} s")
    print(f"igraph total: {sum(medians.values()):.3f} s "
          f"({graph.vcount()} nodes, {graph.ecount()} edges, {len(components)} components, "
          f"OD sum {sum(sum(v for v in row if v != math.inf) for row in matrix):.6f} m, "
          f"nearest-zone sum {sum(v for v in nearest if v != math.inf):.6f} m; "
          f"python-igraph {igraph.__version__}, median of {runs})")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 3)
