<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- Service areas by time break: the nearest break darkest. Classes are filled in by
     cx::zones::service_areas_style(). -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling|Fields">
  <renderer-v2 type="categorizedSymbol" attr="minutes" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
{{CATEGORIES}}
    </categories>
    <symbols>
{{SYMBOLS}}
    </symbols>
  </renderer-v2>
  <layerOpacity>0.5</layerOpacity>
  <previewExpression>"facility"</previewExpression>
  <layerGeometryType>2</layerGeometryType>
</qgis>
