#include "cx/network/quickest_search.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace cx::network {
namespace {
constexpr std::size_t arity = 4;  // shallower than a binary heap: fewer cache misses per pop

// Buckets are a little narrower than the arcs counted long, so that such an arc always leads
// to a later bucket even after rounding; and there are at most this many.
constexpr double bucket_margin = 1.001;
constexpr std::size_t most_buckets = 4096;
// Arcs quicker than the quickest are counted short only where the quickest 1 in 64 are this
// much quicker than the rest: each node a short arc leads to goes through the heap, which
// costs more than narrower buckets save unless they would be several times narrower.
constexpr double few_quicker = 4.0;
}  // namespace

QuickestSearch::QuickestSearch(const RoadGraph& graph, PathCounts counts)
    : m_graph(graph),
      m_reach(graph.node_count()),
      m_path(graph.node_count()),
      m_paths(counts == PathCounts::kept ? graph.node_count() : 0),
      m_is_target(graph.node_count(), 0) {
  const double least = graph.least_arc_time_s();
  const double greatest = graph.greatest_arc_time_s();
  if (!(least > 0.0) || !std::isfinite(greatest)) return;  // the heap alone
  // Arcs this long or longer lead a bucket further: all of them, unless the quickest few are
  // far quicker than the rest (see the class comment); and no more buckets than most_buckets.
  const double quick = graph.quick_arc_time_s();
  // (most_buckets - 3 widths span the slowest arc: one to spare for rounding.)
  const double long_arc_s = std::max(quick > few_quicker * least ? quick : least,
                                     greatest * bucket_margin / static_cast<double>(most_buckets - 3));
  m_bucket_s = long_arc_s / bucket_margin;
  // A power of two (a bucket's place in the ring is then a mask, not a division), and a whole
  // number of 64-bucket words for the map of buckets in use.
  const auto needed = static_cast<std::size_t>(std::ceil(greatest / m_bucket_s)) + 2;
  m_buckets.resize(std::bit_ceil(std::max<std::size_t>(needed, 64)));
  m_in_use.assign(m_buckets.size() / 64, 0);
  if (least >= long_arc_s) return;  // no short arcs: every node is settled as it comes
  // The nodes a short arc leads to: they may be reached within the bucket of the arc's tail.
  m_short_arc_head.assign(graph.node_count(), 0);
  for (std::uint32_t v = 0; v < graph.node_count(); ++v) {
    for (const Arc& arc : graph.out_arcs(NodeId(v))) {
      if (arc.time_s < long_arc_s) m_short_arc_head[arc.head.value()] = 1;
    }
  }
}

void QuickestSearch::reset() {
  // After a search that reached much of the graph, clearing the whole array front to back is
  // quicker than visiting the touched nodes in the scattered order they were found. Path states
  // are left as they are: each is written whole when its node is first reached, before any read.
  if (m_touched.size() > m_reach.size() / 8) {
    std::fill(m_reach.begin(), m_reach.end(), Reach{});
  } else {
    for (const std::uint32_t v : m_touched) m_reach[v] = Reach{};
  }
  m_touched.clear();
  m_order.clear();
  m_heap.clear();
  // A run stopped early leaves some buckets filled.
  for (std::size_t word = 0; word < m_in_use.size(); ++word) {
    for (std::uint64_t bits = m_in_use[word]; bits != 0; bits &= bits - 1) {
      m_buckets[word * 64 + static_cast<std::size_t>(std::countr_zero(bits))].clear();
    }
    m_in_use[word] = 0;
  }
  m_filed = 0;
  m_bucket = 0;
  m_settling_bucket = false;
}

void QuickestSearch::run(NodeId source, std::span<const NodeId> targets, double time_limit_s) {
  reset();
  std::size_t targets_left = 0;
  for (const NodeId t : targets) {
    if (!m_is_target[t.value()]) ++targets_left;
    m_is_target[t.value()] = 1;
  }
  start_at(source);
  settle_all(targets_left, time_limit_s);
  for (const NodeId t : targets) m_is_target[t.value()] = 0;
}

void QuickestSearch::run_from_all(std::span<const NodeId> sources, double time_limit_s) {
  reset();
  for (const NodeId s : sources) start_at(s);
  settle_all(0, time_limit_s);
}

void QuickestSearch::start_at(NodeId source) {
  const std::uint32_t s = source.value();
  m_touched.push_back(s);
  m_reach[s].time_s = 0.0;
  m_path[s] = PathState{.length_m = 0.0, .via = EdgeId::invalid()};
  if (counting()) m_paths[s] = 1.0;
  file(s, 0.0);
}

