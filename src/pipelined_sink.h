// An ItemSink that hands items to another sink running on a second thread, in batches,
// so that reading documents (one core) and building the graph (the other) overlap. The
// order of the items of each kind is kept (sources among sources, entities among
// entities, facts among facts), which is all a KnowledgeGraph's build depends on. Private
// to src/.
#ifndef ORGKG_SRC_PIPELINED_SINK_H_
#define ORGKG_SRC_PIPELINED_SINK_H_

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "document_stream.h"

namespace orgkg::internal {

class PipelinedSink final : public ItemSink {
 public:
  // Starts the thread that feeds `target`. REQUIRES: `target` outlives finish().
  explicit PipelinedSink(ItemSink& target);
  // Not copyable: owns a thread.
  PipelinedSink(const PipelinedSink&) = delete;
  PipelinedSink& operator=(const PipelinedSink&) = delete;
  // Calls finish() if it was not called.
  ~PipelinedSink() override;

  // Copy the item into the batch being filled; false once `target` has refused one.
  bool on_source(const Source& source) override;
  bool on_entity(const Entity& entity) override;
  bool on_fact(const Fact& fact) override;

  // Hands over what is left, waits until `target` has taken everything, and says
  // whether it took every item (false: it refused one, and the rest were dropped).
  // Rethrows what `target` threw. Call once.
  bool finish();

 private:
  struct Batch {
    std::vector<Source> sources;
    std::vector<Entity> entities;
    std::vector<Fact> facts;  // the first `fact_count` are this batch's, the rest spare
    std::size_t fact_count = 0;
    std::size_t size() const { return sources.size() + entities.size() + fact_count; }
  };
  static constexpr std::size_t kBatchItems = 2048;
  static constexpr std::size_t kBatchesInFlight = 4;

  // Queues the batch being filled (waiting while kBatchesInFlight are queued) and takes
  // an empty one. False once the target has refused an item.
  bool hand_over();
  void run_target();

  ItemSink& target_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> full_;    // to the target, in order
  std::vector<std::unique_ptr<Batch>> spare_;  // emptied batches, their objects kept
  bool done_ = false;                          // no more batches will come
  bool refused_ = false;                       // the target refused an item
  std::exception_ptr error_;
  std::unique_ptr<Batch> filling_;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_PIPELINED_SINK_H_
