<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- Conflicts with protected zones (三区三线 and flood), one colour per rule: the zone kind and
     whether the land is inside it (or outside the urban development boundary). Classes are
     filled in by cx::constraints::conflicts_style(). -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling|Fields">
  <renderer-v2 type="categorizedSymbol" attr="concat(&quot;kind&quot;, ' ', &quot;relation&quot;)" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
{{CATEGORIES}}
    </categories>
    <symbols>
{{SYMBOLS}}
    </symbols>
  </renderer-v2>
  <layerOpacity>0.8</layerOpacity>
  <previewExpression>"rule"</previewExpression>
  <layerGeometryType>2</layerGeometryType>
</qgis>
