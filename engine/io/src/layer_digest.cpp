#include "cx/io/layer_digest.hpp"

#include <openssl/evp.h>

#include <bit>
#include <fstream>
#include <vector>
#include <cstdint>
#include <variant>

#include "cx/core/error.hpp"

namespace cx::io {

struct Sha256::Impl {
  EVP_MD_CTX* ctx = nullptr;
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>()) {
  m_impl->ctx = EVP_MD_CTX_new();
  if (m_impl->ctx == nullptr || EVP_DigestInit_ex(m_impl->ctx, EVP_sha256(), nullptr) != 1) {
    throw InternalError("SHA-256: OpenSSL could not start a digest");
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(m_impl->ctx); }

void Sha256::update(const void* data, std::size_t size) {
  if (size > 0 && EVP_DigestUpdate(m_impl->ctx, data, size) != 1) throw InternalError("SHA-256: update failed");
}

std::string Sha256::hex_digest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(m_impl->ctx, digest, &size) != 1) throw InternalError("SHA-256: final failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0F];
  }
  return out;
}

namespace {

static_assert(std::endian::native == std::endian::little, "digests are of little-endian numbers");

template <typename T>
void number(Sha256& h, T value) {
  h.update(&value, sizeof value);
}

// Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
void text(Sha256& h, std::string_view s) {
  number(h, static_cast<std::uint64_t>(s.size()));
  h.update(s);
}

void value(Sha256& h, const FieldValue& v) {
  number(h, static_cast<std::uint8_t>(v.index()));
  if (const auto* i = std::get_if<std::int64_t>(&v)) number(h, *i);
  if (const auto* d = std::get_if<double>(&v)) number(h, *d);
  if (const auto* s = std::get_if<std::string>(&v)) text(h, *s);
}

}  // namespace

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read the file", ErrorContext{.path = path});
  Sha256 h;
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    h.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw IoError("reading the file failed", ErrorContext{.path = path});
  return h.hex_digest();
}

LayerDigest::LayerDigest(const std::vector<SourceField>& fields) {
  number(m_hash, static_cast<std::uint64_t>(fields.size()));
  for (const auto& f : fields) {
    text(m_hash, f.name);
    number(m_hash, static_cast<std::uint8_t>(f.kind));
  }
}

void LayerDigest::add(const std::vector<RawFeature>& features) {
  for (const auto& f : features) {
    number(m_hash, static_cast<std::int64_t>(f.fid));
    for (const auto& v : f.values) value(m_hash, v);
    number(m_hash, static_cast<std::uint64_t>(f.wkb.size()));
    m_hash.update(f.wkb.data(), f.wkb.size());
  }
  m_count += features.size();
}

std::string LayerDigest::finish() {
  number(m_hash, m_count);
  return m_hash.hex_digest();
}

std::string layer_digest(const RawLayer& layer) {
  LayerDigest digest(layer.fields);
  digest.add(layer.features);
  return digest.finish();
}

}  // namespace cx::io
