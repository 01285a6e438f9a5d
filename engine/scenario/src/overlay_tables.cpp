// The overlay's output tables: rights-of-way, land take, protected-zone conflicts, the
// land-saving chapter and crossings. Every row starts with a stable key and rows are sorted by it.
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "cx/core/joined_key.hpp"
#include "cx/landuse/land_use_classes.hpp"
#include "result_tables.hpp"

namespace cx::scenario::detail {
namespace {

using io::FieldValue;
using output::ColumnType;
using output::GeometryKind;
using output::Row;

std::vector<output::Column> area_columns() {
  return {{"area_m2", ColumnType::Real}, {"area_ha", ColumnType::Real}, {"area_mu", ColumnType::Real}};
}

template <typename T>
std::vector<T> concat(std::vector<T> head, const std::vector<T>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

std::vector<output::Column> columns(std::vector<output::Column> head,
                                    const std::vector<output::Column>& tail = {}) {
  return concat(std::move(head), tail);
}

Row row_of(std::vector<FieldValue> head, const std::vector<FieldValue>& tail,
           std::vector<std::uint8_t> wkb = {}) {
  return Row{concat(std::move(head), tail), std::move(wkb)};
}

std::string joined(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::string scope_of(const overlay::Work& w) { return w.is_proposal() ? "proposal" : "existing_road"; }

std::string road_classes(const ScenarioAnalysis& a, const overlay::Work& w) {
  std::set<std::string> classes;
  for (const auto l : w.lines) classes.insert(std::string(roads::to_string(a.lines[l]->road_class)));
  return joined(classes);
}

// Where each road passes through an ecological corridor: a candidate for a wildlife passage
// (an underpass, an overpass or a bridge span), with what sizing it needs.
OutputTable passage_candidates_table(const ScenarioInputs& inputs, const ScenarioAnalysis& a,
                                     const geom::GeosContext& ctx) {
  OutputTable t{{"passage_candidates", GeometryKind::Point,
                 {{"passage_key", ColumnType::Text}, {"work_key", ColumnType::Text},
                  {"scope", ColumnType::Text}, {"proposal_id", ColumnType::Text},
                  {"corridor", ColumnType::Text}, {"road_classes", ColumnType::Text},
                  {"length_inside_m", ColumnType::Real}, {"corridor_width_m", ColumnType::Real}},
                 "Wildlife-passage candidates: where a road's centre line passes through an "
                 "ecological corridor (halfway along the stretch inside), the corridor's width "
                 "there and the road's class."},
                {}};
  std::map<std::string, int> seen;  // numbering per work and corridor, in crossing order
  for (const auto& c : a.crossings.corridors) {
    const auto& work = a.works[c.work];
    // A water link joins the corridor's patches (see the fragmentation) instead of cutting them:
    // it needs no passage. Its stretch inside stays in the crossings table.
    if (a.lines[work.lines.front()]->kind == roads::WorkKind::Water) continue;
    const auto& corridor = inputs.corridors[c.corridor];
    const std::string base = work.key + "|" + corridor.key;
    t.rows.push_back(Row{{text(fmt::format("{}|{}", base, ++seen[base])), text(work.key),
                          text(scope_of(work)), text(work.proposal_id),
                          text(corridor.name.empty() ? corridor.key : corridor.name),
                          text(road_classes(a, work)), real(c.length_inside_m),
                          real(c.corridor_width_m)},
                         geom::Geometry::point(ctx, c.point).to_wkb()});
  }
  sort_by_key(t.rows);
  return t;
}

OutputTable rights_of_way_table(const ScenarioAnalysis& a) {
  OutputTable t{{"row", GeometryKind::MultiPolygon,
                 columns({{"work_key", ColumnType::Text}, {"scope", ColumnType::Text},
                          {"proposal_id", ColumnType::Text}, {"name", ColumnType::Text},
                          {"lines", ColumnType::Integer}, {"road_classes", ColumnType::Text},
                          {"min_width_m", ColumnType::Real}, {"max_width_m", ColumnType::Real},
                          {"centre_length_m", ColumnType::Real}},
                         area_columns()),
                 "Right-of-way of every road and proposal, dissolved per work: centre lines "
                 "buffered by half the red-line width, flat ends, mitred bends."},
                {}};
  for (const auto& w : a.works) {
    std::set<std::string> classes;
    double min_w = 1e300, max_w = 0.0;
    for (const auto l : w.lines) {
      classes.insert(std::string(roads::to_string(a.lines[l]->road_class)));
      min_w = std::min(min_w, a.lines[l]->width_m);
      max_w = std::max(max_w, a.lines[l]->width_m);
    }
    t.rows.push_back(row_of({text(w.key), text(scope_of(w)), text(w.proposal_id), text(w.name),
                             integer(static_cast<std::int64_t>(w.lines.size())), text(joined(classes)),
                             real(min_w), real(max_w), real(w.centre_length_m)},
                            area_values(w.area_m2), multi_polygon_wkb(w.right_of_way)));
  }
  sort_by_key(t.rows);
  return t;
}

struct PieceRef {
  std::uint32_t work = 0, piece = 0;
};

// Every work's pieces in the order of their keys "work|parcel". Works are sorted by "key|" and
// each one's few pieces by parcel key, which is that order unless a work key runs on into
// another's '|' ("a" and "a|b") or two works share a key; then all pieces are sorted by the
// joined keys themselves. (One
// sort of all pieces, with three lookups per key, took 4 s for two million pieces.)
std::vector<PieceRef> pieces_in_key_order(const ScenarioAnalysis& a) {
  const auto parcel_key = [&](const PieceRef& r) -> const std::string& {
    return a.taken_parcels[a.work_takes[r.work].pieces[r.piece].parcel_index].key;
  };
  std::vector<std::uint32_t> works(a.works.size());
  for (std::uint32_t w = 0; w < works.size(); ++w) works[w] = w;
  std::sort(works.begin(), works.end(), [&](std::uint32_t x, std::uint32_t y) {
    return joined_key_less(a.works[x].key, "", a.works[y].key, "");
  });
  bool interleaved = false;
  for (std::size_t i = 1; i < works.size() && !interleaved; ++i) {
    const std::string& before = a.works[works[i - 1]].key;
    const std::string& after = a.works[works[i]].key;
    interleaved = after == before || (after.size() > before.size() &&
                                      after.compare(0, before.size(), before) == 0 &&
                                      after[before.size()] == '|');
  }
  std::vector<PieceRef> refs;
  for (const std::uint32_t w : works) {
    const std::size_t first = refs.size();
    for (std::size_t p = 0; p < a.work_takes[w].pieces.size(); ++p) {
      refs.push_back({w, static_cast<std::uint32_t>(p)});
    }
    std::sort(refs.begin() + static_cast<std::ptrdiff_t>(first), refs.end(),
              [&](const PieceRef& x, const PieceRef& y) { return parcel_key(x) < parcel_key(y); });
  }
  if (interleaved) {
    std::sort(refs.begin(), refs.end(), [&](const PieceRef& x, const PieceRef& y) {
      return joined_key_less(a.works[x.work].key, parcel_key(x), a.works[y.work].key, parcel_key(y));
    });
  }
  return refs;
}

OutputTable land_take_table(const ScenarioInputs& inputs, const ScenarioAnalysis& a) {
  OutputTable t{{"land_take", GeometryKind::MultiPolygon,
                 columns({{"piece_key", ColumnType::Text}, {"work_key", ColumnType::Text},
                          {"scope", ColumnType::Text}, {"proposal_id", ColumnType::Text},
                          {"parcel_id", ColumnType::Text}, {"code", ColumnType::Text},
                          {"level1", ColumnType::Text}, {"class_name", ColumnType::Text},
                          {"source_code", ColumnType::Text}, {"source_system", ColumnType::Text},
                          {"already_road", ColumnType::Integer}},
                         area_columns()),
                 "Land take: each work's dissolved right-of-way cut by land-use parcels, one piece "
                 "per work and parcel. already_road = 1 on road land (1207/1202): not new take."},
                {}};
  // Pieces first, sorted by key ("work|parcel"); each row is then made once, in key order,
  // while the writer stores the ones before it (this table has a row per work and parcel:
  // millions in a large city, whose keys are ordered here without being made).
  auto refs = std::make_shared<std::vector<PieceRef>>(pieces_in_key_order(a));
  const std::size_t columns = t.schema.columns.size();
  t.source.count = refs->size();
  t.source.row = [refs, columns, &inputs, &a](std::size_t i) {
    const PieceRef& ref = (*refs)[i];
    const auto& work = a.works[ref.work];
    const auto& piece = a.work_takes[ref.work].pieces[ref.piece];
    const auto& p = a.taken_parcels[piece.parcel_index];
    Row row;
    row.values.reserve(columns);
    const std::string scope = scope_of(work);
    row.values.emplace_back(work.key + "|" + p.key);
    for (const std::string* value : {&work.key, &scope, &work.proposal_id, &p.key, &p.code,
                                     &p.level1, &p.name, &p.source_code}) {
      row.values.emplace_back(*value);
    }
    row.values.emplace_back(std::string(landuse::to_string(p.source_system)));
    row.values.emplace_back(std::int64_t{landuse::is_road_land(p.code) ? 1 : 0});
    for (auto& value : area_values(piece.area_m2)) row.values.push_back(std::move(value));
    row.wkb = multi_polygon_wkb(piece);
    return row;
  };
  return t;
}

void add_breakdown_rows(std::vector<Row>& rows, const std::string& scope,
                        const overlay::TakeBreakdown& take) {
  const auto add = [&](const std::string& level, const std::string& code, std::string_view zh,
                       std::string_view en, double area_m2, bool road) {
    const double share = take.total_m2 > 0.0 ? area_m2 / take.total_m2 : 0.0;
    rows.push_back(row_of({text(scope + "|" + level + "|" + code), text(scope), text(level),
                           text(code), text(std::string(zh)), text(std::string(en))},
                          concat(area_values(area_m2), {real(share), integer(road ? 1 : 0)})));
  };
  for (const auto& c : take.by_level1) {
    const auto* cls = landuse::first_level_class(c.code);
    add("1", c.code, cls ? cls->name_zh : "", cls ? cls->name_en : "", c.area_m2, false);
  }
  for (const auto& c : take.by_code) {
    const auto* cls = landuse::second_level_class(c.code.substr(0, 4));
    add("2", c.code, cls ? cls->name_zh : "", cls ? cls->name_en : "", c.area_m2,
        landuse::is_road_land(c.code));
  }
  add("total", "unclassified", "未分类", "covered by no parcel", take.unclassified_m2, false);
  add("total", "already_road", "已为道路用地", "on road land already (1207/1202)",
      take.already_road_m2, true);
  add("total", "new_take", "新增占地", "new take (total minus road land)", take.new_take_m2(), false);
  add("total", "total", "合计", "total right-of-way, each m² once", take.total_m2, false);
}

OutputTable take_by_class_table(const ScenarioAnalysis& a) {
  OutputTable t{{"land_take_by_class", GeometryKind::None,
                 columns({{"row_key", ColumnType::Text}, {"scope", ColumnType::Text},
                          {"level", ColumnType::Text}, {"code", ColumnType::Text},
                          {"name_zh", ColumnType::Text}, {"name_en", ColumnType::Text}},
                         columns(area_columns(), {{"share", ColumnType::Real},
                                                  {"already_road", ColumnType::Integer}})),
                 "Land take by first- and second-level class (2023 用地用海 codes), each m² "
                 "counted once: per proposal (scope = its id), all proposals together "
                 "(all_proposals) and the existing roads (existing_roads). 1 ha = 15 亩."},
                {}};
  for (std::size_t w = 0; w < a.works.size(); ++w) {
    if (a.works[w].is_proposal()) add_breakdown_rows(t.rows, a.works[w].key, a.work_takes[w].breakdown);
  }
  add_breakdown_rows(t.rows, "all_proposals", a.proposal_take.breakdown);
  add_breakdown_rows(t.rows, "existing_roads", a.existing_take.breakdown);
  sort_by_key(t.rows);
  return t;
}

std::string zone_id(const ScenarioInputs& inputs, const overlay::Conflict& c) {
  return c.outside ? std::string("outside") : inputs.constraints[*c.constraint].key;
}

OutputTable conflicts_table(const ScenarioInputs& inputs, const ScenarioAnalysis& a) {
  OutputTable t{{"conflicts", GeometryKind::MultiPolygon,
                 columns({{"conflict_key", ColumnType::Text}, {"work_key", ColumnType::Text},
                          {"scope", ColumnType::Text}, {"proposal_id", ColumnType::Text},
                          {"kind", ColumnType::Text}, {"zone_id", ColumnType::Text},
                          {"zone_name", ColumnType::Text}, {"level", ColumnType::Integer},
                          {"relation", ColumnType::Text}, {"centre_length_m", ColumnType::Real}},
                         columns(area_columns(), {{"rule", ColumnType::Text},
                                                  {"consequence", ColumnType::Text}})),
                 "Where rights-of-way meet protected zones (三区三线 and flood risk): one piece "
                 "per work and zone; for the urban development boundary also the part outside it."},
                {}};
  for (const auto& c : a.conflicts.conflicts) {
    const auto& work = a.works[c.work];
    const auto& rule = constraints::rule_for(c.kind);
    const std::string kind(constraints::to_string(c.kind));
    const std::string id = zone_id(inputs, c);
    t.rows.push_back(row_of(
        {text(work.key + "|" + kind + "|" + id), text(work.key), text(scope_of(work)),
         text(work.proposal_id), text(kind), text(id),
         text(c.outside ? std::string() : inputs.constraints[*c.constraint].name),
         c.level ? integer(*c.level) : FieldValue{}, text(c.outside ? "outside" : "inside"),
         real(c.centre_length_m)},
        concat(area_values(c.area_m2),
               {text(std::string(rule.rule)), text(std::string(constraints::consequence_of(c.kind, c.outside)))}),
        multi_polygon_wkb(c.overlap)));
  }
  sort_by_key(t.rows);
  return t;
}

// Per work and kind of zone: the area and centre-line length inside (each once where zones of
// the kind overlap), with the zone ids touched.
OutputTable conflicts_summary_table(const ScenarioInputs& inputs, const ScenarioAnalysis& a) {
  OutputTable t{{"conflicts_summary", GeometryKind::None,
                 columns({{"summary_key", ColumnType::Text}, {"work_key", ColumnType::Text},
                          {"scope", ColumnType::Text}, {"proposal_id", ColumnType::Text},
                          {"kind", ColumnType::Text}, {"level", ColumnType::Integer},
                          {"relation", ColumnType::Text}, {"zone_ids", ColumnType::Text},
                          {"centre_length_m", ColumnType::Real}},
                         columns(area_columns(), {{"rule", ColumnType::Text},
                                                  {"consequence", ColumnType::Text}})),
                 "Conflicts per work and kind of zone (and flood level): the area and centre-line "
                 "length inside (each counted once where zones of a kind overlap), the ids of the "
                 "zones touched, the rule and what it means."},
                {}};
  struct Sum {
    const overlay::Conflict* first = nullptr;
    double area_m2 = 0.0;
    double length_m = 0.0;
    std::set<std::string> ids;
  };
  const auto key_of = [&](const auto& c) {  // of a conflict or a total
    const std::string level = c.level ? std::to_string(*c.level) : "";
    return a.works[c.work].key + "|" + std::string(constraints::to_string(c.kind)) +
           (level.empty() ? "" : "|" + level) + (c.outside ? "|outside" : "");
  };
  std::map<std::string, Sum> sums;
  for (const auto& c : a.conflicts.conflicts) {
    Sum& sum = sums[key_of(c)];
    if (sum.first == nullptr) sum.first = &c;
    sum.ids.insert(zone_id(inputs, c));
  }
  for (const auto& total : a.conflicts.totals) {  // each m² and metre once where zones overlap
    Sum& sum = sums.at(key_of(total));
    sum.area_m2 = total.area_m2;
    sum.length_m = total.centre_length_m;
  }
  for (const auto& [key, sum] : sums) {
    const auto& c = *sum.first;
    const auto& work = a.works[c.work];
    const auto& rule = constraints::rule_for(c.kind);
    t.rows.push_back(row_of({text(key), text(work.key), text(scope_of(work)),
                             text(work.proposal_id),
                             text(std::string(constraints::to_string(c.kind))),
                             c.level ? integer(*c.level) : FieldValue{},
                             text(c.outside ? "outside" : "inside"), text(joined(sum.ids)),
                             real(sum.length_m)},
                            concat(area_values(sum.area_m2), {text(std::string(rule.rule)),
                                                              text(std::string(constraints::consequence_of(c.kind, c.outside)))})));
  }
  return t;
}

std::string crossing_finding(const overlay::Work& work, const roads::Road& line,
                             const overlay::RiverCrossing& c) {
  if (!work.is_proposal() || line.kind == roads::WorkKind::Water) return "";
  return c.bridge ? "" : "crosses water without a bridge";
}

OutputTable crossings_table(const ScenarioInputs& inputs, const ScenarioAnalysis& a,
                            const geom::GeosContext& ctx) {
  OutputTable t{{"crossings", GeometryKind::Point,
                 {{"crossing_key", ColumnType::Text}, {"work_key", ColumnType::Text},
                  {"scope", ColumnType::Text}, {"proposal_id", ColumnType::Text},
                  {"kind", ColumnType::Text}, {"crossed", ColumnType::Text},
                  {"line_key", ColumnType::Text}, {"length_m", ColumnType::Real},
                  {"angle_deg", ColumnType::Real}, {"bridge", ColumnType::Integer},
                  {"corridor_width_m", ColumnType::Real}, {"finding", ColumnType::Text}},
                 "Crossings of centre lines with rivers (length over water, angle, bridge flag) "
                 "and with ecological corridors (length inside, corridor width there)."},
                {}};
  std::map<std::string, int> seen;
  const auto key_for = [&seen](const std::string& base) {
    return fmt::format("{}|{:03}", base, seen[base]++);
  };
  for (const auto& c : a.crossings.rivers) {
    const auto& work = a.works[c.work];
    t.rows.push_back(Row{{text(key_for(work.key + "|river|" + c.river)), text(work.key),
                          text(scope_of(work)), text(work.proposal_id), text("river"),
                          text(c.river), text(line_key(*a.lines[c.line])),
                          real(c.length_over_water_m), optional_real(c.angle_deg),
                          integer(c.bridge ? 1 : 0), FieldValue{},
                          text(crossing_finding(work, *a.lines[c.line], c))},
                         geom::Geometry::point(ctx, c.point).to_wkb()});
  }
  for (const auto& c : a.crossings.corridors) {
    const auto& work = a.works[c.work];
    const auto& corridor = inputs.corridors[c.corridor];
    t.rows.push_back(Row{{text(key_for(work.key + "|corridor|" + corridor.key)), text(work.key),
                          text(scope_of(work)), text(work.proposal_id), text("corridor"),
                          text(corridor.name.empty() ? corridor.key : corridor.name), text(""),
                          real(c.length_inside_m), FieldValue{}, FieldValue{},
                          real(c.corridor_width_m), text("wildlife-passage candidate")},
                         geom::Geometry::point(ctx, c.point).to_wkb()});
  }
  sort_by_key(t.rows);
  return t;
}

OutputTable crossings_summary_table(const ScenarioAnalysis& a) {
  OutputTable t{{"crossings_summary", GeometryKind::None,
                 {{"work_key", ColumnType::Text}, {"scope", ColumnType::Text},
                  {"proposal_id", ColumnType::Text}, {"river_crossings", ColumnType::Integer},
                  {"bridged", ColumnType::Integer}, {"unbridged", ColumnType::Integer},
                  {"length_over_water_m", ColumnType::Real}, {"rivers", ColumnType::Text},
                  {"corridor_crossings", ColumnType::Integer},
                  {"corridor_length_m", ColumnType::Real}, {"corridor_area_m2", ColumnType::Real},
                  {"narrowest_corridor_width_m", ColumnType::Real}},
                 "Crossings added up per work; corridor_crossings: the work's passages through "
                 "ecological corridors (a water link's too, though it is no wildlife-passage "
                 "candidate: it joins the corridor)."},
                {}};
  // Each work's crossings and overlaps, in their list order (so sums add up as listed): one
  // pass over each list, not one per work (a city has tens of thousands of works).
  const auto by_work = [&a](const auto& items) {
    std::vector<std::vector<std::size_t>> out(a.works.size());
    for (std::size_t i = 0; i < items.size(); ++i) out[items[i].work].push_back(i);
    return out;
  };
  const auto river_at = by_work(a.crossings.rivers);
  const auto corridor_at = by_work(a.crossings.corridors);
  const auto overlap_at = by_work(a.crossings.corridor_overlaps);
  for (std::size_t w = 0; w < a.works.size(); ++w) {
    std::int64_t crossings = 0, bridged = 0, corridor_crossings = 0;
    double water_m = 0.0, corridor_m = 0.0, corridor_m2 = 0.0;
    std::optional<double> narrowest;
    std::set<std::string> rivers;
    for (const std::size_t i : river_at[w]) {
      const auto& c = a.crossings.rivers[i];
      ++crossings;
      bridged += c.bridge ? 1 : 0;
      water_m += c.length_over_water_m;
      rivers.insert(c.river);
    }
    for (const std::size_t i : corridor_at[w]) {
      const auto& c = a.crossings.corridors[i];
      ++corridor_crossings;
      narrowest = std::min(narrowest.value_or(c.corridor_width_m), c.corridor_width_m);
    }
    for (const std::size_t i : overlap_at[w]) {
      const auto& o = a.crossings.corridor_overlaps[i];
      corridor_m += o.length_m;
      corridor_m2 += o.area_m2;
    }
    if (crossings == 0 && corridor_m2 == 0.0) continue;
    const auto& work = a.works[w];
    t.rows.push_back(Row{{text(work.key), text(scope_of(work)), text(work.proposal_id),
                          integer(crossings), integer(bridged), integer(crossings - bridged),
                          real(water_m), text(joined(rivers)), integer(corridor_crossings),
                          real(corridor_m), real(corridor_m2), optional_real(narrowest)},
                         {}});
  }
  sort_by_key(t.rows);
  return t;
}

double area_of_level1(const overlay::TakeBreakdown& take, const std::string& level1) {
  for (const auto& c : take.by_level1) {
    if (c.code == level1) return c.area_m2;
  }
  return 0.0;
}

struct ZoneTotals {
  double area_m2 = 0.0;
  double length_m = 0.0;
};

ZoneTotals zone_totals(const std::vector<ConflictSummary>& conflicts,
                       constraints::ConstraintKind kind, bool outside) {
  ZoneTotals t;
  for (const auto& c : conflicts) {
    if (c.kind == kind && c.outside == outside) {
      t.area_m2 += c.area_m2;
      t.length_m += c.centre_length_m;
    }
  }
  return t;
}

std::string m2_mu(double area_m2) {
  return fmt::format("{:.1f} m² ({:.2f} 亩)", area_m2, area_m2 * 3.0 / 2000.0);
}

// The four parts of the land-saving chapter (节约集约用地论证分析专章) of a land pre-examination
// dossier, with the scenario's figures filled in (all proposals together, each m² once).
OutputTable land_saving_table(const ScenarioInputs& inputs, const ScenarioAnalysis& a) {
  OutputTable t{{"land_saving_chapter", GeometryKind::None,
                 {{"part", ColumnType::Integer}, {"title_zh", ColumnType::Text},
                  {"title_en", ColumnType::Text}, {"finding", ColumnType::Text},
                  {"area_m2", ColumnType::Real}, {"area_mu", ColumnType::Real},
                  {"length_m", ColumnType::Real}},
                 "The four parts of the land-saving chapter (节约集约用地论证分析专章) for all "
                 "proposals of the scenario together, with the figures filled in."},
                {}};
  const auto& take = a.proposal_take.breakdown;
  if (take.total_m2 <= 0.0) return t;
  double centre_length_m = 0.0;
  for (const auto& w : a.works) centre_length_m += w.is_proposal() ? w.centre_length_m : 0.0;
  const auto zones = scope_conflicts(inputs, a, true);
  using constraints::ConstraintKind;
  const auto add = [&t](std::int64_t part, const char* zh, const char* en, std::string finding,
                        double area_m2, double length_m) {
    t.rows.push_back(Row{{integer(part), text(zh), text(en), text(std::move(finding)),
                          real(area_m2), real(area_m2 * 3.0 / 2000.0), real(length_m)},
                         {}});
  };
  const double farmland = area_of_level1(take, "01");
  const ZoneTotals basic = zone_totals(zones, ConstraintKind::BasicFarmland, false);
  add(1, "占用耕地的必要性", "Necessity of taking cultivated land",
      // The basic farmland is the zone the rights-of-way enter, not the part of the cultivated
      // land inside it (the survey's classes and the zone need not agree): said apart, never
      // as "of which", which read as the larger figure being a part of the smaller.
      fmt::format("The proposals take {} of cultivated land (01). {}", m2_mu(farmland),
                  basic.area_m2 > 0.0
                      ? fmt::format("Their rights-of-way enter permanent basic farmland over {} "
                                    "and {:.1f} m of centre line: to be re-provided (补划) in "
                                    "equal quantity and quality.",
                                    m2_mu(basic.area_m2), basic.length_m)
                      : std::string("They do not enter permanent basic farmland: none to "
                                    "re-provide.")),
      farmland, basic.length_m);
  const double mean_width = centre_length_m > 0.0 ? take.total_m2 / centre_length_m : 0.0;
  add(2, "用地规模的合理性", "Reasonableness of the scale of land use",
      fmt::format("The rights-of-way cover {} for {:.1f} m of centre line, a mean width of "
                  "{:.1f} m, from the red-line width of each road (its own where the data give one, else "
                  "its class's default after GB 51328-2018).",
                  m2_mu(take.total_m2), centre_length_m, mean_width),
      take.total_m2, centre_length_m);
  const ZoneTotals red = zone_totals(zones, ConstraintKind::EcoRedline, false);
  add(3, "生态保护红线不可避让", "Unavoidability of the ecological protection red line",
      red.area_m2 > 0.0
          ? fmt::format("The proposals enter the ecological red line over {} and {:.1f} m of "
                        "centre line. They are linear infrastructure: an unavoidability argument "
                        "(不可避让论证) is needed.",
                        m2_mu(red.area_m2), red.length_m)
          : std::string("The proposals do not enter the ecological protection red line."),
      red.area_m2, red.length_m);
  const ZoneTotals outside = zone_totals(zones, ConstraintKind::UrbanDevBoundary, true);
  const double km = centre_length_m / 1000.0;
  add(4, "节约集约用地水平", "Efficiency of land use",
      fmt::format("{:.1f}% of the right-of-way lies on existing road land; new take {} ({:.2f} 亩 "
                  "per km of centre line); {} lies outside the urban development boundary.",
                  take.total_m2 > 0.0 ? 100.0 * take.already_road_m2 / take.total_m2 : 0.0,
                  m2_mu(take.new_take_m2()),
                  km > 0.0 ? take.new_take_m2() * 3.0 / 2000.0 / km : 0.0, m2_mu(outside.area_m2)),
      take.new_take_m2(), centre_length_m);
  return t;
}

}  // namespace

void take_tables(const ScenarioInputs& inputs, const ScenarioAnalysis& analysis, const TableSink& sink) {
  sink(rights_of_way_table(analysis));
  sink(land_take_table(inputs, analysis));
}

void overlay_tables(const ScenarioInputs& inputs, const ScenarioAnalysis& analysis,
                    const geom::GeosContext& ctx, const TableSink& sink) {
  sink(take_by_class_table(analysis));
  sink(conflicts_table(inputs, analysis));
  sink(conflicts_summary_table(inputs, analysis));
  sink(land_saving_table(inputs, analysis));
  sink(crossings_table(inputs, analysis, ctx));
  sink(crossings_summary_table(analysis));
  sink(passage_candidates_table(inputs, analysis, ctx));
}

std::string line_key(const roads::Road& line) {
  return line.proposal_id.empty() ? line.key : line.proposal_id + "/" + line.key;
}

}  // namespace cx::scenario::detail
