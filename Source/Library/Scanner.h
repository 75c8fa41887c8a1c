#pragma once

#include "Audio/AudioStream.h"
#include "Library/Catalog.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace moodboard::library
{

struct ScanProgress
{
    int done = 0;                // files handled so far (analysed, unchanged or unreadable)
    int total = 0;               // audio files found
    std::string currentFile;
    double secondsLeft = -1.0;   // estimate; negative until there is one
};

struct ScanFailure
{
    std::string path;
    std::string reason;
};

struct ScanReport
{
    int found = 0;
    int analysed = 0;
    int unchanged = 0;           // skipped: same size, mtime and analysis version as stored,
                                 // or same size and content hash with a new mtime (touched)
    int touched = 0;             // of the unchanged: a new mtime, the same content
    int moved = 0;               // files recognised by content as moved, kept their analysis
                                 // undecoded (a missing folder's row is copied, not moved)
    int decoded = 0;             // files opened for decoding and analysis
    int removed = 0;             // catalog rows whose file is gone
    std::vector<ScanFailure> failures;       // files this scan could not read
    std::vector<ScanFailure> stillUnreadable;   // files that failed before and have not changed
                                                // since; not decoded again, not counted above
    std::vector<std::string> missingRoots;   // folders that are gone; their tracks are kept
    bool cancelled = false;
};

/** Finds audio files below folders, reads their tags, analyses new and changed files on all
    cores, stores each result as soon as it is ready, and forgets files that disappeared.
    A file that was moved or renamed (anywhere, even into another library folder) keeps its row
    and analysis without decoding: its size and content hash match a row whose file is gone.
    See ScanPlan for how change is decided.
*/
class Scanner final
{
public:
    using ProgressCallback = std::function<void (const ScanProgress&)>;

    Scanner (Catalog& catalog, const audio::AudioDecoder& decoder);

    /** Runs the scan on the calling thread plus worker threads (one per core by default).
        A folder that does not exist (an unplugged drive, a renamed folder) is reported in
        `missingRoots` and its catalog entries are kept, so that nothing is analysed twice.
        `onProgress` is called on the calling thread after each file. Setting `cancel` stops
        after the files being analysed; everything stored so far stays. Any thread but the
        message or audio thread.
    */
    [[nodiscard]] ScanReport scan (const std::vector<std::filesystem::path>& roots,
                                   const ProgressCallback& onProgress,
                                   const std::atomic<bool>& cancel,
                                   int numThreads = 0);

    /** Makes later scans hash every file whose size and time match its row, and analyse it
        again when the content differs: slower (up to 192 KiB read per file), for libraries
        edited by tools that keep a file's modification time. Off by default. Call between
        scans, on the thread that scans. */
    void setVerifyContent (bool shouldVerify) { verifyContent = shouldVerify; }

    /** Analyses single files without storing them (`moodboard analyze`). Any thread. */
    [[nodiscard]] static Track analyseFile (const std::filesystem::path& file,
                                            const audio::AudioDecoder& decoder,
                                            const std::atomic<bool>* cancel = nullptr);

private:
    Catalog& catalog;
    const audio::AudioDecoder& decoder;
    bool verifyContent = false;
};

} // namespace moodboard::library
