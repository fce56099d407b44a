// The RapidJSON headers orgkg uses, included in one place. RapidJSON types never appear
// in public headers. Private to src/.
#ifndef ORGKG_SRC_RAPIDJSON_ALL_H_
#define ORGKG_SRC_RAPIDJSON_ALL_H_

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/pointer.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#endif  // ORGKG_SRC_RAPIDJSON_ALL_H_
