#include "cx/scenario/scenario_runner.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "cx/core/error.hpp"
#include "cx/core/keep_until_exit.hpp"
#include "cx/core/version.hpp"
#include "cx/crs/crs.hpp"
#include "cx/output/gpkg_writer.hpp"
#include "cx/scenario/scenario_analysis.hpp"
#include "layer_styles.hpp"
#include "result_tables.hpp"

namespace cx::scenario {
namespace {

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec)) {
    return std::filesystem::equivalent(a, b, ec);
  }
  return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

// Refuses output paths that would overwrite an input or cannot be a GeoPackage file.
void check_output_path(const ScenarioConfig& config, const std::filesystem::path& output) {
  const ErrorContext where{.path = output.string()};
  std::string extension = output.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension != ".gpkg") throw ConfigError("the output must be a .gpkg file", where);
  std::error_code ec;
  if (std::filesystem::is_directory(output, ec)) {
    throw ConfigError("the output path is a directory; give a .gpkg file name", where);
  }
  if (!config.file.empty() && same_file(output, config.file)) {
    throw ConfigError("the output would overwrite the scenario file", where);
  }
  for (const auto& [type, source] : config.layers) {
    if (same_file(output, source.path)) {
      throw ConfigError("the output would overwrite the input of layer '" + type + "'", where);
    }
  }
}

std::vector<ProposalSummary> proposal_summaries(const ScenarioInputs& inputs,
                                                const ScenarioAnalysis& a) {
  std::vector<ProposalSummary> out;
  for (std::size_t w = 0; w < a.works.size(); ++w) {
    const auto& work = a.works[w];
    if (!work.is_proposal()) continue;
    ProposalSummary s;
    s.id = work.proposal_id;
    s.name = work.name;
    s.kind = a.lines[work.lines.front()]->kind;
    s.row_area_m2 = work.area_m2;
    s.centre_length_m = work.centre_length_m;
    s.take = a.work_takes[w].breakdown;
    s.conflicts = work_conflicts(inputs, a, w);
    for (const auto& c : a.crossings.rivers) {
      if (c.work == w) {
        s.river_crossings.push_back({c.river, c.length_over_water_m, c.angle_deg, c.bridge});
      }
    }
    for (const auto& o : a.crossings.corridor_overlaps) {
      if (o.work != w) continue;
      s.corridor_length_m += o.length_m;
      s.corridor_area_m2 += o.area_m2;
    }
    for (const auto& c : a.crossings.corridors) s.corridor_crossings += c.work == w ? 1 : 0;
    for (const auto& f : a.conflicts.below_grade) s.below_grade_in_flood += f.work == w ? 1 : 0;
    out.push_back(std::move(s));
  }
  return out;
}

NetworkSummary summarise(const NetworkAnalysis& n) {
  NetworkSummary s;
  s.nodes = n.graph.node_count();
  s.edges = n.graph.edge_count();
  s.components = n.components.count();
  s.zones_snapped = static_cast<std::size_t>(
      std::count_if(n.snaps.begin(), n.snaps.end(), [](const auto& z) { return z.snapped(); }));
  s.reachable_pairs = n.reachable_pairs();
  s.mean_od_time_min = n.mean_od_time_min();
  s.critical_links = n.cut.bridges.size();
  s.critical_junctions = n.cut.articulation_points.size();
  s.cyclomatic = n.kansky.cyclomatic;
  return s;
}

void compare_od(const ScenarioAnalysis& a, ScenarioResult& result) {
  double sum_s = 0.0;
  for (std::size_t k = 0; k < a.baseline.od.cost.size(); ++k) {
    const auto& base = a.baseline.od.cost[k];
    const auto& scen = a.scenario.od.cost[k];
    if (base.reachable() && scen.reachable()) {
      sum_s += scen.time_s - base.time_s;
      ++result.pairs_compared;
    } else if (scen.reachable()) {
      ++result.pairs_newly_reachable;
    }
  }
  if (result.pairs_compared > 0) {
    result.mean_time_change_min = sum_s / static_cast<double>(result.pairs_compared) / 60.0;
  }
}

// Where loading and analysing end in a run's progress (writing takes the rest): the shares
// the three took in runs on synthetic cities of 100 000 and 1 000 000 parcels, so that the
// time-left estimate (time so far scaled by the share still to do) is roughly right.
constexpr double phase_end[2] = {0.25, 0.6};

