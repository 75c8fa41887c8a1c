#pragma once

#include "Audio/Features.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace moodboard::library
{

/** One audio file of the user's library as the catalog knows it. */
struct Track
{
    std::int64_t id = 0;             // catalog row id; 0 before it is stored
    std::string path;                // absolute, UTF-8
    std::int64_t fileSize = 0;
    std::int64_t modifiedTime = 0;   // seconds since the epoch
    std::string title;               // from tags, else the file name without extension
    std::string artist;
    std::string album;
    std::string genre;
    std::string isrc;
    audio::Features features;
    int analysisVersion = 0;
    std::string error;               // why analysis failed; empty when it succeeded

    [[nodiscard]] bool isAnalysed() const { return error.empty() && analysisVersion > 0; }
};

} // namespace moodboard::library

namespace moodboard::library
{
/** The track as `moodboard analyze --json` prints it: path, tags, every feature (null where
    unknown) and `error` (null when the analysis succeeded). */
void to_json (nlohmann::json&, const Track&);
} // namespace moodboard::library
