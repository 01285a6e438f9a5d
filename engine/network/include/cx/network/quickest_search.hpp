#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "cx/network/road_graph.hpp"

namespace cx::network {

/// Travel times within this share of each other are equal: adding the same link times in
/// another order rounds differently (0.1 + 0.2 is not 0.3 in binary).
inline constexpr double equally_quick_share = 1e-12;

/// Whether travel time `t` equals `reference` up to that rounding. Paths that equal are equally
/// quick, for counting quickest paths (betweenness) as for choosing the shorter of two.
[[nodiscard]] inline bool equally_quick(double t, double reference) {
  return t >= reference * (1.0 - equally_quick_share) && t <= reference * (1.0 + equally_quick_share);
}

/// A single-source quickest-path search (Dijkstra, with buckets of time or a 4-ary indexed
/// heap) that can be run again and again on one graph. Its arrays are sized once, and a new
/// run resets only what the last one touched, so the many searches of an OD matrix or of
/// betweenness allocate nothing.
/// Not thread-safe: one per thread.
///
/// Paths are ranked by time, then by length: among equally quick paths the shorter is kept.
/// The heap is keyed on time alone, which settles nodes in that order because every arc takes
/// some time (no road line has zero length): when a node is settled, all nodes on any equally
/// quick path to it were settled before it and have offered their lengths.
///
/// Where the graph's arc times allow (every arc takes some time), the heap mostly gives way to
/// buckets of time (Dial's algorithm): a little narrower than the quickest arc, or, where the
/// quickest 1 in 64 arcs are far quicker than the rest, than the rest; and at most a few
/// thousand spanning the slowest arc. An arc at least a bucket long
/// leads from a node to a later bucket, so a node that no shorter arc leads to has its final
/// time once its bucket is the lowest in use, and is settled then, in the order it was filed,
/// without sorting. The few nodes that a shorter arc leads to (real networks have links of a
/// few decimetres beside links of a kilometre) may still be reached quicker from their own
/// bucket: the heap orders them, and holds no other nodes. Nodes are then settled bucket by
/// bucket rather than strictly in time order; every node still comes after all nodes on its
/// quickest paths, which is what the users of settled() rely on.
class QuickestSearch {
public:
  /// Whether a search counts the quickest paths to each node (see paths()): only betweenness
  /// needs them, and without them each node's state is a third smaller, so the OD matrix's
  /// searches keep more of the graph in the cache.
  enum class PathCounts { kept, skipped };

  explicit QuickestSearch(const RoadGraph& graph, PathCounts counts = PathCounts::kept);
  explicit QuickestSearch(RoadGraph&&) = delete;  // the graph is borrowed: it must outlive the search

  /// Searches from `source`. With `targets`, stops as soon as all of them are settled; with a
  /// `time_limit_s`, settles only the nodes reached within it. Costs of nodes not settled are
  /// unknown and read as unreachable.
  void run(NodeId source, std::span<const NodeId> targets = {},
           double time_limit_s = std::numeric_limits<double>::infinity());
  /// Searches from all `sources` at once (each at time 0; distinct nodes): every node's cost is
  /// then that of its quickest path from any of them, and via() leads back to that one.
  void run_from_all(std::span<const NodeId> sources,
                    double time_limit_s = std::numeric_limits<double>::infinity());

