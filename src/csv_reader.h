// Reading CSV files, plain or gzip-compressed (zlib reads both), into rows of fields.
// Quoted fields may hold commas, doubled quotes and line breaks. Private to src/.
#ifndef ORGKG_SRC_CSV_READER_H_
#define ORGKG_SRC_CSV_READER_H_

#include <filesystem>
#include <string>
#include <vector>

#include "orgkg/status.h"

namespace orgkg::internal {

using CsvRow = std::vector<std::string>;

// The whole file's rows, the header first. kIo when it cannot be read; kInvalidInput
// (naming the file and line) for an unterminated quoted field.
Result<std::vector<CsvRow>> read_csv(const std::filesystem::path& file);

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_CSV_READER_H_
