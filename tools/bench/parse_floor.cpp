// The floor for loading a knowledge base: how long RapidJSON alone takes to parse the same
// bytes, with nothing built from them.
//
//   build/tools/orgkg_parse_floor [--runs=N] [--mode=dom|sax] FILE...
//
// For each run the files are read into memory first (not timed), then parsed: `dom`
// builds RapidJSON's DOM (Document::Parse, default flags: what a program that "just parses
// the JSON" does); `sax` runs the SAX reader with a handler that does nothing. Prints the
// best and median wall time of the runs and the bytes parsed; `dom` also reports the
// DOM's memory (the process's peak RSS, which includes the text).
#include <rapidjson/document.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read_all(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool parse_dom(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  return !document.HasParseError();
}

bool parse_sax(const std::string& text) {
  rapidjson::Reader reader;
  rapidjson::BaseReaderHandler<> nothing;
  rapidjson::MemoryStream stream(text.data(), text.size());
  return !reader.Parse(stream, nothing).IsError();
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::string mode = "dom";
  std::vector<const char*> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--runs=", 7) == 0) {
      runs = std::max(1, std::atoi(argv[i] + 7));
    } else if (std::strncmp(argv[i], "--mode=", 7) == 0) {
      mode = argv[i] + 7;
    } else {
      files.push_back(argv[i]);
    }
  }
  if (files.empty() || (mode != "dom" && mode != "sax")) {
    std::cerr << "usage: orgkg_parse_floor [--runs=N] [--mode=dom|sax] FILE...\n";
    return 2;
  }
  std::vector<double> seconds;
  std::size_t bytes = 0;
  for (int run = 0; run < runs; ++run) {
    double total = 0;
    bytes = 0;
    for (const char* file : files) {
      const std::string text = read_all(file);
      bytes += text.size();
      const auto started = std::chrono::steady_clock::now();
      const bool ok = mode == "dom" ? parse_dom(text) : parse_sax(text);
      total += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (!ok) {
        std::cerr << file << ": not JSON\n";
        return 1;
      }
    }
    seconds.push_back(total);
  }
  std::sort(seconds.begin(), seconds.end());
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "rapidjson %s parse of %zu bytes: best %.3f s, median %.3f s over %d runs; peak RSS %ld "
      "KiB\n",
      mode.c_str(), bytes, seconds.front(), seconds[seconds.size() / 2], runs, usage.ru_maxrss);
  return 0;
}
