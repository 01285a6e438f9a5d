<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- Road graph links graduated by betweenness (quintiles of this file's values): the links that
     carry most quickest paths are wide and dark red. Ranges are filled in by
     cx::roads::network_edges_style(). -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling|Fields">
  <renderer-v2 type="graduatedSymbol" attr="betweenness" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0">
    <ranges>
{{RANGES}}
    </ranges>
    <symbols>
{{SYMBOLS}}
    </symbols>
    <mode name="quantile"/>
  </renderer-v2>
  <previewExpression>"line_key"</previewExpression>
  <layerGeometryType>1</layerGeometryType>
</qgis>