// Rows the output will hold, roughly: the tables that grow with the inputs (a land-take piece
// per work and parcel, a right-of-way per line, the networks' junctions and links, the zone
// pairs) and a few hundred for the small tables. Only for progress.
double expected_rows(const ScenarioAnalysis& a) {
  double rows = 500.0 + static_cast<double>(a.lines.size());
  for (const auto& take : a.work_takes) rows += static_cast<double>(take.pieces.size());
  if (a.has_network) {
    for (const NetworkAnalysis* n : {&a.baseline, &a.scenario}) {
      rows += static_cast<double>(n->graph.node_count() + n->graph.edge_count());
    }
    rows += static_cast<double>(a.zones.size() * a.zones.size());
  }
  return rows;
}

void write(output::GpkgWriter& writer, detail::OutputTable&& table, const Progress& progress) {
  if (table.source.row) {
    writer.write_table(table.schema, table.source, progress);
  } else {
    writer.write_table(table.schema, std::move(table.rows), progress);
  }
}

double row_count(const detail::OutputTable& table) {
  return static_cast<double>(table.source.row ? table.source.count : table.rows.size());
}

// Writes the tables that need only the land take (row, land_take) on a thread of its own, as
// soon as the analysis has that take, while it goes on to dissolve it, meet protected zones
// and build the networks. In a city those two tables are most of the writing, which SQLite
// does on one thread, while the analysis does not keep both cores busy. They are the first
// tables of the file either way, so the file is the same.
class TakeTablesWriter {
public:
  TakeTablesWriter(output::GpkgWriter& writer, const ScenarioInputs& inputs)
      : m_writer(writer), m_inputs(inputs) {}
  ~TakeTablesWriter() { stop(); }  // the run failed or was cancelled before finish()
  TakeTablesWriter(const TakeTablesWriter&) = delete;
  TakeTablesWriter& operator=(const TakeTablesWriter&) = delete;

  void start(const ScenarioAnalysis& analysis) {
    m_thread = std::thread([this, &analysis] {
      try {
        detail::take_tables(m_inputs, analysis, [&](detail::OutputTable&& table) {
          const WrittenTable done{table.schema.name, row_count(table)};
          const double before = m_rows_stored;
          // Heard on this thread: only counts the rows, and stops mid-table when asked.
          const Progress counting([this, before, rows = done.rows](double fraction, std::string_view) {
            m_rows_stored = before + fraction * rows;
            return !m_stop;
          });
          write(m_writer, std::move(table), counting);
          m_written.push_back(done);
        });
      } catch (...) {
        m_error = std::current_exception();
      }
      {
        const std::lock_guard lock(m_mutex);
        m_done = true;
      }
      m_finished.notify_all();
    });
  }

  struct WrittenTable {
    std::string name;
    double rows = 0.0;
  };

  /// Waits until the tables are written, telling `progress` (on the caller's thread) the share
  /// of `expected_rows` stored meanwhile; a cancel asked for there stops them. Throws what
  /// stopped them. The tables, in file order.
  const std::vector<WrittenTable>& finish(const Progress& progress, double expected_rows) {
    if (!m_thread.joinable()) return m_written;  // the overlay was not run
    std::unique_lock lock(m_mutex);
    while (!m_finished.wait_for(lock, std::chrono::milliseconds(200), [this] { return m_done; })) {
      lock.unlock();
      try {
        progress.report(std::min(m_rows_stored / expected_rows, 0.95));
      } catch (...) {
        stop();
        throw;
      }
      lock.lock();
    }
    lock.unlock();
    m_thread.join();
    if (m_error) std::rethrow_exception(m_error);
    return m_written;
  }

private:
  void stop() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
  }

  output::GpkgWriter& m_writer;
  const ScenarioInputs& m_inputs;
  std::atomic<bool> m_stop{false};
  std::atomic<double> m_rows_stored{0.0};
  std::mutex m_mutex;
  std::condition_variable m_finished;
  bool m_done = false;
  std::exception_ptr m_error;
  std::vector<WrittenTable> m_written;
  std::thread m_thread;
};

}  // namespace

