#include "Matching/Suggester.h"

#include "Core/Log.h"
#include "Matching/FeatureSpace.h"
#include "Matching/Reasons.h"
#include "Matching/TrackIndex.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

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
                        { return ! word.empty()
                                 && haystack.find (lowerCase (word)) != std::string::npos; });
}

bool isInTempoRange (const library::Track& track, const mood::TempoRange& range)
{
    if (! track.features.tempoBpm)
        return false;

    // Half and double time count: a 140 BPM track suits a 65-75 BPM wish in half time.
    const double bpm = *track.features.tempoBpm;
    const double readings[] = { bpm, bpm * 0.5, bpm * 2.0 };
    return std::any_of (std::begin (readings), std::end (readings),
                        [&] (double b) { return b >= range.min && b <= range.max; });
}

// Candidates come from the index around a few points of the arc; the final choice per slot is
// an exact ranking of this pool, so the index only has to find the right neighbourhood.
constexpr int candidatesPerTrack = 12;
constexpr int minimumPool = 200;
constexpr double assumedTrackSeconds = 210.0;
} // namespace

// The part of the mood plane the library covers: the 5th to 95th percentile of valence and of
// energy (the whole range for small libraries).
struct LibraryRange
{
    double valenceLow = 0.0, valenceHigh = 1.0, energyLow = 0.0, energyHigh = 1.0;
    double acousticLow = 0.0, acousticHigh = 1.0, danceLow = 0.0, danceHigh = 1.0;
    FeatureSpace::Scale scale;   // the same spans, and those of tempo, loudness and brightness

    static LibraryRange of (const std::vector<library::Track>& tracks)
    {
        LibraryRange r;
        auto span = [&] (auto get, double& low, double& high)
        {
            std::vector<double> values;
            for (const auto& t : tracks)
                if (auto v = get (t.features))
                    values.push_back (*v);
            if (values.size() < 2)
                return;
            std::sort (values.begin(), values.end());
            const auto edge = values.size() >= 20 ? values.size() / 20 : 0;
            low = values[edge];
            high = values[values.size() - 1 - edge];
        };
        span ([] (const audio::Features& f) { return f.valence; }, r.valenceLow, r.valenceHigh);
        span ([] (const audio::Features& f) { return f.energy; }, r.energyLow, r.energyHigh);
        span ([] (const audio::Features& f) { return f.acousticness; },
              r.acousticLow, r.acousticHigh);
        span ([] (const audio::Features& f) { return f.danceability; }, r.danceLow, r.danceHigh);

        // The other dimensions on FeatureSpace's normalised scale, from the tracks that have them
        // (a track without a pulse has no tempo, and must not make the slow end look empty).
        auto& s = r.scale;
        using FS = FeatureSpace;
        auto normalised = [] (const std::optional<double>& x, double (*f) (double))
        { return x ? std::optional<double> (f (*x)) : std::nullopt; };
        span ([&] (const audio::Features& f)
              { return normalised (f.tempoBpm, FS::normaliseTempo); },
              s.low[FS::tempo], s.high[FS::tempo]);
        span ([&] (const audio::Features& f)
              { return normalised (f.loudnessLufs, FS::normaliseLoudness); },
              s.low[FS::loudness], s.high[FS::loudness]);
        span ([] (const audio::Features& f) { return f.brightness; },
              s.low[FS::brightness], s.high[FS::brightness]);
        s.low[FS::valence] = r.valenceLow;
        s.high[FS::valence] = r.valenceHigh;
        s.low[FS::energy] = r.energyLow;
        s.high[FS::energy] = r.energyHigh;
        s.low[FS::acousticness] = r.acousticLow;
        s.high[FS::acousticness] = r.acousticHigh;
        s.low[FS::danceability] = r.danceLow;
        s.high[FS::danceability] = r.danceHigh;
        return r;
    }

    /** A constrained 0..1 feature placed in the library's range of it. */
    [[nodiscard]] static std::optional<double> place (const std::optional<double>& x, double low,
                                                      double high)
    {
        return x ? std::optional<double> (low + *x * (high - low)) : std::nullopt;
    }

    // A target asks for "the calmest music" on Spotify's scale; a library whose analysed energy
    // spans only 0.45 to 0.7 still has a calmest part. Targets are placed in the range the
    // library covers, so the ends of the scale reach the ends of the library.
    /** The inverse of place(): a point of the library back on the 0..1 scale. */
    [[nodiscard]] mood::MoodPoint unplace (const mood::MoodPoint& p) const
    {
        auto back = [] (double x, double low, double high)
        { return high - low > 1e-6 ? std::clamp ((x - low) / (high - low), 0.0, 1.0) : 0.5; };
        return { back (p.valence, valenceLow, valenceHigh),
                 back (p.energy, energyLow, energyHigh) };
    }

