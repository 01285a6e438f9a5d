// End to end on sample_data/: the scenario runner against a second computation made here with
// GDAL and the GEOS C API alone.
#include <geos_c.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "cx/core/error.hpp"
#include "cx/report/run_summary.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "cx/scenario/scenario_runner.hpp"
#include "test_support.hpp"

namespace cx::scenario {
namespace {

/// GEOS geometries read straight from a GeoPackage layer, with one attribute each.
struct GeosLayer {
  GEOSContextHandle_t ctx;
  std::vector<std::pair<std::string, GEOSGeometry*>> items;
  ~GeosLayer() {
    for (auto& [value, g] : items) GEOSGeom_destroy_r(ctx, g);
  }
};

void read_layer(GeosLayer& out, const std::string& path, const char* layer_name,
                const char* attribute, const char* where = nullptr) {
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  OGRLayer* layer = ds->GetLayerByName(layer_name);
  if (where != nullptr) layer->SetAttributeFilter(where);
  GEOSWKBReader* reader = GEOSWKBReader_create_r(out.ctx);
  for (auto& f : *layer) {
    const OGRGeometry* g = f->GetGeometryRef();
    std::vector<unsigned char> wkb(g->WkbSize());
    g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    out.items.emplace_back(f->GetFieldAsString(attribute),
                           GEOSWKBReader_read_r(out.ctx, reader, wkb.data(), wkb.size()));
  }
  GEOSWKBReader_destroy_r(out.ctx, reader);
}

// One query's result as sqlite3 prints it.
std::string sql(const std::filesystem::path& gpkg, const std::string& query) {
  return test::run_command("sqlite3 " + gpkg.string() + " \"" + query + "\"").out;
}

double area(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
  double a = 0.0;
  GEOSArea_r(ctx, g, &a);
  return a;
}

// The dissolved right-of-way of one proposal, made with GEOS alone: each line buffered by half
// its width (flat ends, mitre joins), then unioned. Caller owns the result.
GEOSGeometry* proposal_footprint(GEOSContextHandle_t ctx, const std::string& sample,
                                 const std::string& proposal_id) {
  GeosLayer lines{ctx, {}};
  const std::string where = "proposal_id = '" + proposal_id + "'";
  read_layer(lines, sample, "proposals", "width_m", where.c_str());
  GEOSBufferParams* params = GEOSBufferParams_create_r(ctx);
  GEOSBufferParams_setEndCapStyle_r(ctx, params, GEOSBUF_CAP_FLAT);
  GEOSBufferParams_setJoinStyle_r(ctx, params, GEOSBUF_JOIN_MITRE);
  GEOSBufferParams_setMitreLimit_r(ctx, params, 5.0);
  std::vector<GEOSGeometry*> buffers;
  for (auto& [width, line] : lines.items) {
    buffers.push_back(GEOSBufferWithParams_r(ctx, line, params, std::stod(width) / 2.0));
  }
  GEOSBufferParams_destroy_r(ctx, params);
  GEOSGeometry* collection = GEOSGeom_createCollection_r(
      ctx, GEOS_GEOMETRYCOLLECTION, buffers.data(), static_cast<unsigned>(buffers.size()));
  GEOSGeometry* footprint = GEOSUnaryUnion_r(ctx, collection);
  GEOSGeom_destroy_r(ctx, collection);
  return footprint;
}

class SampleDataTest : public ::testing::Test {
protected:
  void SetUp() override {
    ctx = GEOS_init_r();
    GDALAllRegister();
  }
  void TearDown() override { GEOS_finish_r(ctx); }

  ScenarioResult run(const std::string& name, const std::filesystem::path& output,
                     unsigned threads = 0) {
    auto config = parse_scenario_file(test::source_path("scripts/scenarios/" + name + ".toml"));
    config.threads = threads;
    RunOptions options;
    options.output = output;
    return run_scenario(config, options);
  }

