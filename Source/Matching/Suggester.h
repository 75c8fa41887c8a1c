#pragma once

#include "Library/Catalog.h"
#include "Matching/Playlist.h"

#include <filesystem>

namespace moodboard::matching
{

/** Builds mood playlists from the catalog: finds candidates near the target through the
    persisted hnswlib feature index, orders them along the mood arc, and explains each pick.

    The index file is rebuilt when it is missing, damaged, from another feature-space version, or
    older than the catalog. Not thread-safe: use one Suggester per thread, or guard it.
*/
class Suggester final
{
public:
    Suggester (library::Catalog& catalog, std::filesystem::path indexFile);
    ~Suggester();

    /** The playlist for a target; an error only when the catalog has no analysed track or the
        index cannot be written. Any thread but the message or audio thread.
    */
    [[nodiscard]] Expected<Playlist> suggest (const mood::MoodTarget& target);

private:
    struct Index;
    library::Catalog& catalog;
    std::filesystem::path indexFile;
    std::unique_ptr<Index> index;
};

} // namespace moodboard::matching
