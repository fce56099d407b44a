// Checking that bytes are well-formed UTF-8 (the Unicode Standard's Table 3-7: no
// overlong forms, no surrogates, nothing above U+10FFFF), fast on ASCII, in pieces: a
// sequence may be split between two calls. Private to src/.
#ifndef ORGKG_SRC_UTF8_CHECK_H_
#define ORGKG_SRC_UTF8_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace orgkg::internal {

class Utf8Check {
 public:
  // Takes the next bytes; returns false (for good) once they are not well-formed.
  bool feed(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const unsigned char* const end = p + bytes.size();
    while (ok_ && p < end) {
      if (pending_ == 0) {
        // Eight bytes at a time while they are ASCII.
        while (end - p >= 8) {
          std::uint64_t word;
          std::memcpy(&word, p, sizeof word);
          if ((word & 0x8080808080808080ULL) != 0) break;
          p += 8;
        }
        if (p == end) break;
        start(*p++);
      } else {
        continuation(*p++);
      }
    }
    return ok_;
  }
  // Whether everything fed is well-formed and no sequence is left unfinished.
  bool complete() const { return ok_ && pending_ == 0; }

 private:
  void start(unsigned char byte) {
    if (byte < 0x80) return;
    low_ = 0x80;
    high_ = 0xBF;
    if (byte >= 0xC2 && byte <= 0xDF) {
      pending_ = 1;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      pending_ = 2;
      if (byte == 0xE0) low_ = 0xA0;   // no overlong forms
      if (byte == 0xED) high_ = 0x9F;  // no surrogates
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      pending_ = 3;
      if (byte == 0xF0) low_ = 0x90;   // no overlong forms
      if (byte == 0xF4) high_ = 0x8F;  // nothing above U+10FFFF
    } else {
      ok_ = false;
    }
  }
  void continuation(unsigned char byte) {
    if (byte < low_ || byte > high_) {
      ok_ = false;
      return;
    }
    low_ = 0x80;
    high_ = 0xBF;
    --pending_;
  }

  bool ok_ = true;
  int pending_ = 0;  // continuation bytes still expected
  unsigned char low_ = 0x80;
  unsigned char high_ = 0xBF;
};

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_UTF8_CHECK_H_
