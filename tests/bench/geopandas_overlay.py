#!/usr/bin/python3
"""The same overlay in GeoPandas, for comparison with crossaxis and PostGIS.

Buffers every road by half its red-line width (flat ends, mitred joins, mitre limit 5),
intersects the buffers with land use (geopandas.overlay, the usual way) and sums the area by
class. Reading the two layers is timed apart from the overlay.

    tests/bench/geopandas_overlay.py CITY.gpkg RESULT.txt

Prints "GeoPandas ...: N s" lines on stdout; writes "code area" lines (area to 0.01 m²) to
RESULT.txt in the same form as tests/bench/postgis_overlay.sh, so the two can be compared.
"""
import sys
import time

import geopandas as gpd


def main(city, result_path):
    start = time.perf_counter()
    roads = gpd.read_file(city, layer="roads")
    land_use = gpd.read_file(city, layer="land_use")
    read_s = time.perf_counter() - start
    print(f"GeoPandas reading both layers: {read_s:.2f} s")

    start = time.perf_counter()
    buffers = gpd.GeoDataFrame(
        geometry=roads.geometry.buffer(roads["width_m"] / 2, cap_style=2, join_style=2,
                                       mitre_limit=5.0),
        crs=roads.crs)
    pieces = gpd.overlay(buffers, land_use[["code", "geometry"]], how="intersection",
                         keep_geom_type=True)
    by_class = pieces.geometry.area.groupby(pieces["code"]).sum().sort_index()
    overlay_s = time.perf_counter() - start
    print(f"GeoPandas per-road overlay (road x parcel, area by class): {overlay_s:.2f} s")

    with open(result_path, "w", encoding="utf-8") as out:
        for code, area in by_class.items():
            out.write(f"{code} {area:.2f}\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: geopandas_overlay.py CITY.gpkg RESULT.txt")
    main(sys.argv[1], sys.argv[2])
