#pragma once

#include "Spotify/PushPlan.h"

#include <filesystem>

namespace moodboard::spotify
{

/** Where one push stands, written before it starts and after every step, so that a crash, a lost
    network or a quit resumes where it stopped with no duplicate and nothing missing. */
struct PushRecord
{
    enum class Stage
    {
        creating,  // about to create the playlist (it may exist if the answer was lost)
        adding,    // the playlist exists; `added` of the plan's uris are in it
        finishing, // every track is in; the cover and playback are left
        done
    };

    PushPlan plan;
    std::string planDigest;
    std::string pushId; // random; also written into the playlist's description
    std::string playlistId;
    std::string playlistUri;
    int added = 0;
    Stage stage = Stage::creating;
    std::int64_t startedAt = 0; // seconds since the epoch
    std::int64_t updatedAt = 0;
};

/** The records of one user's pushes: `<folder>/<sha-256 of the playlist name>.json`, one per
    playlist name (the latest push of that name), written atomically. The records of a finished
    push also answer "was this playlist sent before?". Any thread; one writer per record. */
class PushJournal final
{
public:
    explicit PushJournal (std::filesystem::path folder);

    [[nodiscard]] Expected<void> save (PushRecord& record);

    /** The record for a playlist name; nothing when there is none. A damaged record (unreadable,
        or a plan that no longer matches the digest the user confirmed) is an error that names
        the file (it is kept, not overwritten). */
    [[nodiscard]] Expected<std::optional<PushRecord>> find (const std::string& playlistName) const;

    /** The Spotify id of the playlist of this name that was sent from here and finished: what
        "was it sent before?" means for both shells. Nothing when there is none or its push is
        unfinished; a damaged record is an error, as in find(). */
    [[nodiscard]] Expected<std::optional<std::string>>
    sentPlaylistId (const std::string& playlistName) const;

    /** Every record not yet done, oldest first. Damaged files are skipped, named in the log and,
        when `problems` is given, described there. */
    [[nodiscard]] std::vector<PushRecord>
    unfinished (std::vector<std::string>* problems = nullptr) const;

    /** Forgets the record for a playlist name (a push the user gives up on); false when there
        was none. Nothing on Spotify changes. */
    [[nodiscard]] Expected<bool> remove (const std::string& playlistName);

    [[nodiscard]] const std::filesystem::path& getFolder() const { return folder; }

private:
    [[nodiscard]] std::filesystem::path fileFor (const std::string& playlistName) const;
    std::filesystem::path folder;
};

[[nodiscard]] std::string stageName (PushRecord::Stage);

} // namespace moodboard::spotify
