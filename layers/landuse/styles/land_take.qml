<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- Land take by first-level class of the 2023 land-use system (用地用海分类), in a
     conventional land-use palette, labelled in Chinese and English. The categories and
     symbols are filled in from the class table by cx::landuse::land_take_style(). -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling|Fields">
  <renderer-v2 type="categorizedSymbol" attr="level1" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
{{CATEGORIES}}
    </categories>
    <symbols>
{{SYMBOLS}}
    </symbols>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>0.85</layerOpacity>
  <previewExpression>"class_name"</previewExpression>
  <layerGeometryType>2</layerGeometryType>
</qgis>
