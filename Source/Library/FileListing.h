#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace moodboard::library
{

/** An audio file as the listing saw it: the scanner's identity of a file before any analysis. */
struct FoundFile
{
    std::string path;                // absolute, normalised
    std::int64_t size = 0;
    std::int64_t modifiedTime = 0;   // seconds since the epoch
};

/** Lists the files below `roots` (and any root that is itself a file) whose lower-case
    extension is one of `extensions`, sorted by path, each path once. Follows links to folders and
    files (a library of links is common); skips what it may not read. Any thread.
*/
[[nodiscard]] std::vector<FoundFile>
    findAudioFiles (const std::vector<std::filesystem::path>& roots,
                    const std::vector<std::string>& extensions);

/** The modification time in whole seconds since the epoch; 0 with `ec` set on failure. Any
    thread. */
[[nodiscard]] std::int64_t modifiedSeconds (const std::filesystem::path& file, std::error_code& ec);

} // namespace moodboard::library