    [[nodiscard]] mood::MoodPoint place (const mood::MoodPoint& p) const
    {
        return { valenceLow + p.valence * (valenceHigh - valenceLow),
                 energyLow + p.energy * (energyHigh - energyLow) };
    }
};

struct Suggester::State
{
    std::vector<library::Track> tracks;                      // analysed tracks of the catalog
    std::unordered_map<std::int64_t, std::size_t> byId;
    std::int64_t generation = -1;
    LibraryRange range;
    TrackIndex index;
    bool indexLoaded = false;
};

Suggester::Suggester (library::Catalog& c, std::filesystem::path file)
    : catalog (c), indexFile (std::move (file)), state (std::make_unique<State>())
{
}

Suggester::~Suggester() = default;

Expected<void> Suggester::refresh()
{
    const auto generation = catalog.getGeneration();

    if (generation != state->generation)
    {
        state->tracks.clear();
        state->byId.clear();

        for (auto& track : catalog.getAllTracks())
            if (track.isAnalysed())
            {
                state->byId[track.id] = state->tracks.size();
                state->tracks.push_back (std::move (track));
            }

        state->range = LibraryRange::of (state->tracks);
        state->generation = generation;
    }

    if (! state->indexLoaded)
    {
        if (auto loaded = state->index.load (indexFile); ! loaded)
        {
            log::info ("match", loaded.error().message + "; rebuilding it from the catalog");
            state->index.build (state->tracks, generation);
            if (auto saved = state->index.save (indexFile); ! saved)
                log::warning ("match", saved.error().message);
        }
        state->indexLoaded = true;
    }

    if (state->index.getCatalogGeneration() != generation)
    {
        const auto r = state->index.sync (state->tracks, generation);
        log::info ("match", "feature index updated: " + std::to_string (r.added) + " added, "
                                + std::to_string (r.updated) + " replaced, "
                                + std::to_string (r.removed) + " removed");
        if (auto saved = state->index.save (indexFile); ! saved)
            log::warning ("match", saved.error().message);
    }

    if (state->index.size() == 0)
        return makeError (Error::Kind::notFound,
                          "the library has no analysed tracks yet: run `moodboard scan FOLDER` "
                          "or choose a library folder first");
    return {};
}

Expected<library::Track> Suggester::findTrack (const std::string& pathOrId)
{
    if (auto ready = refresh(); ! ready)
        return std::unexpected (ready.error());

    std::optional<library::Track> track;
    if (! pathOrId.empty() && std::all_of (pathOrId.begin(), pathOrId.end(), ::isdigit))
        track = catalog.findById (std::stoll (pathOrId));
    if (! track)
    {
        std::error_code ec;
        const auto absolute = std::filesystem::absolute (pathOrId, ec).lexically_normal().string();
        track = catalog.findByPath (absolute);
    }

    if (track && (! track->isAnalysed() || ! FeatureSpace::embed (track->features)))
        return makeError (Error::Kind::invalidInput,
                          "'" + pathOrId + "' has no usable features (it is silent, too short, or "
                          "its analysis failed); pick another track");

    if (! track)
        return makeError (Error::Kind::notFound,
                          "'" + pathOrId + "' is not an analysed track of the catalog; scan its "
                          "folder first, or give a path as `moodboard scan` stored it");
    return *track;
}