void QuickestSearch::file(std::uint32_t node, double time_s) {
  if (m_bucket_s == 0.0) {
    push_or_decrease(node, time_s);
    return;
  }
  const auto bucket = static_cast<std::uint64_t>(time_s / m_bucket_s);
  // Reached by a short arc within the bucket being settled: ordered by the heap.
  if (!m_short_arc_head.empty() && bucket == m_bucket && m_settling_bucket) {
    push_or_decrease(node, time_s);
    return;
  }
  m_reach[node].slot = filed_mark;
  const std::size_t at = ring_place(bucket);
  m_buckets[at].push_back(node);
  m_in_use[at / 64] |= std::uint64_t{1} << (at % 64);
  ++m_filed;
}

// The next bucket with nodes filed in it, from the current one on: found in the map of buckets
// in use a word (64 buckets) at a time, since a search may pass many empty buckets, for
// instance where the quickest arc is a hundredth of the usual one. Only while m_filed > 0.
std::uint64_t QuickestSearch::next_filed_bucket() const {
  const std::size_t at = ring_place(m_bucket);
  std::size_t word = at / 64;
  std::uint64_t first_of_word = m_bucket - at % 64;  // the bucket of the word's lowest bit
  std::uint64_t bits = m_in_use[word] & (~std::uint64_t{0} << (at % 64));
  while (bits == 0) {  // ends: filed buckets lie within one turn of the ring
    word = word + 1 == m_in_use.size() ? 0 : word + 1;
    first_of_word += 64;
    bits = m_in_use[word];
  }
  return first_of_word + static_cast<std::uint64_t>(std::countr_zero(bits));
}

// Takes the nodes out of the bucket being settled (the caller has read them).
void QuickestSearch::empty_current_bucket() {
  const std::size_t at = ring_place(m_bucket);
  m_filed -= m_buckets[at].size();
  m_buckets[at].clear();
  m_in_use[at / 64] &= ~(std::uint64_t{1} << (at % 64));
}

// Settles nodes until none is left, the time limit is passed, or the last of `targets_left`
// marked targets is settled (0: no targets, settle everything).
void QuickestSearch::settle_all(std::size_t targets_left, double time_limit_s) {
  if (m_bucket_s != 0.0) {
    settle_by_buckets(targets_left, time_limit_s);
    return;
  }
  while (!m_heap.empty() && m_heap.front().time_s <= time_limit_s) {
    const std::uint32_t v = pop();
    // The search waits on memory, not arithmetic: each node's arcs and its neighbours' states
    // are read once per search, in an order the hardware cannot predict. So the arcs are
    // fetched when a node is found (it is settled some hundreds of nodes later), and the
    // neighbours' states of the next node to settle while this one's arcs are relaxed.
    if (!m_heap.empty()) prefetch_neighbours(m_heap.front().node);
    if (!settle(v, targets_left)) return;
  }
}

// Bucket by bucket. A node that no short arc leads to has its final time once its bucket is
// the lowest in use (every arc into it leads a bucket further), and is settled as it comes, in
// the order it was filed. The others may still be reached quicker from their own bucket, by a
// short arc: they go into the heap, which then holds nodes of this bucket alone, and are
// settled in time order once the rest of the bucket is.
void QuickestSearch::settle_by_buckets(std::size_t targets_left, double time_limit_s) {
  // The limit as a bucket, found the way nodes are filed: the start of the limit's own bucket,
  // worked out in floating point, may come to more than the limit itself.
  const double last_bucket = std::floor(time_limit_s / m_bucket_s);  // infinity without a limit
  while (m_filed > 0) {
    m_bucket = next_filed_bucket();
    if (static_cast<double>(m_bucket) > last_bucket) return;
    m_settling_bucket = true;
    // Nodes reached meanwhile within this bucket go to the heap: `bucket` does not grow.
    const std::vector<std::uint32_t>& bucket = m_buckets[ring_place(m_bucket)];
    for (std::size_t i = 0; i < bucket.size(); ++i) {
      const std::uint32_t v = bucket[i];
      // Stale (filed again, quicker: settled already, or in the heap) or past the limit.
      if (m_reach[v].slot != filed_mark || m_reach[v].time_s > time_limit_s) continue;
      if (!m_short_arc_head.empty() && m_short_arc_head[v]) {
        push_or_decrease(v, m_reach[v].time_s);
        continue;
      }
      m_reach[v].slot = settled_mark;
      if (i + 1 < bucket.size()) prefetch_neighbours(bucket[i + 1]);
      if (!settle(v, targets_left)) return;
    }
    empty_current_bucket();
    while (!m_heap.empty()) {
      if (m_heap.front().time_s > time_limit_s) return;  // and so is every later node
      const std::uint32_t v = pop();
      if (!m_heap.empty()) prefetch_neighbours(m_heap.front().node);
      if (!settle(v, targets_left)) return;
    }
    m_settling_bucket = false;
  }
}

