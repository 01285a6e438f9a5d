<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- Rights-of-way: proposals in red, existing roads in grey. Classes are filled in by
     cx::roads::row_style(). -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling|Fields">
  <renderer-v2 type="categorizedSymbol" attr="scope" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
{{CATEGORIES}}
    </categories>
    <symbols>
{{SYMBOLS}}
    </symbols>
  </renderer-v2>
  <layerOpacity>0.6</layerOpacity>
  <previewExpression>"name"</previewExpression>
  <layerGeometryType>2</layerGeometryType>
</qgis>
