#include "Matching/Sequencer.h"

#include "Matching/FeatureSpace.h"
#include "Matching/Reasons.h"
#include "Matching/Transitions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>

namespace moodboard::matching
{
namespace
{
// How much a rough transition weighs against a poor fit to the mood.
constexpr double transitionWeight = 0.2;

// The mood chooses, the flow only orders: a slot considers the tracks whose fit lies within this
// much of the best fit left (in FeatureSpace's weighted distance), and only among those do
// transitions and variety decide. Without the window, a library whose moods lie close together
// (a collection of orchestral game music spans energy 0.45 to 0.7) let tempo continuity win over
// the mood, and "sleepy" and "wake me up" shared most of their tracks.
constexpr double fitWindow = 0.04;
constexpr double fitWindowPerVariety = 0.16;
constexpr int maxTracksPerAlbum = 2;
constexpr double none = std::numeric_limits<double>::max();

std::string lowerCase (std::string text)
{
    std::transform (text.begin(), text.end(), text.begin(),
                    [] (unsigned char c) { return (char) std::tolower (c); });
    return text;
}

bool sameArtist (const library::Track* a, const library::Track* b)
{
    return a != nullptr && b != nullptr && ! a->artist.empty()
        && lowerCase (a->artist) == lowerCase (b->artist);
}

double positionOf (const mood::MoodTarget& target, int slot, double elapsedSeconds)
{
    if (target.durationSeconds)
        return std::clamp (elapsedSeconds / *target.durationSeconds, 0.0, 1.0);
    return target.count > 1 ? (double) slot / (target.count - 1) : 1.0;
}

struct Choice
{
    const library::Track* track = nullptr;
    mood::MoodPoint point;
    double position = 0.0;
    double fit = 0.0;
    bool locked = false;
};

// Total cost of an order: fit of each track to its slot plus its transition from the one before.
double orderCost (const std::vector<Choice>& order, const mood::MoodTarget& target,
                  const FeatureSpace::Scale& scale)
{
    double cost = 0.0;
    for (std::size_t i = 0; i < order.size(); ++i)
    {
        cost += FeatureSpace::slotDistance (order[i].track->features, target, order[i].point,
                                            scale);
        if (i > 0)
            cost += transitionWeight
                    * Transitions::cost (order[i - 1].track->features, order[i].track->features);
    }
    return cost;
}

bool breaksArtistRule (const std::vector<Choice>& order)
{
    for (std::size_t i = 1; i < order.size(); ++i)
        if (sameArtist (order[i - 1].track, order[i].track))
            return true;
    return false;
}

// Swaps pairs of tracks (keeping pinned slots: given ends and locked tracks) while that lowers the
// total cost and keeps artists apart. A few passes over a playlist of a few dozen tracks cost well
// under a millisecond.
void improveOrder (std::vector<Choice>& order, const mood::MoodTarget& target,
                   const FeatureSpace::Scale& scale, bool pinFirst, bool pinLast)
{
    const auto n = order.size();
    if (n < 3)
        return;

    std::vector<bool> pinned (n);
    for (std::size_t i = 0; i < n; ++i)
        pinned[i] = order[i].locked || (pinFirst && i == 0) || (pinLast && i == n - 1);

    const bool artistsWereApart = ! breaksArtistRule (order);
    double best = orderCost (order, target, scale);

    for (int pass = 0; pass < 4; ++pass)
    {
        bool improved = false;

        for (std::size_t i = 0; i < n; ++i)
            for (auto j = i + 1; j < n; ++j)
            {
                if (pinned[i] || pinned[j])
                    continue;

                std::swap (order[i].track, order[j].track);
                const double cost = orderCost (order, target, scale);

                if (cost + 1e-9 < best && (! artistsWereApart || ! breaksArtistRule (order)))
                {
                    best = cost;
                    improved = true;
                }
                else
                {
                    std::swap (order[i].track, order[j].track);
                }
            }

        if (! improved)
            break;
    }
}
} // namespace

Playlist Sequencer::build (const std::vector<const library::Track*>& pool,
                           const mood::MoodTarget& target, const SequenceOptions& options)
{
    Playlist playlist;
    playlist.mood = target;

    std::mt19937 random (options.seed);
    std::uniform_real_distribution<double> jitter (0.0, 1.0);
    const double jitterScale = 0.6 * std::clamp (options.variety, 0.0, 1.0);

    std::set<std::string> usedPaths, usedRecordings;
    std::map<std::string, int> albumCounts;
    std::vector<Choice> order;
    double elapsed = 0.0;
    bool relaxedArtist = false, relaxedAlbum = false;

    auto take = [&] (const library::Track* track, double position, bool locked = false)
    {
        Choice c { track, target.pointAt (position), position, 0.0, locked };
        c.fit = FeatureSpace::slotDistance (track->features, target, c.point, options.scale);
        usedPaths.insert (track->path);
        usedRecordings.insert (Transitions::recordingKey (*track));
        if (! track->album.empty())
            ++albumCounts[lowerCase (track->artist + "\n" + track->album)];
        elapsed += track->features.durationSeconds;
        order.push_back (c);
    };

    auto isDone = [&]
    {
        const int reserved = options.last != nullptr ? 1 : 0;
        if (target.durationSeconds)
            return elapsed + (reserved ? options.last->features.durationSeconds : 0.0)
                >= *target.durationSeconds;
        return (int) order.size() + reserved >= target.count;
    };

    // Locked tracks are reserved first, so no other slot takes the same file or recording.
    std::vector<LockedTrack> locks;
    for (const auto& lock : options.locked)
        if (lock.track != nullptr && ! usedPaths.contains (lock.track->path))
        {
            locks.push_back (lock);
            usedPaths.insert (lock.track->path);
            usedRecordings.insert (Transitions::recordingKey (*lock.track));
        }
    std::ranges::stable_sort (locks, {}, &LockedTrack::slot);

    // Removed tracks after the locks, so a track both locked and removed stays where it was locked.
    for (const auto* removed : options.excluded)
        if (removed != nullptr)
        {
            usedPaths.insert (removed->path);
            // Untagged tracks share an empty recording key; only a titled one names a recording.
            if (! removed->title.empty())
                usedRecordings.insert (Transitions::recordingKey (*removed));
            playlist.removed.push_back (*removed);
        }
    std::size_t nextLock = 0;
    std::vector<double> fits;   // per pool track, for the slot being filled; none when used

    auto placeDueLocks = [&]
    {
        while (nextLock < locks.size() && locks[nextLock].slot <= order.size())
            take (locks[nextLock++].track, positionOf (target, (int) order.size(), elapsed), true);
    };

    if (options.first != nullptr)
        take (options.first, 0.0);

    if (options.last != nullptr)
    {
        usedPaths.insert (options.last->path);
        usedRecordings.insert (Transitions::recordingKey (*options.last));
    }

    placeDueLocks();

    while (! isDone())
    {
        const double position = positionOf (target, (int) order.size(), elapsed);
        const auto point = target.pointAt (position);
        const auto* previous = order.empty() ? nullptr : order.back().track;

        // Three tiers: every rule kept; the album rule relaxed; the artist rule relaxed too.
        const library::Track* best[3] = { nullptr, nullptr, nullptr };
        double bestScore[3] = { none, none, none };

        fits.clear();
        double bestFit = none;
        for (const auto* track : pool)
        {
            const bool used = usedPaths.contains (track->path)
                           || usedRecordings.contains (Transitions::recordingKey (*track));
            const auto fit = used ? none
                                  : FeatureSpace::slotDistance (track->features, target, point,
                                                                options.scale);
            fits.push_back (fit);
            bestFit = std::min (bestFit, fit);
        }
        const auto window = bestFit + fitWindow
                            + fitWindowPerVariety * std::clamp (options.variety, 0.0, 1.0);

        for (std::size_t i = 0; i < pool.size(); ++i)
        {
            const auto* track = pool[i];
            if (fits[i] == none || fits[i] > window)
                continue;

            double score = fits[i];
            if (previous != nullptr)
                score += transitionWeight * Transitions::cost (previous->features, track->features);
            score += jitterScale * jitter (random);

            const bool albumFull = ! track->album.empty()
                                && albumCounts[lowerCase (track->artist + "\n" + track->album)]
                                       >= maxTracksPerAlbum;
            const int tier = sameArtist (previous, track) ? 2 : albumFull ? 1 : 0;

            if (score < bestScore[tier])
            {
                bestScore[tier] = score;
                best[tier] = track;
            }
        }

        const int tier = best[0] != nullptr ? 0 : best[1] != nullptr ? 1 : 2;
        if (best[tier] == nullptr)
            break;

        relaxedAlbum = relaxedAlbum || tier == 1;
        relaxedArtist = relaxedArtist || tier == 2;
        take (best[tier], position);
        placeDueLocks();
    }

    // Locks past the end of a shorter playlist, or past what the pool could fill, close it.
    while (nextLock < locks.size())
        take (locks[nextLock++].track, positionOf (target, (int) order.size(), elapsed), true);

    if (options.last != nullptr)
        take (options.last, 1.0);

    improveOrder (order, target, options.scale, options.first != nullptr, options.last != nullptr);

    for (std::size_t i = 0; i < order.size(); ++i)
    {
        // After reordering, each track explains itself against the slot it ended up in.
        const double position = order.size() > 1 ? (double) i / (double) (order.size() - 1) : 1.0;
        PlaylistEntry entry;
        entry.track = *order[i].track;
        entry.target = order[i].point;
        entry.distance = FeatureSpace::slotDistance (entry.track.features, target, entry.target,
                                                     options.scale);
        entry.reason = explainPick (entry.track, target, entry.target, position);
        entry.locked = order[i].locked;
        playlist.entries.push_back (std::move (entry));
    }

    if (relaxedArtist)
        playlist.notes.push_back ("The same artist plays twice in a row: no other artist fitted");
    if (relaxedAlbum)
        playlist.notes.push_back ("An album appears more than twice: the library had too few "
                                  "other fits");

    return playlist;
}

SequenceQuality Sequencer::measure (const Playlist& playlist)
{
    SequenceQuality q;
    const auto& e = playlist.entries;
    if (e.empty())
        return q;

    int steps = 0, keyed = 0, compatible = 0;
    double tempoSum = 0.0, deviation = 0.0;

    for (std::size_t i = 0; i < e.size(); ++i)
    {
        // The arc as asked for, by position, so that any order of the same tracks compares fairly.
        const auto& f = e[i].track.features;
        const auto wanted = playlist.mood.pointAt (
            e.size() > 1 ? (double) i / (double) (e.size() - 1) : 1.0);
        deviation += std::hypot (f.valence.value_or (0.5) - wanted.valence,
                                 f.energy.value_or (0.5) - wanted.energy);
        if (i == 0)
            continue;

        const auto& prev = e[i - 1].track.features;
        if (prev.tempoBpm && f.tempoBpm)
        {
            tempoSum += Transitions::tempoStep (prev, f);
            ++steps;
        }
        if (Transitions::areKeysKnown (prev, f))
        {
            ++keyed;
            compatible += Transitions::areKeysCompatible (prev, f) ? 1 : 0;
        }
    }

    q.meanTempoStep = steps > 0 ? tempoSum / steps : 0.0;
    q.harmonicShare = keyed > 0 ? (double) compatible / keyed : 1.0;
    q.arcDeviation = deviation / (double) e.size();
    return q;
}

} // namespace moodboard::matching
