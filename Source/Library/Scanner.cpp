#include "Library/Scanner.h"

#include "Audio/FeatureExtractor.h"
#include "Core/Log.h"
#include "Library/ContentHash.h"
#include "Library/FileListing.h"
#include "Library/ScanPlan.h"
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

    if (auto hash = computeContentHash (file))
        track.contentHash = std::move (*hash);

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

    std::vector<fs::path> presentRoots, missingRoots;
    for (const auto& root : roots)
    {
        std::error_code ec;
        if (fs::exists (root, ec))
        {
            presentRoots.push_back (root);
            continue;
        }

        missingRoots.push_back (root);
        report.missingRoots.push_back (root.string());
        log::warning ("scan", root.string() + " is missing; its catalog entries are kept");
    }

    auto plan = planScan (found, catalog.getAllTracks(), presentRoots, missingRoots, verifyContent,
                          cancel);
    report.unchanged = plan.unchanged;
    report.touched = plan.touched;
    for (const auto& track : plan.unreadable)
        report.stillUnreadable.push_back ({ track.path, track.error });

    if (auto refreshed = catalog.updateMany (plan.refreshed); ! refreshed)
        log::warning ("scan", "cannot record content hashes: " + refreshed.error().message);

    // Moves are stored before anything is forgotten, so a moved file's row is never lost.
    if (auto moved = catalog.updateMany (plan.moved))
    {
        report.moved = *moved;
    }
    else
    {
        log::error ("scan", moved.error().message);
        report.failures.push_back ({ plan.moved.front().path, moved.error().message });

        for (const auto& track : plan.moved)
            plan.toAnalyse.push_back ({ track.path, track.fileSize, track.modifiedTime });
    }

    // An empty batch would still bump the catalog's generation and make the feature index stale.
    if (! plan.copied.empty())
    {
        if (auto copied = catalog.storeMany (plan.copied))
        {
            report.moved += *copied;
        }
        else
        {
            log::error ("scan", copied.error().message);
            for (const auto& track : plan.copied)
                plan.toAnalyse.push_back ({ track.path, track.fileSize, track.modifiedTime });
        }
    }

    if (auto removed = catalog.forget (plan.gone))
        report.removed = *removed;

    std::deque<FoundFile> work (plan.toAnalyse.begin(), plan.toAnalyse.end());
    ScanProgress progress;
    progress.total = report.found;
    const int skipped = report.unchanged + (int) report.stillUnreadable.size();
    progress.done = skipped + report.moved;

    if (onProgress)
        onProgress (progress);

    std::mutex mutex;
    std::condition_variable resultReady;
    std::deque<Track> results;
    const int toAnalyse = (int) work.size();
    int taken = 0;
    std::atomic<int> decoded { 0 };

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
            ++decoded;
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
        progress.done = skipped + report.moved + handled;
        progress.currentFile = track.path;
        progress.secondsLeft = elapsed / handled * (toAnalyse - handled);

        if (onProgress)
            onProgress (progress);
    }

    for (auto& t : pool)
        t.join();

    report.cancelled = cancel.load();
    report.decoded = decoded.load();
    log::info ("scan", "scan finished: " + std::to_string (report.found) + " found, "
                           + std::to_string (report.analysed) + " analysed, "
                           + std::to_string (report.unchanged) + " unchanged, "
                           + std::to_string (report.moved) + " moved, "
                           + std::to_string (report.failures.size()) + " failed, "
                           + std::to_string (report.stillUnreadable.size()) + " still unreadable, "
                           + std::to_string (report.removed) + " removed"
                           + (report.cancelled ? " (cancelled)" : ""));
    return report;
}

} // namespace moodboard::library
