#include "cx/network/quickest_search.hpp"

#include <algorithm>
#include <cmath>

namespace cx::network {
namespace {
constexpr std::size_t arity = 4;  // shallower than a binary heap: fewer cache misses per pop

// Buckets are a little narrower than the quickest arc, so that an arc always leads to a later
// bucket even after rounding; and there are at most this many (beyond, the heap is used).
constexpr double bucket_margin = 1.001;
constexpr std::size_t most_buckets = 4096;
}  // namespace

QuickestSearch::QuickestSearch(const RoadGraph& graph, PathCounts counts)
    : m_graph(graph),
      m_reach(graph.node_count()),
      m_path(graph.node_count()),
      m_paths(counts == PathCounts::kept ? graph.node_count() : 0),
      m_is_target(graph.node_count(), 0) {
  const double least = graph.least_arc_time_s();
  const double greatest = graph.greatest_arc_time_s();
  if (least > 0.0 && greatest / least * bucket_margin + 2.0 <= static_cast<double>(most_buckets)) {
    m_bucket_s = least / bucket_margin;
    m_buckets.resize(static_cast<std::size_t>(std::ceil(greatest / m_bucket_s)) + 2);
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
  for (auto& bucket : m_buckets) bucket.clear();  // a run stopped early leaves some filled
  m_filed = 0;
  m_bucket = 0;
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
  m_reach[node].slot = 0;  // queued
  const auto bucket = static_cast<std::uint64_t>(time_s / m_bucket_s);
  m_buckets[bucket % m_buckets.size()].push_back(node);
  ++m_filed;
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

// The nodes of the lowest bucket in use all have their final times: each arc leads at least a
// bucket further. So they are settled as they come, bucket after bucket.
void QuickestSearch::settle_by_buckets(std::size_t targets_left, double time_limit_s) {
  for (; m_filed > 0; ++m_bucket) {
    std::vector<std::uint32_t>& bucket = m_buckets[m_bucket % m_buckets.size()];
    if (bucket.empty()) continue;
    if (static_cast<double>(m_bucket) * m_bucket_s > time_limit_s) return;
    // Settling files nodes in later buckets only: `bucket` does not grow meanwhile.
    for (std::size_t i = 0; i < bucket.size(); ++i) {
      const std::uint32_t v = bucket[i];
      --m_filed;
      // Stale (the node was filed again, quicker) or past the limit: left as it is.
      if (m_reach[v].slot == settled_mark || m_reach[v].time_s > time_limit_s) continue;
      m_reach[v].slot = settled_mark;
      if (i + 1 < bucket.size()) prefetch_neighbours(bucket[i + 1]);
      if (!settle(v, targets_left)) return;
    }
    bucket.clear();
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
    if (t > reach.time_s || reach.slot == settled_mark) continue;
    const double l = length_v + lengths[a];
    PathState& to = m_path[w];
    if (t < reach.time_s) {
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
  if (m_reach[node].slot == unseen_mark) {
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
