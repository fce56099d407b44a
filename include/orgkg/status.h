// Status and Result<T>: how the library reports expected failures (bad input, missing
// files) without exceptions. A Status is a code and a one-line message; Result<T> holds
// either a value or a non-ok Status. Both are plain values, safe to copy and to share
// between threads once built.
#ifndef ORGKG_STATUS_H_
#define ORGKG_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace orgkg {

// What kind of failure a Status reports. The command line maps kInvalidInput and
// kUsage to exit code 2 and kIo to exit code 1.
enum class StatusCode {
  kOk,
  kInvalidInput,  // a document, date, name or argument that is wrong
  kNotFound,      // a named thing that does not exist (unknown entity, missing file)
  kIo,            // the environment failed: unreadable file, failed write, lock
};

class Status {
 public:
  Status() = default;
  static Status ok() { return Status(); }
  static Status invalid_input(std::string message) {
    return Status(StatusCode::kInvalidInput, std::move(message));
  }
  static Status not_found(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status io(std::string message) { return Status(StatusCode::kIo, std::move(message)); }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // One line, without a trailing newline; empty when ok.
  const std::string& message() const { return message_; }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value of type T or the Status that says why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.is_ok()
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).is_ok());
  }

  bool is_ok() const { return std::holds_alternative<T>(state_); }
  // REQUIRES: is_ok()
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  // The failure; an ok Status when there is a value.
  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace orgkg

#endif  // ORGKG_STATUS_H_
