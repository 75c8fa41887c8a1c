#include "Library/Scanner.h"

#include "Audio/FeatureExtractor.h"
#include "Core/Log.h"
#include "Library/TagReader.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <set>
#include <thread>

namespace moodboard::library
{
namespace fs = std::filesystem;

namespace
{
struct FoundFile
{
    std::string path;
    std::int64_t size = 0;
    std::int64_t modifiedTime = 0;
};

std::string lowerCase (std::string text)
{
    std::transform (text.begin(), text.end(), text.begin(),
                    [] (unsigned char c) { return (char) std::tolower (c); });
    return text;
}

std::int64_t modifiedSeconds (const fs::path& file, std::error_code& ec)
{
    const auto time = fs::last_write_time (file, ec);
    return std::chrono::duration_cast<std::chrono::seconds> (time.time_since_epoch()).count();
}

// Follows links to folders and files (a library of links is common), skips what it may not read.
std::vector<FoundFile> findAudioFiles (const std::vector<fs::path>& roots,
                                       const std::vector<std::string>& extensions)
{
    std::vector<FoundFile> found;
    std::set<std::string> seen;

    auto consider = [&] (const fs::path& path)
    {
        std::error_code ec;

        if (! fs::is_regular_file (path, ec))
            return;

        const auto ext = lowerCase (path.extension().string());

        if (std::find (extensions.begin(), extensions.end(), ext) == extensions.end())
            return;

        FoundFile file { fs::absolute (path, ec).lexically_normal().string(), 0, 0 };
        file.size = (std::int64_t) fs::file_size (path, ec);
        file.modifiedTime = modifiedSeconds (path, ec);

        if (seen.insert (file.path).second)
            found.push_back (std::move (file));
    };

    for (const auto& root : roots)
    {
        std::error_code ec;

        if (fs::is_regular_file (root, ec))
        {
            consider (root);
            continue;
        }

        const auto options = fs::directory_options::follow_directory_symlink
                           | fs::directory_options::skip_permission_denied;

        for (fs::recursive_directory_iterator it (root, options, ec), end; it != end && ! ec;
             it.increment (ec))
            consider (it->path());
    }

    std::sort (found.begin(), found.end(),
               [] (const auto& a, const auto& b) { return a.path < b.path; });
    return found;
}

bool isUnchanged (const std::optional<Track>& stored, const FoundFile& file)
{
    return stored && stored->fileSize == file.size && stored->modifiedTime == file.modifiedTime
        && stored->analysisVersion == audio::analysisVersion;
}
} // namespace

Scanner::Scanner (Catalog& c, const audio::AudioDecoder& d) : catalog (c), decoder (d) {}

Track Scanner::analyseFile (const fs::path& file, const audio::AudioDecoder& decoder,
                            const std::atomic<bool>* cancel)
{
    Track track;
    std::error_code ec;
    track.path = fs::absolute (file, ec).lexically_normal().string();
    track.fileSize = (std::int64_t) fs::file_size (file, ec);
    track.modifiedTime = modifiedSeconds (file, ec);
    track.analysisVersion = audio::analysisVersion;

    auto stream = decoder.open (file);

    if (! stream)
    {
        track.error = stream.error().message;
        track.title = file.stem().string();
        return track;
    }

    readTags (file, track);
    auto features = audio::FeatureExtractor::analyse (**stream, cancel);

    if (features)
        track.features = *features;
    else
        track.error = features.error().kind == Error::Kind::cancelled
                        ? std::string ("cancelled")
                        : features.error().message;

    return track;
}

ScanReport Scanner::scan (const std::vector<fs::path>& roots, const ProgressCallback& onProgress,
                          const std::atomic<bool>& cancel, int numThreads)
{
    ScanReport report;
    const auto found = findAudioFiles (roots, decoder.getExtensions());
    report.found = (int) found.size();

    // Forget catalog entries below the scanned folders whose files are gone.
    std::set<std::string> foundPaths;
    for (const auto& f : found)
        foundPaths.insert (f.path);

    std::vector<std::string> gone;
    for (const auto& root : roots)
    {
        std::error_code ec;
        if (! fs::exists (root, ec))
        {
            report.missingRoots.push_back (root.string());
            log::warning ("scan", root.string() + " is missing; its catalog entries are kept");
            continue;
        }

        for (const auto& track : catalog.getTracksUnder (fs::absolute (root, ec)))
            if (! foundPaths.contains (track.path) && ! fs::exists (track.path, ec))
                gone.push_back (track.path);
    }

    if (auto removed = catalog.forget (gone))
        report.removed = *removed;

    std::deque<FoundFile> work;
    for (const auto& file : found)
    {
        if (isUnchanged (catalog.findByPath (file.path), file))
            ++report.unchanged;
        else
            work.push_back (file);
    }

    ScanProgress progress;
    progress.total = report.found;
    progress.done = report.unchanged;

    if (onProgress)
        onProgress (progress);

    std::mutex mutex;
    std::condition_variable resultReady;
    std::deque<Track> results;
    const int toAnalyse = (int) work.size();
    int taken = 0;

    auto worker = [&]
    {
        for (;;)
        {
            FoundFile next;
            {
                std::lock_guard lock (mutex);

                if (work.empty() || cancel.load())
                    return;

                next = std::move (work.front());
                work.pop_front();
                ++taken;
            }

            auto track = analyseFile (next.path, decoder, &cancel);
            // Identity comes from the listing so that a file changed during analysis is seen
            // as changed at the next scan.
            track.fileSize = next.size;
            track.modifiedTime = next.modifiedTime;

            std::lock_guard lock (mutex);
            results.push_back (std::move (track));
            resultReady.notify_one();
        }
    };

    const auto threads = numThreads > 0 ? numThreads
                                        : (int) std::max (1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (int i = 0; i < std::min (threads, toAnalyse); ++i)
        pool.emplace_back (worker);

    const auto started = std::chrono::steady_clock::now();
    int handled = 0;

    // The calling thread is the only writer to the catalog: each result is stored as it arrives.
    // After a cancel, the files already taken finish (their analysis stops early) and the rest
    // stay queued, unanalysed.
    for (;;)
    {
        std::unique_lock lock (mutex);
        resultReady.wait_for (lock, std::chrono::milliseconds (100),
                              [&] { return ! results.empty(); });

        if (results.empty())
        {
            const bool noMoreWork = work.empty() || cancel.load();

            if (noMoreWork && handled == taken)
                break;

            continue;
        }

        auto track = std::move (results.front());
        results.pop_front();
        lock.unlock();
        ++handled;

        if (track.error == "cancelled")
            continue;

        if (! track.error.empty())
        {
            report.failures.push_back ({ track.path, track.error });
            log::warning ("scan", track.error);

            // A file that analysed before and fails now keeps its earlier result.
            if (const auto stored = catalog.findByPath (track.path); stored && stored->isAnalysed())
                continue;
        }
        else
        {
            ++report.analysed;
        }

        if (auto stored = catalog.store (track); ! stored)
        {
            report.failures.push_back ({ track.path, stored.error().message });
            log::error ("scan", stored.error().message);
        }

        const auto elapsed = std::chrono::duration<double> (std::chrono::steady_clock::now()
                                                            - started).count();
        progress.done = report.unchanged + handled;
        progress.currentFile = track.path;
        progress.secondsLeft = elapsed / handled * (toAnalyse - handled);

        if (onProgress)
            onProgress (progress);
    }

    for (auto& t : pool)
        t.join();

    report.cancelled = cancel.load();
    log::info ("scan", "scan finished: " + std::to_string (report.found) + " found, "
                           + std::to_string (report.analysed) + " analysed, "
                           + std::to_string (report.unchanged) + " unchanged, "
                           + std::to_string (report.failures.size()) + " failed, "
                           + std::to_string (report.removed) + " removed"
                           + (report.cancelled ? " (cancelled)" : ""));
    return report;
}

} // namespace moodboard::library
