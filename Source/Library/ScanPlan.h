#pragma once

#include "Library/FileListing.h"
#include "Library/Track.h"

#include <atomic>
#include <filesystem>
#include <vector>

namespace moodboard::library
{

/** What a scan has to do once the listing is compared with the catalog, before any decoding.

    A found file whose path is in the catalog is unchanged when its size and modification time
    match (and its analysis is current); when only the time differs, its content hash decides, so
    a file that was touched or copied back over itself is not analysed again (unless its analysis
    had failed). A found file whose
    path is new is first matched by size and content hash against catalog rows whose files no
    longer exist: a match is a move or rename, and the row follows the file with its analysis.
    A row whose file still exists never matches, so a copy is analysed as a file of its own.
    A row below a missing library folder is not moved but copied: the folder may be a drive that
    is only unplugged, or a folder that was renamed; either way nothing is decoded again.
*/
struct ScanPlan
{
    std::vector<FoundFile> toAnalyse;
    std::vector<Track> moved;        // rows with their new path and tags, analysis kept
    std::vector<Track> copied;       // new rows (id 0) with the analysis of a missing folder's row
    std::vector<Track> refreshed;    // rows whose time or hash is updated, nothing else
    std::vector<std::string> gone;   // rows below the scanned folders whose files are gone
    std::vector<Track> unreadable;   // rows of unchanged files whose analysis failed: not
                                     // decoded again until the file changes
    int unchanged = 0;               // analysed files, including the touched ones
    int touched = 0;                 // new modification time, same size and content hash
};

/** Builds the plan. `stored` is the whole catalog; `roots` are the scanned folders that exist,
    `missingRoots` those that do not (their rows are never gone, and copied rather than moved).
    With `verifyContent`, a file whose size and time match is hashed too and analysed again when
    its content differs (for tools that keep a file's time when they change it).
    Reads at most three 64 KiB windows of a file, and only where a hash decides.
    After `cancel` is set no more files are hashed. The scanning thread.
*/
[[nodiscard]] ScanPlan planScan (const std::vector<FoundFile>& found, std::vector<Track> stored,
                                 const std::vector<std::filesystem::path>& roots,
                                 const std::vector<std::filesystem::path>& missingRoots,
                                 bool verifyContent, const std::atomic<bool>& cancel);

} // namespace moodboard::library
