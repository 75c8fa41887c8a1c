#pragma once

#include "Net/HttpClient.h"
#include "Spotify/AccessTokenSource.h"
#include "Spotify/RequestPacer.h"
#include "Spotify/SpotifyModels.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <span>

namespace moodboard::spotify
{

struct ApiOptions
{
    std::string baseUrl = "https://api.spotify.com"; // without /v1; tests point it at loopback
    /** A 429 asking to wait at most this long is waited out inside the call (cancellable);
        longer waits end the call with a message that says when to try again. */
    std::chrono::seconds longestRateLimitWait{5};
    int rateLimitRetries = 3;
    std::chrono::milliseconds totalTimeout{30000};
    std::chrono::milliseconds connectTimeout{10000};
    /** Shared by every client that talks to the same account, so that parallel work stays
        under the rate limit together. Null: no pacing beyond one request at a time. */
    std::shared_ptr<RequestPacer> pacer;
    net::HttpClient::Options http;
    /** Most items any list call collects, whatever `total` says. */
    int longestList = 10000;
};

/** What a failed call knows besides its message. */
struct ApiProblem
{
    long status = 0;                                // 0 when no answer came
    std::optional<std::chrono::seconds> retryAfter; // for a rate limit too long to wait out
};

/** Spotify's Web API as the product uses it (February 2026 and later: playlists created with
    POST /me/playlists, items at /playlists/{id}/items, search pages of at most 10).

    Each call: takes the bearer token from the AccessTokenSource; on 401 renews it once and
    repeats once, never more; on 429 waits out a short Retry-After (or fails with when to retry);
    leaves 5xx and dropped connections of repeatable requests to HttpClient's bounded, jittered
    retries; reads the message out of Spotify's error body for other 4xx. List calls follow
    `next` only while it stays on the API's own host, and stop at `total`, at an empty page, at a
    repeated page and at `longestList`.

    Reads are public. Writes to the user's account (create a playlist, add items, upload a cover,
    start playback) are private: only PlaylistWriter, which demands a confirmation, reaches them.

    One client sends one request at a time; use one client per thread for parallel requests
    (with a shared RequestPacer). Any thread except the message and audio threads.
*/
class SpotifyApi final
{
public:
    SpotifyApi (AccessTokenSource& tokens, ApiOptions options = {});

    [[nodiscard]] Expected<SpotifyUser> getCurrentUser (const std::atomic<bool>* cancel = nullptr);

    /** One page of a track search; `limit` is clamped to 1..10 (the development-mode maximum). */
    [[nodiscard]] Expected<std::vector<SpotifyTrack>>
    searchTracks (const std::string& query, int limit = 10, int offset = 0,
                  const std::atomic<bool>* cancel = nullptr);

    [[nodiscard]] Expected<std::vector<SpotifyTrack>>
    getSavedTracks (int maxTracks, const std::atomic<bool>* cancel = nullptr);
    [[nodiscard]] Expected<std::vector<SpotifyTrack>>
    getRecentlyPlayed (int maxTracks, const std::atomic<bool>* cancel = nullptr);
    [[nodiscard]] Expected<std::vector<SpotifyTrack>>
    getTopTracks (int maxTracks, const std::atomic<bool>* cancel = nullptr);

    /** The playlists the user owns or follows, newest first as Spotify lists them. */
    [[nodiscard]] Expected<std::vector<SpotifyPlaylist>>
    getMyPlaylists (int maxPlaylists, const std::atomic<bool>* cancel = nullptr);

    [[nodiscard]] Expected<SpotifyPlaylist> getPlaylist (const std::string& playlistId,
                                                         const std::atomic<bool>* cancel = nullptr);
    [[nodiscard]] Expected<std::vector<SpotifyTrack>>
    getPlaylistTracks (const std::string& playlistId, int maxTracks,
                       const std::atomic<bool>* cancel = nullptr);

    /** Spotify's audio features for up to 100 ids at a time (more are fetched in batches). An
        account that gets none (403, every app created since November 2024) gives nothing, not
        an error, and the refusal is remembered: later calls send no request. */
    [[nodiscard]] Expected<std::optional<std::vector<SpotifyAudioFeatures>>>
    getAudioFeatures (const std::vector<std::string>& trackIds,
                      const std::atomic<bool>* cancel = nullptr);

    [[nodiscard]] bool isAudioFeaturesRefused() const { return featuresRefused.load(); }
    /** Carries a refusal remembered from an earlier run. */
    void setAudioFeaturesRefused (bool refused) { featuresRefused = refused; }

    /** Requests sent so far, retries included; for benchmarks and tests. */
    [[nodiscard]] int getRequestCount() const { return requestCount.load(); }

    /** Details of the last failed call on this thread's client. */
    [[nodiscard]] ApiProblem getLastProblem() const;

private:
    friend class PlaylistWriter;

    [[nodiscard]] Expected<SpotifyPlaylist> createPlaylist (const std::string& name,
                                                            const std::string& description,
                                                            bool isPublic,
                                                            const std::atomic<bool>* cancel);
    [[nodiscard]] Expected<void> addItems (const std::string& playlistId,
                                           std::span<const std::string> uris,
                                           const std::atomic<bool>* cancel);
    [[nodiscard]] Expected<void> replaceItems (const std::string& playlistId,
                                               std::span<const std::string> uris,
                                               const std::atomic<bool>* cancel);
    [[nodiscard]] Expected<void> uploadCover (const std::string& playlistId,
                                              const std::string& jpegBase64,
                                              const std::atomic<bool>* cancel);
    [[nodiscard]] Expected<void> startPlayback (const std::string& contextUri,
                                                const std::atomic<bool>* cancel);
    [[nodiscard]] Expected<void> addToQueue (const std::string& uri,
                                             const std::atomic<bool>* cancel);

    struct Call
    {
        std::string method = "GET";
        std::string target; // a path under /v1, or an absolute `next` URL
        std::string body;
        std::string contentType;
        std::string what; // "search Spotify", for messages
    };

    [[nodiscard]] Expected<nlohmann::json> send (const Call&, const std::atomic<bool>* cancel);
    [[nodiscard]] Expected<std::vector<nlohmann::json>> collect (const std::string& firstPath,
                                                                 int maxItems,
                                                                 const std::string& what,
                                                                 const std::atomic<bool>*);
    [[nodiscard]] Expected<std::vector<SpotifyTrack>> collectTracks (const std::string& firstPath,
                                                                     int maxTracks,
                                                                     const std::string& what,
                                                                     const std::atomic<bool>*);
    [[nodiscard]] std::unexpected<Error> fail (Error::Kind, std::string message, ApiProblem);

    AccessTokenSource& tokens;
    ApiOptions options;
    net::HttpClient http;
    std::atomic<bool> featuresRefused{false};
    std::atomic<int> requestCount{0};
    mutable std::mutex problemMutex;
    ApiProblem lastProblem;
};

} // namespace moodboard::spotify
