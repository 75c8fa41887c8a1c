#pragma once

#include "Core/Error.h"
#include "Library/Track.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace moodboard::library
{

/** The persistent catalog of analysed files, an SQLite database.

    Every change is its own transaction, so an interrupted scan keeps everything stored before it.
    A catalog written by an earlier version gains the newer columns when it is opened and keeps
    every row; one written by a newer version is refused.
    Thread-safe: calls are serialised by an internal mutex. Open one Catalog per process and file.
*/
class Catalog final
{
public:
    /** Opens or creates the catalog at `file`; a damaged file is reported, never overwritten. */
    [[nodiscard]] static Expected<std::unique_ptr<Catalog>>
        open (const std::filesystem::path& file);

    ~Catalog();

    /** Inserts or replaces the row with the same path; returns the row id. Any thread. */
    [[nodiscard]] Expected<std::int64_t> store (const Track& track);

    /** Stores many tracks in one transaction (imports, benchmarks); all or nothing. */
    [[nodiscard]] Expected<int> storeMany (const std::vector<Track>& tracks);

    /** Rewrites the rows with these tracks' ids, path included, in one transaction (all or
        nothing); a moved file keeps its row id, so the feature index stays valid. Fails when
        an id is not in the catalog or a new path is already taken. Any thread. */
    [[nodiscard]] Expected<int> updateMany (const std::vector<Track>& tracks);

    /** Removes the rows of these paths. */
    [[nodiscard]] Expected<int> forget (const std::vector<std::string>& paths);

    [[nodiscard]] std::optional<Track> findByPath (const std::string& path) const;
    [[nodiscard]] std::optional<Track> findById (std::int64_t id) const;

    /** Every row, in path order, the unreadable files' too (Track::isAnalysed tells them apart). */
    [[nodiscard]] std::vector<Track> getAllTracks() const;

    /** Rows whose path lies below `folder`, the unreadable files' too. */
    [[nodiscard]] std::vector<Track> getTracksUnder (const std::filesystem::path& folder) const;

    /** The tracks a playlist can use: rows whose analysis succeeded. A file that could not be
        read keeps a row (with its reason), so that it is not decoded again while unchanged, but
        it is not a track. Any thread. */
    [[nodiscard]] int getNumTracks() const;

    /** The rows of files that could not be read, in path order; `error` says why. Any thread. */
    [[nodiscard]] std::vector<Track> getUnreadableFiles() const;

    /** Bumped on every change; the feature index compares it to know when it is stale. */
    [[nodiscard]] std::int64_t getGeneration() const;

    [[nodiscard]] const std::filesystem::path& getFile() const { return file; }

private:
    struct Database;
    Catalog (std::filesystem::path, std::unique_ptr<Database>);
    [[nodiscard]] Expected<std::int64_t> storeLocked (const Track&);

    std::filesystem::path file;
    std::unique_ptr<Database> db;
    mutable std::mutex mutex;
};

} // namespace moodboard::library
