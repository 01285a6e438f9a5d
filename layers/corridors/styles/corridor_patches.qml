<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- Corridor patches graduated by size (quintiles of this file's areas, in ha): large patches
     dark green, small fragments pale. Ranges are filled in by cx::corridors::corridor_patches_style(). -->
<qgis version="3.22.0" styleCategories="Symbology|Labeling|Fields">
  <renderer-v2 type="graduatedSymbol" attr="area_ha" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0">
    <ranges>
{{RANGES}}
    </ranges>
    <symbols>
{{SYMBOLS}}
    </symbols>
    <mode name="quantile"/>
  </renderer-v2>
  <layerOpacity>0.8</layerOpacity>
  <previewExpression>"patch_key"</previewExpression>
  <layerGeometryType>2</layerGeometryType>
</qgis>
