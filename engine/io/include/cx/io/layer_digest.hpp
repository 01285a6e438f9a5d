#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cx/io/vector_reader.hpp"

namespace cx::io {

/// SHA-256 (FIPS 180-4, through OpenSSL), fed in pieces.
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  /// The digest as 64 lowercase hex digits; the object is spent afterwards.
  [[nodiscard]] std::string hex_digest();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

/// SHA-256 of a file's bytes. Throws cx::IoError naming the file when it cannot be read.
[[nodiscard]] std::string file_sha256(const std::string& path);

/// A fingerprint of a layer's content as read: SHA-256 over its field names and kinds, then per
/// feature (in FID order) its FID, its values (each tagged with its type) and its geometry as
/// 2D ISO WKB, then the number of features. The same data gives the same digest whatever the
/// file around it; any change to a value, a vertex or the feature set changes it. (The CRS is
/// recorded beside it, not in it.)
[[nodiscard]] std::string layer_digest(const RawLayer& layer);

/// The same fingerprint taken as a layer is read in chunks (in FID order): chunk by chunk it
/// gives what layer_digest gives for the whole layer.
class LayerDigest {
public:
  explicit LayerDigest(const std::vector<SourceField>& fields);
  void add(const std::vector<RawFeature>& features);
  /// The digest as 64 lowercase hex digits; the object is spent afterwards.
  [[nodiscard]] std::string finish();

private:
  Sha256 m_hash;
  std::uint64_t m_count = 0;
};

}  // namespace cx::io
