// 64-bit hashes of bytes for detecting change and damage (XXH3 from libxxhash): not for
// security. The one place that includes xxhash.h. Private to src/.
#ifndef ORGKG_SRC_CONTENT_HASH_H_
#define ORGKG_SRC_CONTENT_HASH_H_

#include <xxhash.h>

#include <cstdint>
#include <memory>
#include <string_view>

namespace orgkg::internal {

inline std::uint64_t hash_bytes(std::string_view bytes) {
  return XXH3_64bits(bytes.data(), bytes.size());
}

// The hash of bytes given in pieces: the same as hash_bytes() of them all at once.
class ContentHash {
 public:
  ContentHash() : state_(XXH3_createState()) { XXH3_64bits_reset(state_.get()); }
  void update(std::string_view bytes) {
    XXH3_64bits_update(state_.get(), bytes.data(), bytes.size());
  }
  std::uint64_t digest() const { return XXH3_64bits_digest(state_.get()); }

 private:
  struct Free {
    void operator()(XXH3_state_t* state) const noexcept { XXH3_freeState(state); }
  };
  std::unique_ptr<XXH3_state_t, Free> state_;
};

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_CONTENT_HASH_H_
