#!/usr/bin/python3
"""Opens a crossaxis GeoPackage in QGIS (headless) and checks each layer's default style as GIS
staff would see it: QGIS finds it ("Loaded from Provider"), applies the renderer the QML names
(QGIS keeps a plain renderer, silently, when a QML is broken), and, for categorized styles,
gives every feature a class of its own rather than the "all other values" one.

Run by hand where Debian's python3-qgis is installed (it is not a build or test dependency):

    QT_QPA_PLATFORM=offscreen tests/qgis/check_styles.py out/minzhu_south.gpkg

Exit code 0 when every styled layer passes, 1 otherwise.
"""
import sqlite3
import sys
import xml.etree.ElementTree as ET

from qgis.core import (QgsApplication, QgsExpressionContext, QgsExpressionContextUtils,
                       QgsRenderContext, QgsVectorLayer)


def check(path):
    with sqlite3.connect(path) as db:
        styles = db.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault").fetchall()
    failures = 0
    for table, qml in styles:
        try:
            wanted = ET.fromstring(qml).find("renderer-v2").get("type")
        except (ET.ParseError, AttributeError) as e:
            print(f"{table}: QML without a readable renderer: {e}")
            failures += 1
            continue
        layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        message, ok = layer.loadDefaultStyle()
        renderer = layer.renderer()
        problems = []
        if not ok or message != "Loaded from Provider":
            problems.append(f"style not loaded ({message})")
        if renderer.type() != wanted:
            problems.append(f"renderer {renderer.type()}, the QML names {wanted}")
        elif wanted == "categorizedSymbol":
            others = {c.symbol().color().name() for c in renderer.categories() if c.value() in ("", None)}
            context = QgsRenderContext()
            context.setExpressionContext(QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer)))
            renderer.startRender(context, layer.fields())
            unclassed = 0
            for feature in layer.getFeatures():
                context.expressionContext().setFeature(feature)
                symbol = renderer.symbolForFeature(feature, context)
                if symbol is None or symbol.color().name() in others:
                    unclassed += 1
            renderer.stopRender(context)
            if unclassed:
                problems.append(f"{unclassed} of {layer.featureCount()} features fall in no class of their own")
        print(f"{table}: {renderer.type()}, {layer.featureCount()} features: "
              + ("; ".join(problems) if problems else "ok"))
        failures += bool(problems)
    return failures


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    app = QgsApplication([], False)
    app.initQgis()
    failed = check(sys.argv[1])
    app.exitQgis()
    sys.exit(1 if failed else 0)
