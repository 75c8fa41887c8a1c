#include "Library/ScanPlan.h"

#include "Audio/Features.h"
#include "Library/ContentHash.h"
#include "Library/TagReader.h"

#include <set>
#include <unordered_map>

namespace moodboard::library
{
namespace fs = std::filesystem;

namespace
{
std::string folderPrefix (const fs::path& folder)
{
    std::error_code ec;
    auto prefix = fs::absolute (folder, ec).lexically_normal().string();

    if (prefix.empty() || prefix.back() != '/')
        prefix += '/';

    return prefix;
}

bool isBelowAny (const std::string& path, const std::vector<std::string>& prefixes)
{
    for (const auto& prefix : prefixes)
        if (path.starts_with (prefix))
            return true;

    return false;
}

std::string identityKey (std::int64_t size, const std::string& hash)
{
    return std::to_string (size) + ":" + hash;
}
} // namespace

ScanPlan planScan (const std::vector<FoundFile>& found, std::vector<Track> stored,
                   const std::vector<fs::path>& roots, const std::vector<fs::path>& missingRoots,
                   bool verifyContent, const std::atomic<bool>& cancel)
{
    ScanPlan plan;
    std::unordered_map<std::string, std::size_t> byPath;
    byPath.reserve (stored.size());

    for (std::size_t i = 0; i < stored.size(); ++i)
        byPath.emplace (stored[i].path, i);

    auto hashOf = [&] (const std::string& path) -> std::string
    {
        if (cancel.load())
            return {};

        auto hash = computeContentHash (path);
        return hash ? *hash : std::string();
    };

    // A file whose analysis failed stays unreadable while it is unchanged; it is not a track.
    auto countUnchanged = [&] (const Track& track)
    {
        if (track.error.empty())
            ++plan.unchanged;
        else
            plan.unreadable.push_back (track);
    };

    std::vector<bool> claimed (stored.size(), false);
    std::vector<FoundFile> newFiles;

    for (const auto& file : found)
    {
        const auto it = byPath.find (file.path);

        if (it == byPath.end())
        {
            newFiles.push_back (file);
            continue;
        }

        claimed[it->second] = true;
        auto& track = stored[it->second];

        if (track.analysisVersion != audio::analysisVersion || track.fileSize != file.size)
        {
            plan.toAnalyse.push_back (file);
            continue;
        }

        // Some taggers keep the old time on purpose; a verifying scan compares the content too.
        if (track.modifiedTime == file.modifiedTime && verifyContent && ! track.contentHash.empty()
            && ! cancel.load())
        {
            if (hashOf (file.path) == track.contentHash)
                countUnchanged (track);
            else
                plan.toAnalyse.push_back (file);

            continue;
        }

        if (track.modifiedTime == file.modifiedTime)
        {
            countUnchanged (track);

            // A row from before content hashes were kept gets one now, once, so that the file can
            // be recognised if it is moved later.
            if (track.contentHash.empty())
                if (auto hash = hashOf (file.path); ! hash.empty())
                {
                    track.contentHash = std::move (hash);
                    plan.refreshed.push_back (track);
                }

            continue;
        }

        // A failed file with a new time is tried again, as someone may have repaired it.
        if (track.error.empty() && ! track.contentHash.empty()
            && hashOf (file.path) == track.contentHash)
        {
            ++plan.unchanged;
            ++plan.touched;
            track.modifiedTime = file.modifiedTime;
            plan.refreshed.push_back (track);
            continue;
        }

        plan.toAnalyse.push_back (file);
    }

    std::vector<std::string> scanned, missing;
    for (const auto& root : roots)
        scanned.push_back (folderPrefix (root));
    for (const auto& root : missingRoots)
        missing.push_back (folderPrefix (root));

    // Rows whose files are gone, by size and content hash; only the sizes of new files matter, so
    // a scan without new files checks no existence beyond the scanned folders.
    std::set<std::int64_t> newSizes;
    for (const auto& file : newFiles)
        newSizes.insert (file.size);

    std::unordered_multimap<std::string, std::size_t> vanished;
    std::vector<bool> checkedGone (stored.size(), false);

    for (std::size_t i = 0; i < stored.size(); ++i)
    {
        const auto& track = stored[i];

        if (claimed[i] || track.contentHash.empty() || ! newSizes.contains (track.fileSize))
            continue;

        std::error_code ec;
        if (fs::exists (track.path, ec) || ec)
            continue;

        checkedGone[i] = true;
        vanished.emplace (identityKey (track.fileSize, track.contentHash), i);
    }

    for (const auto& file : newFiles)
    {
        if (! vanished.empty())
        {
            const auto hash = hashOf (file.path);
            const auto match = hash.empty() ? vanished.end()
                                            : vanished.find (identityKey (file.size, hash));

            if (match != vanished.end())
            {
                auto track = stored[match->second];
                claimed[match->second] = true;
                vanished.erase (match);

                // The row of a missing folder stays (the drive may only be unplugged): the new
                // file gets a row of its own with a copy of the analysis.
                const bool copy = isBelowAny (track.path, missing);
                if (copy)
                    track.id = 0;

                track.path = file.path;
                track.modifiedTime = file.modifiedTime;
                // Tags are in the bytes that matched, but a title taken from the file name is not.
                readTags (file.path, track);
                (copy ? plan.copied : plan.moved).push_back (track);

                // A row analysed by an older version moves first and is analysed again after.
                if (track.analysisVersion != audio::analysisVersion)
                    plan.toAnalyse.push_back (file);

                continue;
            }
        }

        plan.toAnalyse.push_back (file);
    }

    for (std::size_t i = 0; i < stored.size(); ++i)
    {
        const auto& track = stored[i];

        if (claimed[i] || ! isBelowAny (track.path, scanned) || isBelowAny (track.path, missing))
            continue;

        std::error_code ec;
        if (checkedGone[i] || ! fs::exists (track.path, ec))
            plan.gone.push_back (track.path);
    }

    return plan;
}

} // namespace moodboard::library