bool QuickestSearch::settle(std::uint32_t v, std::size_t& targets_left) {
  m_order.push_back(v);
  if (m_is_target[v] && --targets_left == 0) return false;
  const double time_v = m_reach[v].time_s;
  const double length_v = m_path[v].length_m;
  const double paths_v = counting() ? m_paths[v] : 0.0;
  const auto arcs = m_graph.out_arcs(NodeId(v));
  const auto lengths = m_graph.out_lengths(NodeId(v));
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    const Arc& arc = arcs[a];
    const std::uint32_t w = arc.head.value();
    Reach& reach = m_reach[w];
    const double t = time_v + arc.time_s;
    // Most arcs lead to nodes already reached quicker, settled ones among them: the time
    // test alone turns those away, one hard-to-predict branch where two were taken.
    if (t > reach.time_s * (1.0 + equally_quick_share) || reach.slot == settled_mark) continue;
    const double l = length_v + lengths[a];
    PathState& to = m_path[w];
    if (!equally_quick(t, reach.time_s)) {  // quicker (the test above let through no slower)
      if (reach.slot == unseen_mark) {
        m_touched.push_back(w);
        m_graph.prefetch_arcs(NodeId(w));
      }
      reach.time_s = t;
      to.length_m = l;
      if (counting()) m_paths[w] = paths_v;
      to.via = arc.edge;
      file(w, t);
    } else {  // as quick: one more path; the shorter one is kept
      if (counting()) m_paths[w] += paths_v;
      if (l < to.length_m) {
        to.length_m = l;
        to.via = arc.edge;
      }
    }
  }
  return true;
}

void QuickestSearch::push_or_decrease(std::uint32_t node, double time_s) {
  if (m_reach[node].slot >= filed_mark) {  // not in the heap: unseen, or filed in a bucket
    m_heap.push_back({});
    sift_up(m_heap.size() - 1, {time_s, node});
  } else {
    sift_up(m_reach[node].slot, {time_s, node});
  }
}

std::uint32_t QuickestSearch::pop() {
  const std::uint32_t top = m_heap.front().node;
  m_reach[top].slot = settled_mark;
  const HeapItem last = m_heap.back();
  m_heap.pop_back();
  if (!m_heap.empty()) sift_down(0, last);
  return top;
}

void QuickestSearch::sift_up(std::size_t at, HeapItem item) {
  while (at > 0) {
    const std::size_t parent = (at - 1) / arity;
    if (m_heap[parent].time_s <= item.time_s) break;
    m_heap[at] = m_heap[parent];
    m_reach[m_heap[at].node].slot = static_cast<std::uint32_t>(at);
    at = parent;
  }
  m_heap[at] = item;
  m_reach[item.node].slot = static_cast<std::uint32_t>(at);
}

void QuickestSearch::sift_down(std::size_t at, HeapItem item) {
  const std::size_t size = m_heap.size();
  while (true) {
    const std::size_t first = at * arity + 1;
    if (first >= size) break;
    // The least child, the first of equals; chosen by selects rather than jumps, since which
    // child is least is a coin toss the branch predictor would lose half the time.
    std::size_t best = first;
    double best_time = m_heap[first].time_s;
    const std::size_t end = std::min(first + arity, size);
    for (std::size_t c = first + 1; c < end; ++c) {
      const double time = m_heap[c].time_s;
      const bool less = time < best_time;
      best = less ? c : best;
      best_time = less ? time : best_time;
    }
    if (best_time >= item.time_s) break;
    m_heap[at] = m_heap[best];
    m_reach[m_heap[at].node].slot = static_cast<std::uint32_t>(at);
    at = best;
  }
  m_heap[at] = item;
  m_reach[item.node].slot = static_cast<std::uint32_t>(at);
}

}  // namespace cx::network
