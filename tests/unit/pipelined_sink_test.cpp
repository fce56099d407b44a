// PipelinedSink: items reach the target in order, a refusal stops the reader, and what
// the target throws comes back to the reader's thread.
#include "pipelined_sink.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace orgkg::internal {
namespace {

// Records what it is given; refuses, or throws, at the fact numbered `stop_at`.
class RecordingSink final : public ItemSink {
 public:
  enum class Stop { kNever, kRefuse, kThrow };
  explicit RecordingSink(Stop stop = Stop::kNever, std::size_t stop_at = 0)
      : stop_(stop), stop_at_(stop_at) {}

  bool on_source(const Source& source) override {
    sources.push_back(source.id);
    return true;
  }
  bool on_entity(const Entity& entity) override {
    entities.push_back(entity.id.value);
    return true;
  }
  bool on_fact(const Fact& fact) override {
    facts.push_back(fact.subject.value);
    if (stop_ != Stop::kNever && facts.size() == stop_at_) {
      if (stop_ == Stop::kThrow) throw std::runtime_error("target failed");
      return false;
    }
    return true;
  }

  std::vector<std::string> sources;
  std::vector<std::string> entities;
  std::vector<std::string> facts;

 private:
  const Stop stop_;
  const std::size_t stop_at_;
};

Fact numbered_fact(std::size_t i) {
  Fact fact;
  fact.subject.value = "s" + std::to_string(i);
  return fact;
}

constexpr std::size_t kMany = 50000;  // many batches, more than are ever in flight

TEST_CASE("a pipelined sink hands every item over, each kind in its order") {
  RecordingSink target;
  {
    PipelinedSink sink(target);
    for (std::size_t i = 0; i < kMany; ++i) {
      if (i % 100 == 0) {
        Source source;
        source.id = "src" + std::to_string(i);
        REQUIRE(sink.on_source(source));
        Entity entity;
        entity.id.value = "e" + std::to_string(i);
        REQUIRE(sink.on_entity(entity));
      }
      REQUIRE(sink.on_fact(numbered_fact(i)));
    }
    CHECK(sink.finish());
  }
  REQUIRE(target.facts.size() == kMany);
  for (std::size_t i = 0; i < kMany; ++i) REQUIRE(target.facts[i] == "s" + std::to_string(i));
  REQUIRE(target.sources.size() == kMany / 100);
  for (std::size_t i = 0; i < target.sources.size(); ++i) {
    CHECK(target.sources[i] == "src" + std::to_string(i * 100));
    CHECK(target.entities[i] == "e" + std::to_string(i * 100));
  }
}

TEST_CASE("a pipelined sink left without finish() still hands everything over") {
  RecordingSink target;
  {
    PipelinedSink sink(target);
    for (std::size_t i = 0; i < 10; ++i) REQUIRE(sink.on_fact(numbered_fact(i)));
  }
  CHECK(target.facts.size() == 10);
}

TEST_CASE("once the target refuses an item, the reader is told and nothing more is given") {
  constexpr std::size_t kRefused = 5000;
  RecordingSink target(RecordingSink::Stop::kRefuse, kRefused);
  PipelinedSink sink(target);
  std::size_t accepted = 0;
  while (accepted < kMany && sink.on_fact(numbered_fact(accepted))) ++accepted;
  CHECK(accepted < kMany);  // the reader stopped early
  CHECK_FALSE(sink.finish());
  CHECK(target.facts.size() == kRefused);  // the refused fact was the last given
}

TEST_CASE("what the target throws is thrown again by finish()") {
  RecordingSink target(RecordingSink::Stop::kThrow, 3000);
  PipelinedSink sink(target);
  for (std::size_t i = 0; i < kMany; ++i) {
    if (!sink.on_fact(numbered_fact(i))) break;
  }
  CHECK_THROWS_WITH_AS(sink.finish(), "target failed", std::runtime_error);
  CHECK(target.facts.size() == 3000);
}

}  // namespace
}  // namespace orgkg::internal
