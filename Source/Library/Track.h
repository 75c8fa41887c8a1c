#pragma once

#include "Audio/Features.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace moodboard::library
{

/** ReplayGain values embedded in a file's tags (ID3v2 TXXX, Vorbis comments, APE); each is
    empty when the file does not carry it. Gains in dB, peaks as linear sample values (1.0 = full
    scale). */
struct ReplayGain
{
    std::optional<double> trackGainDb;
    std::optional<double> trackPeak;
    std::optional<double> albumGainDb;
    std::optional<double> albumPeak;

    [[nodiscard]] bool isEmpty() const
    {
        return ! trackGainDb && ! trackPeak && ! albumGainDb && ! albumPeak;
    }

    bool operator== (const ReplayGain&) const = default;
};

/** One audio file of the user's library as the catalog knows it. */
struct Track
{
    std::int64_t id = 0;             // catalog row id; 0 before it is stored
    std::string path;                // absolute, UTF-8
    std::int64_t fileSize = 0;
    std::int64_t modifiedTime = 0;   // seconds since the epoch
    std::string contentHash;         // computeContentHash(); empty when not known yet
    std::string title;               // from tags, else the file name without extension
    std::string artist;
    std::string album;
    std::string genre;
    std::string isrc;
    int year = 0;                    // release year from tags; 0 when unknown
    ReplayGain replayGain;
    audio::Features features;
    int analysisVersion = 0;
    std::string error;               // why analysis failed; empty when it succeeded

    [[nodiscard]] bool isAnalysed() const { return error.empty() && analysisVersion > 0; }
};

} // namespace moodboard::library

namespace moodboard::library
{
/** The track as `moodboard analyze --json` prints it: path, tags (`year` null when unknown,
    `replaygain` with null for each value the file does not carry), every feature (null where
    unknown) and `error` (null when the analysis succeeded). */
void to_json (nlohmann::json&, const Track&);
} // namespace moodboard::library