  GEOSContextHandle_t ctx = nullptr;
  test::TempDir dir;
  const std::string sample = test::source_path("sample_data/cross_axis.gpkg").string();
};

TEST_F(SampleDataTest, MinzhuSouthLandTakeMatchesGeosDirectly) {
  const ScenarioResult result = run("minzhu_south", dir / "m.gpkg");

  // Second method: buffer each proposal line (flat ends, mitre joins, half the red line),
  // union them, cut every parcel with GEOS and sum by first-level class.
  GEOSGeometry* footprint = proposal_footprint(ctx, sample, "minzhu_south");

  GeosLayer parcels{ctx, {}};
  read_layer(parcels, sample, "land_use", "code");
  std::map<std::string, double> by_level1;
  double classified = 0.0;
  for (auto& [code, parcel] : parcels.items) {
    GEOSGeometry* piece = GEOSIntersection_r(ctx, footprint, parcel);
    const double a = area(ctx, piece);
    GEOSGeom_destroy_r(ctx, piece);
    if (a > 0.0) by_level1[code.substr(0, 2)] += a;
    classified += a;
  }
  const double total = area(ctx, footprint);
  GEOSGeom_destroy_r(ctx, footprint);

  EXPECT_NEAR(result.proposal_take.total_m2 / total, 1.0, 1e-9);
  ASSERT_EQ(result.proposal_take.by_level1.size(), by_level1.size());
  for (const auto& c : result.proposal_take.by_level1) {
    SCOPED_TRACE(c.code);
    EXPECT_NEAR(c.area_m2 / by_level1.at(c.code), 1.0, 1e-9);
  }
  EXPECT_NEAR(result.proposal_take.unclassified_m2, std::max(0.0, total - classified), 1e-6);
  // The sample's land use tiles the area, so nothing is unclassified; pieces add up to the whole.
  double sum = result.proposal_take.unclassified_m2;
  for (const auto& c : result.proposal_take.by_level1) sum += c.area_m2;
  EXPECT_NEAR(sum / result.proposal_take.total_m2, 1.0, 1e-6);
  // The extension joins the two banks: trips get quicker on average, never slower.
  ASSERT_TRUE(result.mean_time_change_min.has_value());
  EXPECT_LT(*result.mean_time_change_min, 0.0);
  EXPECT_GT(result.scenario.edges, result.baseline.edges);
}

TEST_F(SampleDataTest, MinzhuSouthCrossesTheDashaRiverOnABridge) {
  const ScenarioResult result = run("minzhu_south", dir / "m.gpkg");
  ASSERT_EQ(result.proposal_summaries.size(), 1U);
  const auto& p = result.proposal_summaries[0];
  ASSERT_EQ(p.river_crossings.size(), 1U);
  EXPECT_EQ(p.river_crossings[0].river, "大沙河");
  EXPECT_TRUE(p.river_crossings[0].bridge);
  EXPECT_GT(p.river_crossings[0].length_over_water_m, 0.0);
  // Pieces plus unclassified make the whole right-of-way.
  double sum = p.take.unclassified_m2;
  for (const auto& c : p.take.by_level1) sum += c.area_m2;
  EXPECT_NEAR(sum / p.row_area_m2, 1.0, 1e-6);
}

TEST_F(SampleDataTest, ShenzhouWestBasicFarmlandConflictMatchesGeosDirectly) {
  const ScenarioResult result = run("shenzhou_west", dir / "s.gpkg");
  ASSERT_EQ(result.proposal_summaries.size(), 1U);
  const auto& p = result.proposal_summaries[0];
  double engine_m2 = 0.0;
  for (const auto& c : p.conflicts) {
    if (c.kind == constraints::ConstraintKind::BasicFarmland) engine_m2 += c.area_m2;
  }
  GEOSGeometry* footprint = proposal_footprint(ctx, sample, "shenzhou_west");
  GeosLayer farmland{ctx, {}};
  read_layer(farmland, sample, "constraints", "constraint_id", "kind = 'basic_farmland'");
  double geos_m2 = 0.0;
  for (auto& [id, zone] : farmland.items) {
    GEOSGeometry* overlap = GEOSIntersection_r(ctx, footprint, zone);
    geos_m2 += area(ctx, overlap);
    GEOSGeom_destroy_r(ctx, overlap);
  }
  GEOSGeom_destroy_r(ctx, footprint);
  ASSERT_GT(geos_m2, 0.0);
  EXPECT_NEAR(engine_m2 / geos_m2, 1.0, 1e-9);
  // Farmland taken is reported by class as well.
  double farmland_take = 0.0;
  for (const auto& c : p.take.by_level1) farmland_take += c.code == "01" ? c.area_m2 : 0.0;
  EXPECT_GT(farmland_take, 0.0);
  // The land-saving chapter gives the zone's area as what the rights-of-way enter, apart from
  // the cultivated land taken (never "of which": the zone need not be cultivated land).
  const std::string finding = sql(dir / "s.gpkg", "SELECT finding FROM land_saving_chapter WHERE part = 1");
  EXPECT_NE(finding.find(fmt::format("enter permanent basic farmland over {:.1f} m²", geos_m2)), std::string::npos)
      << finding;
  EXPECT_EQ(finding.find("of which"), std::string::npos) << finding;
}

TEST_F(SampleDataTest, ExistingTunnelsInFloodZonesAreFlaggedToo) {
  // Which existing tunnels or underpasses lie in a flood-risk zone, by GEOS directly.
  GeosLayer below{ctx, {}}, flood{ctx, {}};
  read_layer(below, sample, "roads", "road_id", "tunnel = 1 OR z_level < 0");
  read_layer(flood, sample, "constraints", "constraint_id", "kind = 'flood_risk'");
  std::vector<std::string> expected;
  for (auto& [id, line] : below.items) {
    bool inside = false;
    for (auto& [zone_id, zone] : flood.items) inside = inside || GEOSIntersects_r(ctx, line, zone) == 1;
    if (inside) expected.push_back(id);
  }
  ASSERT_FALSE(expected.empty());  // the sample's R0039 underpass lies in C09
  const ScenarioResult result = run("baseline", dir / "b.gpkg");
  std::vector<long long> flagged;
  for (const auto& d : result.diagnostics.items()) {
    if (d.code == "overlay.below_grade_in_flood_zone") flagged = d.feature_ids;
  }
  // The flagged FIDs are those roads: look their ids up in the sample.
  std::vector<std::string> flagged_ids;
  for (const long long fid : flagged) {
    GeosLayer one{ctx, {}};
    read_layer(one, sample, "roads", "road_id", ("fid = " + std::to_string(fid)).c_str());
    for (const auto& [id, line] : one.items) flagged_ids.push_back(id);
  }
  EXPECT_EQ(flagged_ids, expected);
}

TEST_F(SampleDataTest, EveryOutputLayerIsInTheWorkingCrsWithASpatialIndex) {
  (void)run("shenzhou_west", dir / "s.gpkg");
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "s.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  int spatial = 0;
  for (OGRLayer* layer : ds->GetLayers()) {
    if (layer->GetGeomType() == wkbNone) continue;
    ++spatial;
    SCOPED_TRACE(layer->GetName());
    OGRSpatialReference srs(*layer->GetSpatialRef());
    srs.AutoIdentifyEPSG();
    EXPECT_STREQ(srs.GetAuthorityCode(nullptr), "4547");
    const std::string sql = std::string("SELECT COUNT(*) FROM rtree_") + layer->GetName() + "_geom";
    OGRLayer* rtree = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    ASSERT_NE(rtree, nullptr);
    std::unique_ptr<OGRFeature> count(rtree->GetNextFeature());
    EXPECT_EQ(count->GetFieldAsInteger64(0), layer->GetFeatureCount());
    ds->ReleaseResultSet(rtree);
  }
  EXPECT_GE(spatial, 4);
}

TEST_F(SampleDataTest, ReRunsGiveIdenticalFiles) {
  (void)run("baseline", dir / "a.gpkg");
  (void)run("baseline", dir / "b.gpkg");
  EXPECT_EQ(test::read_text(dir / "a.gpkg"), test::read_text(dir / "b.gpkg"));
}

TEST_F(SampleDataTest, ProgressRisesFromZeroToOneAndACancelLeavesNoOutput) {
  auto config = parse_scenario_file(test::source_path("scripts/scenarios/minzhu_south.toml"));
  RunOptions options;
  options.output = dir / "p.gpkg";
  std::vector<std::pair<double, std::string>> heard;
  options.progress = Progress([&](double fraction, std::string_view message) {
    heard.emplace_back(fraction, message);
    return true;
  });
  (void)run_scenario(config, options);
  ASSERT_FALSE(heard.empty());
  EXPECT_EQ(heard.front().first, 0.0);
  EXPECT_TRUE(std::is_sorted(heard.begin(), heard.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));
  EXPECT_EQ(heard.back(), (std::pair<double, std::string>{1.0, "done"}));
  const auto at = [&](const std::string& message) {
    const auto it = std::find_if(heard.begin(), heard.end(), [&](const auto& h) { return h.second == message; });
    return it == heard.end() ? -1.0 : it->first;
  };
  // Loading, analysing and writing in that order, each with a share of its own.
  EXPECT_GT(at("land take per road"), at("checking land_use"));
  EXPECT_GT(at("road networks"), at("land take per road"));
  EXPECT_GT(at("wrote land_take"), at("road networks"));
  EXPECT_GT(at("committing"), at("wrote land_take"));

  // Cancelled while the tables are written: no output, and the existing one is kept.
  test::write_text(dir / "p.gpkg", "previous result");
  options.progress = Progress([](double, std::string_view message) { return message != "wrote row"; });
  EXPECT_THROW((void)run_scenario(config, options), Cancelled);
  EXPECT_EQ(test::read_text(dir / "p.gpkg"), "previous result");
  // Cancelled while the land take is dissolved, as the take tables are being written on a
  // thread of their own: the same.
  options.progress = Progress([](double, std::string_view message) { return message != "dissolved land take"; });
  EXPECT_THROW((void)run_scenario(config, options), Cancelled);
  EXPECT_EQ(test::read_text(dir / "p.gpkg"), "previous result");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
  // Into directories the run made for its output: those go too.
  options.output = dir / "new/deeper/p.gpkg";
  EXPECT_THROW((void)run_scenario(config, options), Cancelled);
  EXPECT_FALSE(std::filesystem::exists(dir / "new"));
}

TEST_F(SampleDataTest, OneThreadAndManyThreadsWriteTheSameBytes) {
  (void)run("minzhu_south", dir / "one.gpkg", 1);
  (void)run("minzhu_south", dir / "four.gpkg", 4);
  EXPECT_EQ(test::read_text(dir / "one.gpkg"), test::read_text(dir / "four.gpkg"));
}

// A land use larger than the memory limit is read, cut and let go in FID chunks (at 1 MB, 262
// parcels a chunk: 7 chunks of the 1600): the file is the same, byte for byte.
TEST_F(SampleDataTest, LandUseReadInChunksWritesTheSameBytes) {
  (void)run("minzhu_south", dir / "whole.gpkg");
  auto config = parse_scenario_file(test::source_path("scripts/scenarios/minzhu_south.toml"));
  config.memory_limit_mb = 1;
  RunOptions options;
  options.output = dir / "chunks.gpkg";
  std::vector<std::string> chunks;
  options.progress = Progress([&](double, std::string_view message) {
    if (message.find("land use chunk") != std::string_view::npos) chunks.emplace_back(message);
    return true;
  });
  (void)run_scenario(config, options);
  ASSERT_EQ(chunks.size(), 7U);
  EXPECT_EQ(chunks.back(), "land take per road, land use chunk 7 of 7");
  EXPECT_EQ(test::read_text(dir / "whole.gpkg"), test::read_text(dir / "chunks.gpkg"));
}

TEST_F(SampleDataTest, ShanyangLinkTakesLandButLeavesRoadsAlone) {
  const ScenarioResult result = run("shanyang_link", dir / "w.gpkg");
  EXPECT_GT(result.proposal_take.total_m2, 0.0);
  EXPECT_EQ(result.scenario.edges, result.baseline.edges);
  ASSERT_TRUE(result.mean_time_change_min.has_value());
  EXPECT_DOUBLE_EQ(*result.mean_time_change_min, 0.0);
}

TEST_F(SampleDataTest, OdDeltaAgreesWithTheOdMatrixAndTheRunSummary) {
  const auto out = dir / "m.gpkg";
  const ScenarioResult result = run("minzhu_south", out);
  ASSERT_TRUE(result.mean_time_change_min.has_value());
  // The mean row, against the run summary's own comparison of the two OD matrices.
  EXPECT_NEAR(std::stod(sql(out, "SELECT delta_time_min FROM od_delta WHERE measure = 'mean'")),
              *result.mean_time_change_min, 1e-9);
  // The most improved pairs: in order, and each as in the OD matrix.
  const std::string check = sql(out,
      "SELECT COUNT(*) FROM od_delta d JOIN od_matrix m ON m.from_zone = d.from_zone AND "
      "m.to_zone = d.to_zone WHERE d.measure = 'most_improved' AND "
      "abs(m.delta_time_min - d.delta_time_min) < 1e-9");
  EXPECT_EQ(check, "10\n");
  const std::string best = sql(out, "SELECT MIN(delta_time_min) FROM od_matrix");
  EXPECT_EQ(sql(out, "SELECT delta_time_min FROM od_delta WHERE delta_key = 'top|01'"), best);
  // Which pairs are listed: the ten largest gains, equal gains (to the nanominute) by zone ids.
  // Six pairs gain 2.526 min for the last two places, equal but for the last bits of their sums.
  EXPECT_EQ(sql(out, "SELECT from_zone || '>' || to_zone FROM od_delta WHERE measure = 'most_improved' "
                     "ORDER BY delta_key"),
            sql(out, "SELECT from_zone || '>' || to_zone FROM od_matrix WHERE delta_time_min < 0 "
                     "ORDER BY round(delta_time_min, 9), from_zone, to_zone LIMIT 10"));
}

TEST_F(SampleDataTest, FifteenMinuteServiceAreasReachEveryRoadOfTheConnectedNetwork) {
  // The sample network is one component a few kilometres across, so within 15 minutes every
  // facility reaches all of it: the road length reached is the sum of the lines' lengths,
  // measured here by GEOS from the source layers.
  const auto total_km = [&](const char* layer, const char* where) {
    GeosLayer lines{ctx, {}};
    read_layer(lines, sample, layer, "road_id", where);
    double m = 0.0;
    for (const auto& [key, g] : lines.items) {
      double l = 0.0;
      GEOSLength_r(ctx, g, &l);
      m += l;
    }
    return m / 1000.0;
  };
  const double roads_km = total_km("roads", nullptr);
  const double bridge_km = total_km("proposals", "proposal_id = 'minzhu_south'");
  const ScenarioResult result = run("minzhu_south", dir / "m.gpkg");
  ASSERT_EQ(result.services.size(), 4U);
  ASSERT_EQ(result.service_breaks_min, (std::vector<double>{5.0, 10.0, 15.0}));
  for (const auto& s : result.services) {
    SCOPED_TRACE(s.facility);
    EXPECT_NEAR(s.baseline_km.back(), roads_km, 1e-9);
    EXPECT_NEAR(s.scenario_km.back(), roads_km + bridge_km, 1e-9);
    EXPECT_LT(s.baseline_km.front(), roads_km);  // 5 minutes do not reach it all
  }
}

// Each service area names the junction its facility joins: one of the junctions nearest to it
// (F03 lies exactly between two), measured here from the facility and node points as GDAL reads
// them, and at that distance.
TEST_F(SampleDataTest, ServiceAreasNameTheJunctionEachFacilityJoins) {
  const auto out = dir / "b.gpkg";
  (void)run("baseline", out);
  const auto points = [](const std::string& path, const char* layer, const char* key, const char* where) {
    std::map<std::string, std::pair<double, double>> found;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    OGRLayer* l = ds->GetLayerByName(layer);
    if (where != nullptr) l->SetAttributeFilter(where);
    for (auto& f : *l) {
      const auto* p = f->GetGeometryRef()->toPoint();
      found[f->GetFieldAsString(key)] = {p->getX(), p->getY()};
    }
    return found;
  };
  const auto facilities = points(sample, "facilities", "facility_id", nullptr);
  const auto nodes = points(out.string(), "network_nodes", "node_key", "network = 'baseline'");
  ASSERT_EQ(facilities.size(), 4U);
  for (const auto& [id, at] : facilities) {
    SCOPED_TRACE(id);
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& [key, xy] : nodes) nearest = std::min(nearest, std::hypot(xy.first - at.first, xy.second - at.second));
    const std::string row = sql(out, "SELECT node || '|' || snap_m FROM service_areas WHERE network = 'baseline' "
                                     "AND minutes = 5 AND facility_id = '" + id + "'");
    const std::string node = row.substr(0, row.find('|'));
    ASSERT_EQ(nodes.count("baseline:" + node), 1U) << row;
    const auto xy = nodes.at("baseline:" + node);
    EXPECT_NEAR(std::hypot(xy.first - at.first, xy.second - at.second), nearest, 1e-9);
    EXPECT_NEAR(std::stod(row.substr(row.find('|') + 1)), nearest, 1e-6);
  }
}

TEST_F(SampleDataTest, BetweennessShiftsOnlyWhereRoadsAreAdded) {
  const auto water = dir / "w.gpkg";
  (void)run("shanyang_link", water);  // a water link: the road network is the same
  EXPECT_EQ(sql(water, "SELECT COUNT(*) FROM network_edges WHERE network = 'scenario' AND "
                       "(betweenness_change IS NULL OR betweenness_change <> 0)"), "0\n");
  EXPECT_EQ(sql(water, "SELECT critical_links_removed || ',' || critical_links_created FROM "
                       "network_summary WHERE network = 'scenario'"), "0,0\n");
  const auto road = dir / "m.gpkg";
  const ScenarioResult minzhu = run("minzhu_south", road);
  // New links have no baseline counterpart; existing ones keep their edge and shift.
  EXPECT_EQ(std::stoul(sql(road, "SELECT COUNT(*) FROM network_edges WHERE network = 'scenario' AND "
                                 "betweenness_change IS NULL")),
            minzhu.scenario.edges - minzhu.baseline.edges);
  EXPECT_GT(std::stoul(sql(road, "SELECT COUNT(*) FROM network_edges WHERE network = 'scenario' AND "
                                 "betweenness_change <> 0")), 0UL);
}

TEST_F(SampleDataTest, EveryCorridorCrossingIsAPassageCandidate) {
  const auto out = dir / "m.gpkg";
  (void)run("minzhu_south", out);
  EXPECT_EQ(sql(out, "SELECT COUNT(*) FROM passage_candidates"),
            sql(out, "SELECT COUNT(*) FROM crossings WHERE kind LIKE '%corridor%'"));
  EXPECT_EQ(sql(out, "SELECT road_classes || '|' || (corridor_width_m > 0) FROM passage_candidates "
                     "WHERE proposal_id = 'minzhu_south'"),
            "arterial|1\n");
}

// The Shanyang channel passes through the corridor and the wedge, and joins them: its stretches
// inside are crossings, but no wildlife passage is wanted where a link joins patches.
TEST_F(SampleDataTest, AWaterLinkThroughACorridorIsNoPassageCandidate) {
  const auto out = dir / "s.gpkg";
  (void)run("shanyang_link", out);
  EXPECT_EQ(sql(out, "SELECT COUNT(*) > 0 FROM crossings WHERE kind LIKE '%corridor%' AND "
                     "proposal_id = 'shanyang_link'"),
            "1\n");
  EXPECT_EQ(sql(out, "SELECT COUNT(*) FROM passage_candidates WHERE proposal_id = 'shanyang_link'"), "0\n");
}

TEST_F(SampleDataTest, TheBridgeCutsTheCorridorAndTheWaterLinkJoinsIt) {
  const ScenarioResult minzhu = run("minzhu_south", dir / "m.gpkg");
  const ScenarioResult shanyang = run("shanyang_link", dir / "s.gpkg");
  ASSERT_TRUE(minzhu.has_corridors);
  EXPECT_GT(minzhu.baseline_mesh_m2, 0.0);
  EXPECT_EQ(minzhu.baseline_mesh_m2, shanyang.baseline_mesh_m2);  // one baseline
  EXPECT_LT(minzhu.scenario_mesh_m2, minzhu.baseline_mesh_m2);   // the road cuts the corridor
  EXPECT_GT(minzhu.scenario_patches, minzhu.baseline_patches);
  // The water link joins the 山阳河 wedge to the corridor: one patch fewer, and the summary says
  // so (and says so only where patches were joined).
  EXPECT_GT(shanyang.scenario_mesh_m2, shanyang.baseline_mesh_m2);
  EXPECT_EQ(shanyang.scenario_patches + 1, shanyang.baseline_patches);
  EXPECT_NE(report::format_run_summary(shanyang).find("patches joined, better connected"), std::string::npos);
  EXPECT_NE(report::format_run_summary(minzhu).find("patches cut apart, more fragmented"), std::string::npos);
  // With no proposals the scenario's corridor is the baseline's, as a proposal run measures it.
  const ScenarioResult baseline = run("baseline", dir / "b.gpkg");
  EXPECT_EQ(baseline.scenario_mesh_m2, minzhu.baseline_mesh_m2);
  EXPECT_EQ(baseline.scenario_patches, minzhu.baseline_patches);
  EXPECT_EQ(baseline.baseline_mesh_m2, minzhu.baseline_mesh_m2);
}

// A proposal stub that meets no road, 14 m from zone Z01 (whose nearest road is 130 m away):
// the zone joins the network at the stub's end, cut off from the 30 other zones. Both are named
// in a warning, and the pairs left out of the mean are counted by hand: 30 from Z01, 30 to it.
// Facilities cut off, or too far to join, are named too (they used to vanish from the output).
TEST_F(SampleDataTest, AZoneOrAProposalCutOffFromTheNetworkIsNamed) {
  const auto copy = dir / "cut_off.gpkg";
  std::filesystem::copy_file(sample, copy);
  test::execute_sql(copy, "INSERT INTO proposals (road_id, name, class, width_m, speed_kmh, lanes, "
                          "oneway, bridge, tunnel, z_level, status, proposal_id, kind, geom) "
                          "VALUES ('STUB', 'stub', 'branch', 12, 30, 2, 0, 0, 0, 0, 'planned', "
                          "'stub', 'road', ST_GeomFromText('LINESTRING (430470 3896530, 430475 "
                          "3896520)', 4547))");
  // A facility at the stub's end, and one 5 km beyond the square (farther than zone_max_snap_m).
  test::execute_sql(copy, "INSERT INTO facilities (facility_id, name, geom) VALUES ('STUB_END', 's', "
                          "ST_GeomFromText('POINT (430475 3896521)', 4547)), ('FAR', 'f', "
                          "ST_GeomFromText('POINT (440000 3896521)', 4547))");
  GeosLayer z01{ctx, {}}, roads{ctx, {}};
  read_layer(z01, copy.string(), "zones", "zone_id", "zone_id = 'Z01'");
  read_layer(roads, copy.string(), "roads", "road_id", nullptr);
  ASSERT_EQ(z01.items.size(), 1U);
  const long long z01_fid = std::stoll(sql(copy, "SELECT fid FROM zones WHERE zone_id = 'Z01'"));
  const long long stub_fid = std::stoll(sql(copy, "SELECT fid FROM proposals WHERE road_id = 'STUB'"));
  for (auto& [id, line] : roads.items) {
    double d = 0.0;
    ASSERT_EQ(GEOSDistance_r(ctx, z01.items[0].second, line, &d), 1);
    ASSERT_GT(d, 100.0) << id;  // every existing road is farther than the stub's ends
  }

  auto config = parse_scenario_file(test::source_path("scripts/scenarios/baseline.toml"));
  for (auto& [type, source] : config.layers) source.path = copy.string();
  config.proposals = {"stub"};
  RunOptions options;
  options.output = dir / "out.gpkg";
  const ScenarioResult result = run_scenario(config, options);

  std::map<std::string, std::vector<long long>> flagged;
  for (const auto& d : result.diagnostics.items()) flagged[d.code] = d.feature_ids;
  EXPECT_EQ(flagged["zone.cut_off"], std::vector<long long>{z01_fid});
  EXPECT_EQ(flagged["network.proposal_cut_off"], std::vector<long long>{stub_fid});
  EXPECT_EQ(flagged["facility.cut_off"],
            std::vector<long long>{std::stoll(sql(copy, "SELECT fid FROM facilities WHERE facility_id = 'STUB_END'"))});
  EXPECT_EQ(flagged["facility.unsnapped"],
            std::vector<long long>{std::stoll(sql(copy, "SELECT fid FROM facilities WHERE facility_id = 'FAR'"))});
  const std::size_t zones = result.zone_count;
  ASSERT_EQ(zones, 31U);
  EXPECT_EQ(result.baseline.reachable_pairs, zones * (zones - 1));
  EXPECT_EQ(result.scenario.zones_snapped, zones);
  EXPECT_EQ(result.scenario.reachable_pairs, zones * (zones - 1) - 2 * (zones - 1));
  // The summary says so beside the mean, which leaves those pairs out.
  EXPECT_NE(report::format_run_summary(result).find("31/31 zones joined (60 of 930 pairs unreachable)"),
            std::string::npos);
  // The far facility reaches nothing: its rows carry no geometry, not an empty one, which GDAL's
  // GeoPackage validator refuses.
  EXPECT_EQ(sql(*options.output, "SELECT COUNT(*) FROM service_area_lines WHERE facility_id = 'FAR' AND geom IS NULL"),
            "6\n");  // 3 breaks, 2 networks
  const auto check = test::run_command(
      "/usr/bin/python3 /usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py '" +
      options.output->string() + "'");
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(SampleDataTest, TheSampleHasNoZoneOrProposalCutOff) {
  for (const char* name : {"minzhu_south", "shenzhou_west", "shanyang_link"}) {
    const ScenarioResult result = run(name, dir / (std::string(name) + ".gpkg"));
    for (const auto& d : result.diagnostics.items()) {
      EXPECT_NE(d.code, "zone.cut_off") << name;
      EXPECT_NE(d.code, "network.proposal_cut_off") << name;
    }
  }
}

}  // namespace
}  // namespace cx::scenario
