#pragma once

#include <filesystem>

namespace moodboard
{

/** Where Music Moodboard keeps its files, following the XDG base directory specification.

    MOODBOARD_HOME, when set, puts everything under one folder (data/, config/, state/, cache/) so
    that tests and scripts can isolate a run. Folders are created on first use. Any thread.
*/
struct Paths
{
    [[nodiscard]] static std::filesystem::path dataDir();    // catalog, index
    [[nodiscard]] static std::filesystem::path configDir();  // settings
    [[nodiscard]] static std::filesystem::path stateDir();   // logs, saved playlists
    [[nodiscard]] static std::filesystem::path cacheDir();

    [[nodiscard]] static std::filesystem::path catalogFile()
    {
        return dataDir() / "catalog.sqlite";
    }
    [[nodiscard]] static std::filesystem::path indexFile() { return dataDir() / "features.hnsw"; }
};

} // namespace moodboard
