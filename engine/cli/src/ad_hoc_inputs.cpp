#include "ad_hoc_inputs.hpp"

#include "cx/core/error.hpp"
#include "cx/crs/crs.hpp"
#include "cx/io/vector_reader.hpp"
#include "terminal_progress.hpp"

namespace cx::cli {

std::string working_crs(const std::string& given, const std::string& roads,
                        const std::string& layer) {
  if (!given.empty()) return given;
  const auto wkt = io::read_layer_crs(roads, layer);
  if (!wkt) {
    throw InputError("the roads layer has no CRS; give the working CRS with --crs (e.g. --crs "
                     "EPSG:4547)",
                     ErrorContext{.path = roads, .layer = layer});
  }
  const crs::Crs roads_crs = crs::Crs::from_wkt(*wkt);
  if (!roads_crs.is_projected_in_metres()) {
    throw InputError("the roads layer is in " + roads_crs.label() +
                         (roads_crs.is_projected() ? ", whose unit is the " + roads_crs.linear_unit() + ", not the metre"
                                                   : ", which is not projected") +
                         "; give a projected working CRS in metres with --crs (e.g. the local UTM zone)",
                     ErrorContext{.path = roads, .layer = layer});
  }
  return roads_crs.to_wkt();
}

void map_if_given(schema::FieldMapping& fields, const char* logical, const std::string& source) {
  if (!source.empty()) fields[logical] = source;
}


void add_roads_options(CLI::App* sub, AdHocRun& run) {
  sub->add_option("--roads", run.roads, "Road lines (any OGR source)")->required();
  sub->add_option("--roads-layer", run.roads_layer, "Layer of --roads (default: its only layer)");
}

void add_output_options(CLI::App* sub, AdHocRun& run) {
  sub->add_option("--crs", run.crs,
                  "Working CRS (projected, metres); default: the roads layer's CRS if projected");
  sub->add_option("-o,--output", run.output, "Output GeoPackage")->required();
  sub->add_option("--threads", run.threads, "Worker threads (default: all cores); results are the same")
      ->check(CLI::Range(0U, 256U));
  run.limits.add_to(sub);
  if (std::string_view(run.command) != "network") run.memory.add_to(sub);
  sub->footer("Exit codes: 0 success, 2 usage or input error (nothing written), 3 internal error.");
  sub->callback([&run, sub] {
    run.invocation = std::string("crossaxis ") + run.command + " " + sub->config_to_str(true, false);
  });
}

scenario::ScenarioConfig ad_hoc_config(const AdHocRun& run) {
  scenario::ScenarioConfig config;
  config.name = run.command;
  config.title = std::string("crossaxis ") + run.command;
  config.invocation = run.invocation;
  config.working_crs = working_crs(run.crs, run.roads, run.roads_layer);
  const crs::Crs working = crs::Crs::from_user_input(config.working_crs);
  if (!working.is_projected_in_metres()) {
    throw ConfigError("the working CRS given with --crs must be projected, in metres (e.g. EPSG:4547)" +
                      (working.is_projected() ? "; '" + config.working_crs + "' is in the " + working.linear_unit()
                                              : std::string()));
  }
  config.output = run.output;
  config.threads = run.threads;
  run.limits.apply(config.limits);
  run.memory.apply(config.memory_limit_mb);
  return config;
}

scenario::ScenarioResult run_ad_hoc(scenario::ScenarioConfig config, const AdHocRun& run,
                                    const GlobalOptions& global) {
  if (!run.crs.empty()) {
    for (auto& [type, source] : config.layers) source.crs_if_none = run.crs;
  }
  scenario::RunOptions options;
  options.last_in_process = true;
  options.progress = global.verbose ? step_log(config.name) : terminal_progress(global.quiet, config.name);
  scenario::ScenarioResult result = scenario::run_scenario(config, options);
  print_warnings(result.diagnostics, global.quiet);
  note_peak_over_memory_limit(config.memory_limit_mb, global.quiet);
  return result;
}

}  // namespace cx::cli
