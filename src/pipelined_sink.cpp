#include "pipelined_sink.h"

#include <utility>

namespace orgkg::internal {

PipelinedSink::PipelinedSink(ItemSink& target)
    : target_(target), filling_(std::make_unique<Batch>()) {
  thread_ = std::thread([this] { run_target(); });
}

PipelinedSink::~PipelinedSink() {
  if (!finished_) {
    try {
      finish();
    } catch (...) {  // the caller chose not to hear it; the thread must still end
    }
  }
}

bool PipelinedSink::on_source(const Source& source) {
  filling_->sources.push_back(source);
  return filling_->size() < kBatchItems || hand_over();
}

bool PipelinedSink::on_entity(const Entity& entity) {
  filling_->entities.push_back(entity);
  return filling_->size() < kBatchItems || hand_over();
}

bool PipelinedSink::on_fact(const Fact& fact) {
  // Assigning into a spare Fact reuses its strings' and vectors' storage.
  Batch& batch = *filling_;
  if (batch.fact_count < batch.facts.size()) {
    batch.facts[batch.fact_count] = fact;
  } else {
    batch.facts.push_back(fact);
  }
  ++batch.fact_count;
  return batch.size() < kBatchItems || hand_over();
}

bool PipelinedSink::hand_over() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return full_.size() < kBatchesInFlight || refused_ || error_; });
  if (refused_ || error_) return false;
  full_.push_back(std::move(filling_));
  if (spare_.empty()) {
    filling_ = std::make_unique<Batch>();
  } else {
    filling_ = std::move(spare_.back());
    spare_.pop_back();
  }
  changed_.notify_all();
  return true;
}

void PipelinedSink::run_target() {
  for (;;) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return !full_.empty() || done_; });
      if (full_.empty()) return;  // done, and nothing left
      batch = std::move(full_.front());
      full_.pop_front();
      changed_.notify_all();
    }
    bool taken = true;
    try {
      for (const Source& source : batch->sources) taken = taken && target_.on_source(source);
      for (const Entity& entity : batch->entities) taken = taken && target_.on_entity(entity);
      for (std::size_t i = 0; i < batch->fact_count && taken; ++i) {
        taken = target_.on_fact(batch->facts[i]);
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex_);
      error_ = std::current_exception();
      changed_.notify_all();
      return;
    }
    batch->sources.clear();
    batch->entities.clear();
    batch->fact_count = 0;
    const std::lock_guard<std::mutex> lock(mutex_);
    spare_.push_back(std::move(batch));
    if (!taken) {
      refused_ = true;
      changed_.notify_all();
      return;
    }
  }
}

bool PipelinedSink::finish() {
  finished_ = true;
  const bool handed = filling_->size() == 0 || hand_over();
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
    changed_.notify_all();
  }
  thread_.join();
  if (error_) std::rethrow_exception(error_);
  return handed && !refused_;
}

}  // namespace orgkg::internal