Expected<Playlist> Suggester::suggest (const mood::MoodTarget& asked,
                                       const SequenceOptions& options)
{
    if (auto ready = refresh(); ! ready)
        return std::unexpected (ready.error());

    auto target = asked;
    target.end = state->range.place (asked.end);
    if (asked.start)
        target.start = state->range.place (*asked.start);
    const auto& r = state->range;
    target.acousticness = LibraryRange::place (asked.acousticness, r.acousticLow, r.acousticHigh);
    target.danceability = LibraryRange::place (asked.danceability, r.danceLow, r.danceHigh);

    const int wanted = target.durationSeconds
                         ? (int) std::ceil (*target.durationSeconds / assumedTrackSeconds) + 2
                         : std::max (1, target.count);
    const double widen = 1.0 + 2.0 * std::clamp (options.variety, 0.0, 1.0);
    const int poolSize = (int) (std::max (minimumPool, wanted * candidatesPerTrack) * widen);

    std::set<std::int64_t> poolIds;
    for (double t : { 0.0, 0.5, 1.0 })
        for (auto id : state->index.nearest (FeatureSpace::query (target, target.pointAt (t),
                                                                  state->range.scale),
                                             poolSize))
            poolIds.insert (id);

    std::vector<const library::Track*> pool, outsideTempo;
    int excluded = 0;

    for (auto id : poolIds)
    {
        const auto found = state->byId.find (id);
        if (found == state->byId.end())
            continue;

        const auto& track = state->tracks[found->second];
        if (isExcluded (track, target.exclude))
            ++excluded;
        else if (target.tempoBpm && ! isInTempoRange (track, *target.tempoBpm))
            outsideTempo.push_back (&track);
        else
            pool.push_back (&track);
    }

    std::vector<std::string> notes;

    // A tempo range is a hard constraint until the library cannot fill the playlist within it.
    if (target.tempoBpm && (int) pool.size() < wanted && ! outsideTempo.empty())
    {
        pool.insert (pool.end(), outsideTempo.begin(), outsideTempo.end());
        notes.push_back ("Only " + std::to_string (pool.size() - outsideTempo.size())
                         + " tracks lie in the tempo range asked for; the tempo range was relaxed");
    }

    auto scaled = options;
    scaled.scale = state->range.scale;
    auto playlist = Sequencer::build (pool, target, scaled);

    // The user sees the mood they asked for, and each reason speaks of that mood.
    playlist.mood = asked;
    const auto n = playlist.entries.size();
    for (std::size_t i = 0; i < n; ++i)
    {
        auto& entry = playlist.entries[i];
        const double position = n > 1 ? (double) i / (double) (n - 1) : 1.0;
        entry.target = asked.pointAt (position);
        entry.reason = explainPick (entry.track, asked, entry.target, position);
    }

    if (target.instrumental.has_value())
        notes.push_back ("Vocals are not detected yet, so the wish for "
                         + std::string (*target.instrumental ? "instrumental music" : "vocals")
                         + " could not be applied");

    if (! target.durationSeconds && (int) playlist.entries.size() < target.count)
        notes.push_back ("The library has only " + std::to_string (playlist.entries.size())
                         + " matching tracks, fewer than the " + std::to_string (target.count)
                         + " asked for");

    if (target.durationSeconds && playlist.getTotalSeconds() < *target.durationSeconds)
        notes.push_back ("The library's matching tracks add up to less than the length asked for");

    if (excluded > 0)
        notes.push_back ("Left out " + std::to_string (excluded)
                         + " tracks matching the exclusions");

    playlist.notes.insert (playlist.notes.begin(), notes.begin(), notes.end());
    return playlist;
}

Expected<Playlist> Suggester::suggestLike (const std::string& seed, int count,
                                           const SequenceOptions& options)
{
    auto track = findTrack (seed);
    if (! track)
        return std::unexpected (track.error());

    const auto& f = track->features;
    mood::MoodTarget target;
    target.end = state->range.unplace ({ *f.valence, *f.energy });
    target.count = std::max (1, count);
    auto back = [] (const std::optional<double>& x, double low, double high)
    {
        return x && high - low > 1e-6
                   ? std::optional<double> (std::clamp ((*x - low) / (high - low), 0.0, 1.0))
                   : x;
    };
    const auto& r = state->range;
    target.danceability = back (f.danceability, r.danceLow, r.danceHigh);
    target.acousticness = back (f.acousticness, r.acousticLow, r.acousticHigh);
    if (f.tempoBpm)
        target.tempoBpm = mood::TempoRange { *f.tempoBpm * 0.92, *f.tempoBpm * 1.08 };
    target.confidence = 1.0;
    target.explanation = "Tracks like " + track->title
                         + (track->artist.empty() ? "" : " by " + track->artist) + ".";

    auto withSeed = options;
    withSeed.first = &*track;
    return suggest (target, withSeed);
}

Expected<Playlist> Suggester::suggestPath (const std::string& from, const std::string& to,
                                           int count, const SequenceOptions& options)
{
    auto a = findTrack (from);
    if (! a)
        return std::unexpected (a.error());
    auto b = findTrack (to);
    if (! b)
        return std::unexpected (b.error());

    mood::MoodTarget target;
    target.start = state->range.unplace ({ *a->features.valence, *a->features.energy });
    target.end = state->range.unplace ({ *b->features.valence, *b->features.energy });
    const double rise = (target.end.valence + target.end.energy)
                        - (target.start->valence + target.start->energy);
    target.arc = rise > 0.05 ? mood::Arc::rising
                             : rise < -0.05 ? mood::Arc::falling : mood::Arc::steady;
    if (target.arc == mood::Arc::steady)
        target.arc = mood::Arc::rising;   // the path is still walked from A to B
    target.count = std::max (2, count);
    target.confidence = 1.0;
    target.explanation = "A path from " + a->title + " to " + b->title + ".";

    auto ends = options;
    ends.first = &*a;
    ends.last = &*b;
    return suggest (target, ends);
}

} // namespace moodboard::matching
