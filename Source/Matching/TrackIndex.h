#pragma once

#include "Core/Error.h"
#include "Library/Track.h"
#include "Matching/FeatureSpace.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

namespace moodboard::matching
{

/** An hnswlib index of the catalog's matchable tracks in the FeatureSpace, keyed by track id.

    Persisted as two files: the hnswlib graph and a small JSON description beside it (feature
    space version, catalog generation, size and checksum of the graph). load() refuses a graph
    that is missing, truncated, altered or of another version, so the caller rebuilds it.
    Not thread-safe: one owner thread at a time.
*/
class TrackIndex final
{
public:
    TrackIndex();
    ~TrackIndex();

    /** Builds a fresh index from these tracks; tracks that are not matchable are left out. */
    void build (const std::vector<library::Track>& tracks, std::int64_t catalogGeneration);

    struct SyncReport
    {
        int added = 0, updated = 0, removed = 0;
    };

    /** Brings the index in line with the catalog's tracks without rebuilding it: adds new
        tracks, replaces the vector of re-analysed ones, and marks vanished or unmatchable ones
        deleted (hnswlib keeps their slot; a rebuild reclaims it). Builds when empty. */
    SyncReport sync (const std::vector<library::Track>& tracks, std::int64_t catalogGeneration);

    /** Loads a saved index; an error says why it cannot be used (the caller then rebuilds). */
    [[nodiscard]] Expected<void> load (const std::filesystem::path& file);

    /** Saves the index and its description; a crash leaves the previous files intact. */
    [[nodiscard]] Expected<void> save (const std::filesystem::path& file) const;

    /** Whether a track id is in the index and not deleted. */
    [[nodiscard]] bool contains (std::int64_t id) const;

    /** Ids of up to k tracks nearest to the query, nearest first. */
    [[nodiscard]] std::vector<std::int64_t> nearest (const FeatureSpace::Vector& query,
                                                     int k) const;

    /** Live (not deleted) tracks. */
    [[nodiscard]] int size() const;
    [[nodiscard]] std::int64_t getCatalogGeneration() const { return catalogGeneration; }

private:
    struct Graph;
    std::unique_ptr<Graph> graph;
    std::int64_t catalogGeneration = -1;
};

} // namespace moodboard::matching