  /// Time of the quickest path to a settled node; infinity for any other node.
  [[nodiscard]] double time_s(std::uint32_t node) const {
    return m_reach[node].slot == settled_mark ? m_reach[node].time_s : std::numeric_limits<double>::infinity();
  }
  /// Length of that path; infinity for nodes not settled.
  [[nodiscard]] double length_m(std::uint32_t node) const {
    return m_reach[node].slot == settled_mark ? m_path[node].length_m : std::numeric_limits<double>::infinity();
  }
  /// The edge the quickest path arrives by (invalid for the source and nodes not settled).
  [[nodiscard]] EdgeId via(std::uint32_t node) const {
    return m_reach[node].slot == settled_mark ? m_path[node].via : EdgeId::invalid();
  }
  /// The number of quickest paths to a settled node (σ in Brandes's notation; every equally
  /// quick path counts, whatever its length); 0 for any other node. Only for a search that
  /// keeps path counts.
  [[nodiscard]] double paths(std::uint32_t node) const {
    return m_reach[node].slot == settled_mark ? m_paths[node] : 0.0;
  }
  /// Nodes in the order they were settled, the source first: each after every node on its
  /// quickest paths (in time order, or bucket by bucket; see the class comment).
  [[nodiscard]] std::span<const std::uint32_t> settled() const { return m_order; }
  [[nodiscard]] const RoadGraph& graph() const { return m_graph; }
  /// A hint that the states of `node`'s neighbours will be read soon (their arcs should be
  /// fetched already: see RoadGraph::prefetch_arcs).
  void prefetch_neighbours(std::uint32_t node) const {
    for (const Arc& arc : m_graph.out_arcs(NodeId(node))) __builtin_prefetch(&m_reach[arc.head.value()]);
  }

private:
  static constexpr std::uint32_t unseen_mark = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t settled_mark = unseen_mark - 1;
  static constexpr std::uint32_t filed_mark = unseen_mark - 2;  ///< in a bucket (or several)

  struct HeapItem {
    double time_s;
    std::uint32_t node;
  };

  [[nodiscard]] bool counting() const { return !m_paths.empty(); }
  void reset();
  void start_at(NodeId source);
  void settle_all(std::size_t targets_left, double time_limit_s);
  void settle_by_buckets(std::size_t targets_left, double time_limit_s);
  /// Settles node `v` (its time is final) and offers its arcs; false once the last target is settled.
  bool settle(std::uint32_t v, std::size_t& targets_left);
  void file(std::uint32_t node, double time_s);
  [[nodiscard]] std::uint64_t next_filed_bucket() const;
  [[nodiscard]] std::size_t ring_place(std::uint64_t bucket) const { return bucket & (m_buckets.size() - 1); }
  void empty_current_bucket();
  void push_or_decrease(std::uint32_t node, double time_s);
  std::uint32_t pop();
  void sift_up(std::size_t at, HeapItem item);
  void sift_down(std::size_t at, HeapItem item);

  /// What every arc into a node reads: its time so far and where it is in the heap. Kept apart
  /// from the rest, 16 bytes a node, as the search waits on memory: most arcs lead to nodes
  /// reached quicker already and read no more than this.
  struct Reach {
    double time_s = std::numeric_limits<double>::infinity();
    std::uint32_t slot = unseen_mark;  ///< position in the heap, or one of the marks
  };
  /// The rest of a node's state, read and written only when an arc offers as quick a path.
  /// Meaningful only for nodes reached in the current run (a run does not clear it).
  struct PathState {
    double length_m;
    EdgeId via;
  };

  const RoadGraph& m_graph;
  std::vector<Reach> m_reach;
  std::vector<PathState> m_path;
  std::vector<double> m_paths;  ///< per node, when counted (else empty)
  std::vector<HeapItem> m_heap;
  /// Buckets of time m_bucket_s wide (0: the heap alone is used), a ring: bucket b of the run
  /// is m_buckets[b % size], as no node is ever filed more than size - 1 buckets ahead.
  /// The size is a power of two.
  double m_bucket_s = 0.0;
  /// Per node, when some arcs are shorter than a bucket: whether one of them leads to it.
  std::vector<char> m_short_arc_head;
  bool m_settling_bucket = false;  ///< m_bucket is being settled: nodes filed in it go to the heap
  std::vector<std::vector<std::uint32_t>> m_buckets;
  std::uint64_t m_bucket = 0;  ///< the bucket being settled
  std::size_t m_filed = 0;     ///< entries in the buckets
  std::vector<std::uint64_t> m_in_use;  ///< a bit per bucket of the ring: set while it has entries
  std::vector<std::uint32_t> m_touched;  ///< nodes given a cost this run, to reset
  std::vector<std::uint32_t> m_order;
  std::vector<char> m_is_target;
};

}  // namespace cx::network
