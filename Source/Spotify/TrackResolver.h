#pragma once

#include "Library/Track.h"
#include "Spotify/SpotifyApi.h"

#include <functional>

namespace moodboard::spotify
{

/** How well a Spotify track fits a local file, from 0 to 1: title and artist compared after
    folding case and dropping decorations ("(Remastered 2011)", "feat. X"), plus how close the
    durations are. Any thread. */
[[nodiscard]] double matchScore (const library::Track& local, const SpotifyTrack& candidate);

/** Folds ASCII case, drops bracketed and dash-separated version notes, "feat." parts and
    punctuation, and squeezes spaces; other characters (accents, other scripts) are kept as
    they are. Any thread. */
[[nodiscard]] std::string normaliseForMatching (std::string_view text);

struct Resolution
{
    enum class Status
    {
        matched,   // one clear match
        ambiguous, // several close candidates: listed, not guessed
        notFound,
        failed // the search itself failed (see `error`)
    };

    Status status = Status::notFound;
    std::optional<SpotifyTrack> match;
    double score = 0.0;
    bool byIsrc = false;
    std::vector<SpotifyTrack> candidates; // for ambiguous ones, best first
    std::string error;
};

/** Finds the user's local tracks on Spotify: by ISRC when the file has one, else by a fielded
    search on title and artist (then a plain one), scored with matchScore(). A best score of
    `acceptScore` or more is a match unless a different recording scores within
    `ambiguityMargin` of it; a best score below that but above `considerScore` is ambiguous.
    Titles and artists are searched as they are, non-ASCII included.

    resolveAll() runs `parallelCalls` workers, each with its own SpotifyApi on the shared token
    source and a shared RequestPacer, so the calls overlap within the rate limit. Any thread
    except the message and audio threads.
*/
class TrackResolver final
{
public:
    struct Options
    {
        double acceptScore = 0.80;
        double considerScore = 0.55;
        double ambiguityMargin = 0.05;
        int parallelCalls = 4;
        double requestsPerSecond = 20.0;
    };

    TrackResolver (AccessTokenSource& tokens, ApiOptions api, Options options);
    TrackResolver (AccessTokenSource& tokens, ApiOptions api);

    /** One track, on the caller's thread, with `api`. */
    [[nodiscard]] static Resolution resolveOne (SpotifyApi& api, const library::Track& track,
                                                const Options& options,
                                                const std::atomic<bool>* cancel);

    /** Every track, in the order given; `progress` (done, total) is called from the workers. */
    [[nodiscard]] std::vector<Resolution>
    resolveAll (const std::vector<library::Track>& tracks,
                const std::function<void (int, int)>& progress = {},
                const std::atomic<bool>* cancel = nullptr);

    /** Requests the last resolveAll() sent. */
    [[nodiscard]] int getRequestCount() const { return requests; }

private:
    AccessTokenSource& tokens;
    ApiOptions api;
    Options options;
    int requests = 0;
};

} // namespace moodboard::spotify
