#include "Matching/Suggester.h"

#include "Core/Log.h"
#include "Matching/FeatureSpace.h"
#include "Matching/Reasons.h"
#include "Matching/TrackIndex.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace moodboard::matching
{
namespace
{
std::string lowerCase (std::string text)
{
    std::transform (text.begin(), text.end(), text.begin(),
                    [] (unsigned char c) { return (char) std::tolower (c); });
    return text;
}

bool isExcluded (const library::Track& track, const std::vector<std::string>& exclude)
{
    if (exclude.empty())
        return false;

    const auto haystack = lowerCase (track.artist + "\n" + track.title + "\n" + track.album + "\n"
                                     + track.genre);

    return std::any_of (exclude.begin(), exclude.end(), [&] (const std::string& word)
                        { return ! word.empty() && haystack.find (lowerCase (word)) != std::string::npos; });
}

// Candidates come from the index around a few points of the arc; the final choice per slot is
// an exact ranking of this pool, so the index only has to find the right neighbourhood.
constexpr int candidatesPerTrack = 12;
constexpr int minimumPool = 200;
constexpr double assumedTrackSeconds = 210.0;
} // namespace

struct Suggester::Index
{
    TrackIndex tracks;
    bool isLoaded = false;
};

Suggester::Suggester (library::Catalog& c, std::filesystem::path file)
    : catalog (c), indexFile (std::move (file)), index (std::make_unique<Index>())
{
}

Suggester::~Suggester() = default;

Expected<Playlist> Suggester::suggest (const mood::MoodTarget& target)
{
    const auto generation = catalog.getGeneration();

    if (! index->isLoaded || index->tracks.getCatalogGeneration() != generation)
    {
        auto loaded = index->tracks.load (indexFile);

        if (! loaded || index->tracks.getCatalogGeneration() != generation)
        {
            log::info ("match", loaded ? "the feature index is older than the catalog; rebuilding"
                                       : loaded.error().message + "; rebuilding it");
            index->tracks.build (catalog.getAllTracks(), generation);

            if (auto saved = index->tracks.save (indexFile); ! saved)
                log::warning ("match", saved.error().message);
        }

        index->isLoaded = true;
    }

    if (index->tracks.size() == 0)
        return makeError (Error::Kind::notFound,
                          "the library has no analysed tracks yet: run `moodboard scan FOLDER` "
                          "or choose a library folder first");

    Playlist playlist;
    playlist.mood = target;

    const int wanted = target.durationSeconds
                         ? (int) std::ceil (*target.durationSeconds / assumedTrackSeconds) + 2
                         : std::max (1, target.count);
    const int poolSize = std::max (minimumPool, wanted * candidatesPerTrack);

    // Gather a pool around the start, middle and end of the arc.
    std::set<std::int64_t> poolIds;
    for (double t : { 0.0, 0.5, 1.0 })
        for (auto id : index->tracks.nearest (FeatureSpace::query (target, target.pointAt (t)), poolSize))
            poolIds.insert (id);

    std::vector<library::Track> pool;
    int excluded = 0;

    for (auto id : poolIds)
        if (auto track = catalog.findById (id); track && track->isAnalysed())
        {
            if (isExcluded (*track, target.exclude))
                ++excluded;
            else
                pool.push_back (std::move (*track));
        }

    if (target.instrumental.has_value())
        playlist.notes.push_back ("Vocals are not detected yet, so the wish for "
                                  + std::string (*target.instrumental ? "instrumental music"
                                                                      : "vocals")
                                  + " could not be applied");

    std::vector<bool> used (pool.size(), false);
    std::set<std::string> usedPaths;
    double totalSeconds = 0.0;
    bool relaxedArtist = false;

    for (int slot = 0;; ++slot)
    {
        if (target.durationSeconds ? totalSeconds >= *target.durationSeconds : slot >= target.count)
            break;

        const double position = target.durationSeconds
                                  ? totalSeconds / *target.durationSeconds
                                  : (target.count > 1 ? (double) slot / (target.count - 1) : 1.0);
        const auto point = target.pointAt (std::clamp (position, 0.0, 1.0));
        const auto* previous = playlist.entries.empty() ? nullptr : &playlist.entries.back().track;

        auto best = std::numeric_limits<std::size_t>::max();
        auto bestWithSameArtist = best;
        double bestDistance = std::numeric_limits<double>::max(), bestSameDistance = bestDistance;

        for (std::size_t i = 0; i < pool.size(); ++i)
        {
            if (used[i] || usedPaths.contains (pool[i].path))
                continue;

            const auto d = FeatureSpace::slotDistance (pool[i].features, target, point);
            const bool sameArtist = previous != nullptr && ! previous->artist.empty()
                                 && lowerCase (previous->artist) == lowerCase (pool[i].artist);

            if (sameArtist && d < bestSameDistance)
            {
                bestSameDistance = d;
                bestWithSameArtist = i;
            }
            else if (! sameArtist && d < bestDistance)
            {
                bestDistance = d;
                best = i;
            }
        }

        if (best == std::numeric_limits<std::size_t>::max())
        {
            // Only the same artist is left: a repeat beats a playlist that stops short.
            best = bestWithSameArtist;
            bestDistance = bestSameDistance;
            relaxedArtist = best != std::numeric_limits<std::size_t>::max();
        }

        if (best == std::numeric_limits<std::size_t>::max())
            break;

        used[best] = true;
        usedPaths.insert (pool[best].path);
        totalSeconds += pool[best].features.durationSeconds;

        PlaylistEntry entry;
        entry.track = pool[best];
        entry.target = point;
        entry.distance = bestDistance;
        entry.reason = explainPick (entry.track, target, point, position);
        playlist.entries.push_back (std::move (entry));
    }

    if (! target.durationSeconds && (int) playlist.entries.size() < target.count)
        playlist.notes.push_back ("The library has only " + std::to_string (playlist.entries.size())
                                  + " matching tracks, fewer than the "
                                  + std::to_string (target.count) + " asked for");

    if (target.durationSeconds && totalSeconds < *target.durationSeconds)
        playlist.notes.push_back ("The library's matching tracks add up to less than the length "
                                  "asked for");

    if (relaxedArtist)
        playlist.notes.push_back ("The same artist plays twice in a row: no other artist fitted");

    if (excluded > 0)
        playlist.notes.push_back ("Left out " + std::to_string (excluded)
                                  + " tracks matching the exclusions");

    return playlist;
}

} // namespace moodboard::matching