ScenarioResult run_scenario(const ScenarioConfig& config, const RunOptions& options) {
  const std::filesystem::path output = options.output.value_or(config.output);
  check_output_path(config, output);
  const crs::Crs working = crs::Crs::from_user_input(config.working_crs);
  const geom::GeosContext ctx;
  ScenarioResult result;
  result.name = config.name;
  result.title = config.title;
  result.proposals = config.proposals;
  result.output = output;

  const auto inputs_owner = std::make_shared<ScenarioInputs>(
      load_inputs(config, working, ctx, result.diagnostics, options.progress.sub(0.0, phase_end[0])));
  ScenarioInputs& inputs = *inputs_owner;  // its land-use parcels go to the analysis
  result.zone_count = inputs.zones.size();  // updated below when junctions stand in
  // In this order, so that the take tables' thread stops before what it reads goes.
  const auto analysis_owner = std::make_shared<ScenarioAnalysis>();
  output::GpkgWriter writer(output, working);
  TakeTablesWriter take_tables(writer, inputs);
  analyse(config, inputs, ctx, result.diagnostics, options.progress.sub(phase_end[0], phase_end[1]),
          *analysis_owner, [&](const ScenarioAnalysis& a) { take_tables.start(a); });
  const ScenarioAnalysis& analysis = *analysis_owner;
  result.inputs = input_records(inputs, analysis);
  result.existing_take = analysis.existing_take.breakdown;
  result.proposal_take = analysis.proposal_take.breakdown;
  result.proposal_summaries = proposal_summaries(inputs, analysis);
  result.has_network = analysis.has_network;
  result.zone_count = analysis.zones.size();
  result.has_corridors = analysis.has_corridors;
  result.baseline_mesh_m2 = analysis.baseline_fragmentation.effective_mesh_m2;
  result.scenario_mesh_m2 = analysis.scenario_fragmentation.effective_mesh_m2;
  result.baseline_patches = analysis.baseline_fragmentation.patches.size();
  result.scenario_patches = analysis.scenario_fragmentation.patches.size();
  if (analysis.has_network) {
    result.baseline = summarise(analysis.baseline);
    result.scenario = summarise(analysis.scenario);
    compare_od(analysis, result);
    for (std::size_t r = 0; r < inputs.river_lines.size(); ++r) {
      const auto& b = analysis.baseline.rivers[r];
      const auto& s = analysis.scenario.rivers[r];
      const auto& river = inputs.river_lines[r];
      result.rivers.push_back({.river = river.name.empty() ? river.key : river.name,
                               .baseline_links = b.links.size(), .scenario_links = s.links.size(),
                               .baseline_mean_detour = b.mean_detour,
                               .scenario_mean_detour = s.mean_detour});
    }
    result.service_breaks_min = config.service_breaks_min;
    for (std::size_t f = 0; f < inputs.facilities.size(); ++f) {
      const auto km = [&](const NetworkAnalysis& n) {
        std::vector<double> out;
        for (const auto& stretches : n.service_areas[f]) {
          double m = 0.0;
          for (const auto& s : stretches) m += s.to_m - s.from_m;
          out.push_back(m / 1000.0);
        }
        return out;
      };
      const auto& facility = inputs.facilities[f];
      result.services.push_back({.facility = facility.name.empty() ? facility.key : facility.name,
                                 .baseline_km = km(analysis.baseline), .scenario_km = km(analysis.scenario)});
    }
  }
  result.existing_conflicts = scope_conflicts(inputs, analysis, false);

  const Progress writing = options.progress.sub(phase_end[1], 1.0);
  writing.report(0.0, "writing " + output.string());
  // Each table is written as soon as it is built and then dropped: one table in memory at a
  // time. The progress moves with the rows stored, inside a table too.
  const double expected = expected_rows(analysis);
  double written = 0.0;
  std::set<std::string> tables;
  const auto& take_tables_written = take_tables.finish(writing, expected);
  for (const auto& table : take_tables_written) {
    tables.insert(table.name);
    written += table.rows;
  }
  for (const auto& table : take_tables_written) {  // heard of now, on the progress's thread
    writing.report(std::min(written / expected, 0.95), "wrote " + table.name);
  }
  detail::build_result_tables(config, inputs, analysis, result.diagnostics, engine_version, ctx,
                              [&](detail::OutputTable&& table) {
                                tables.insert(table.schema.name);
                                const double rows = row_count(table);
                                const Progress part = writing.sub(std::min(written / expected, 0.95),
                                                                  std::min((written + rows) / expected, 0.95));
                                write(writer, std::move(table), part);
                                written += rows;
                                part.report(1.0, "wrote " + table.schema.name);
                              });
  writer.write_styles(detail::default_styles(config, analysis, tables));
  writing.report(0.95, "committing");
  // The last point where a cancel is honoured: once committed, the run has succeeded.
  writer.commit();
  writing.finish("done");
  if (options.last_in_process) {
    keep_until_exit(inputs_owner);
    keep_until_exit(analysis_owner);
  }
  return result;
}

}  // namespace cx::scenario
