#!/usr/bin/python3
"""The I/O floor of gdal_scan.cpp through GDAL's Python bindings: every feature of the named
layers read, every field fetched as text and every geometry exported as WKB, nothing else. This
is how a GDAL scan is usually scripted (the peers timed beside crossaxis are Python tools), and
the issue's own figure for "a full scan of the same layers through GDAL" (0.75 s at M) matches
this scan, not the C++ one (0.13-0.17 s on the same machine).

    gdal_scan.py SOURCE LAYER...      (needs python3-gdal)
"""
import sys

from osgeo import ogr


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: gdal_scan.py SOURCE LAYER...")
    ogr.UseExceptions()
    source = ogr.Open(sys.argv[1])
    features = wkb_bytes = 0
    for name in sys.argv[2:]:
        layer = source.GetLayerByName(name)
        if layer is None:
            sys.exit(f"no layer {name}")
        fields = layer.GetLayerDefn().GetFieldCount()
        for feature in layer:
            features += 1
            for i in range(fields):
                feature.GetFieldAsString(i)
            geometry = feature.GetGeometryRef()
            if geometry is not None:
                wkb_bytes += len(geometry.ExportToWkb(ogr.wkbNDR))
    print(f"{features} features, {wkb_bytes} bytes of WKB")


if __name__ == "__main__":
    main()
