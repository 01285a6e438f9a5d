<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- River crossings and ecological-corridor passages, by kind, labelled with what is crossed.
     Classes are filled in by cx::rivers::crossings_style(). -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling|Fields">
  <renderer-v2 type="categorizedSymbol" attr="kind" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
{{CATEGORIES}}
    </categories>
    <symbols>
{{SYMBOLS}}
    </symbols>
  </renderer-v2>
  <previewExpression>"crossed"</previewExpression>
  <layerGeometryType>0</layerGeometryType>
</qgis>
