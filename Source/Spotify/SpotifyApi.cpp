#include "Spotify/SpotifyApi.h"

#include "Core/Log.h"

#include <algorithm>
#include <set>

namespace moodboard::spotify
{
namespace
{
using nlohmann::json;

std::string minutesText (std::chrono::seconds wait)
{
    if (wait.count() < 90)
        return std::to_string (wait.count()) + " seconds";
    return "about " + std::to_string ((wait.count() + 59) / 60) + " minutes";
}

std::string joinIds (std::span<const std::string> ids)
{
    std::string joined;
    for (const auto& id : ids)
        joined += (joined.empty() ? "" : ",") + id;
    return joined;
}

std::string urisBody (std::span<const std::string> uris)
{
    return json{{"uris", std::vector<std::string> (uris.begin(), uris.end())}}.dump();
}
} // namespace

SpotifyApi::SpotifyApi (AccessTokenSource& source, ApiOptions chosen)
    : tokens (source)
    , options (std::move (chosen))
    , http (options.http)
{
    while (!options.baseUrl.empty() && options.baseUrl.back() == '/')
        options.baseUrl.pop_back();
}

ApiProblem SpotifyApi::getLastProblem() const
{
    std::lock_guard lock (problemMutex);
    return lastProblem;
}

std::unexpected<Error> SpotifyApi::fail (Error::Kind kind, std::string message, ApiProblem problem)
{
    {
        std::lock_guard lock (problemMutex);
        lastProblem = problem;
    }
    log::warning ("spotify", message);
    return std::unexpected<Error> (Error{kind, std::move (message)});
}

Expected<json> SpotifyApi::send (const Call& call, const std::atomic<bool>* cancel)
{
    net::HttpRequest request;
    request.method = call.method;
    request.url =
        call.target.starts_with ("http") ? call.target : options.baseUrl + "/v1" + call.target;
    request.body = call.body;
    request.connectTimeout = options.connectTimeout;
    request.totalTimeout = options.totalTimeout;
    if (!call.contentType.empty())
        request.headers.emplace_back ("Content-Type", call.contentType);

    auto token = tokens.getToken (cancel);
    if (!token)
        return fail (token.error().kind, "cannot " + call.what + ": " + token.error().message, {});

    bool renewed = false;
    int rateLimitWaits = 0;
    bool reread = false;
    for (;;)
    {
        if (options.pacer && !options.pacer->waitForTurn (cancel))
            return fail (Error::Kind::cancelled, "stopped: " + call.what, {});

        auto attempt = request;
        attempt.headers.emplace_back ("Authorization", "Bearer " + *token);
        ++requestCount;
        auto response = http.send (attempt, cancel);
        if (!response)
            return fail (response.error().kind,
                         "cannot " + call.what + ": " + response.error().message, {});

        const auto status = response->status;
        if (status == 401 && !renewed)
        {
            // Expired or revoked: one renewal and one repeat, never a loop.
            renewed = true;
            token = tokens.renew (*token, cancel);
            if (!token)
                return fail (token.error().kind,
                             "cannot " + call.what + ": " + token.error().message, {status, {}});
            continue;
        }

        if (status == 429)
        {
            const auto wait = response->retryAfter.value_or (std::chrono::seconds (1));
            if (wait <= options.longestRateLimitWait && rateLimitWaits < options.rateLimitRetries)
            {
                ++rateLimitWaits;
                const auto pause = std::chrono::duration_cast<std::chrono::milliseconds> (wait);
                if (options.pacer)
                    options.pacer->holdOff (pause);
                log::info ("spotify", "rate limited; waiting " + minutesText (wait));
                if (!sleepUnlessCancelled (pause, cancel))
                    return fail (Error::Kind::cancelled, "stopped: " + call.what, {status, {}});
                continue;
            }
            return fail (Error::Kind::io,
                         "Spotify is limiting how often this app may call it; try again in " +
                             minutesText (wait) + " (nothing was lost)",
                         {status, wait});
        }

        if (status == 401)
            return fail (Error::Kind::invalidInput,
                         "Spotify refused the sign-in to " + call.what +
                             "; run `moodboard login` again",
                         {status, {}});

        if (status >= 500)
            return fail (Error::Kind::io,
                         "Spotify could not " + call.what + " (HTTP " + std::to_string (status) +
                             "); try again in a few minutes",
                         {status, {}});

        if (status >= 400)
        {
            auto message = errorMessageOf (response->body);
            return fail (status == 404 ? Error::Kind::notFound : Error::Kind::invalidInput,
                         "Spotify refused to " + call.what + " (HTTP " + std::to_string (status) +
                             (message.empty() ? ")" : "): " + message),
                         {status, {}});
        }

        if (response->body.empty())
            return json();
        auto parsed = json::parse (response->body, nullptr, false);
        if (!parsed.is_discarded())
            return parsed;

        // A cut-off answer to a read is asked again once; a write is not repeated blindly.
        if (call.method == "GET" && !reread)
        {
            reread = true;
            continue;
        }
        return fail (Error::Kind::corrupt,
                     "Spotify's answer to " + call.what + " was cut off or damaged; try again",
                     {status, {}});
    }
}

Expected<std::vector<json>> SpotifyApi::collect (const std::string& firstPath, int maxItems,
                                                 const std::string& what,
                                                 const std::atomic<bool>* cancel)
{
    std::vector<json> items;
    std::set<std::string> visited;
    const auto limit = std::min (maxItems, options.longestList);
    std::string target = firstPath;

    while (static_cast<int> (items.size()) < limit)
    {
        auto body = send ({"GET", target, {}, {}, what}, cancel);
        if (!body)
            return std::unexpected (body.error());
        const auto& pageJson = body->contains ("items")    ? *body
                               : body->contains ("tracks") ? (*body)["tracks"]
                                                           : *body;
        auto page = parsePage (pageJson);
        for (auto& item : page.items)
            if (static_cast<int> (items.size()) < limit)
                items.push_back (std::move (item));

        const bool pastTotal =
            page.total > 0 && page.offset + static_cast<int> (page.items.size()) >= page.total;
        if (page.items.empty() || pastTotal || page.next.empty())
            break;
        // The bearer token goes nowhere but Spotify's own API host.
        if (!page.next.starts_with (options.baseUrl + "/"))
        {
            log::warning ("spotify", "a page link pointed away from the API; the list stops");
            break;
        }
        if (!visited.insert (page.next).second)
            break;
        target = page.next;
    }
    return items;
}

Expected<std::vector<SpotifyTrack>> SpotifyApi::collectTracks (const std::string& firstPath,
                                                               int maxTracks,
                                                               const std::string& what,
                                                               const std::atomic<bool>* cancel)
{
    auto items = collect (firstPath, maxTracks, what, cancel);
    if (!items)
        return std::unexpected (items.error());
    std::vector<SpotifyTrack> tracks;
    for (const auto& item : *items)
        if (auto track = parseTrack (item))
            tracks.push_back (std::move (*track));
    return tracks;
}

Expected<SpotifyUser> SpotifyApi::getCurrentUser (const std::atomic<bool>* cancel)
{
    auto body = send ({"GET", "/me", {}, {}, "read your Spotify profile"}, cancel);
    if (!body)
        return std::unexpected (body.error());
    auto user = parseUser (*body);
    if (user.id.empty())
        return fail (Error::Kind::corrupt, "Spotify's profile answer has no user id; try again",
                     {200, {}});
    return user;
}

Expected<std::vector<SpotifyTrack>> SpotifyApi::searchTracks (const std::string& query, int limit,
                                                              int offset,
                                                              const std::atomic<bool>* cancel)
{
    const net::Parameters parameters{{"q", query},
                                     {"type", "track"},
                                     {"limit", std::to_string (std::clamp (limit, 1, 10))},
                                     {"offset", std::to_string (std::max (0, offset))}};
    auto body = send (
        {"GET", "/search?" + net::encodeParameters (parameters), {}, {}, "search Spotify"}, cancel);
    if (!body)
        return std::unexpected (body.error());

    std::vector<SpotifyTrack> tracks;
    if (body->is_object() && body->contains ("tracks"))
        for (const auto& item : parsePage ((*body)["tracks"]).items)
            if (auto track = parseTrack (item))
                tracks.push_back (std::move (*track));
    return tracks;
}

Expected<std::vector<SpotifyTrack>> SpotifyApi::getSavedTracks (int maxTracks,
                                                                const std::atomic<bool>* cancel)
{
    return collectTracks ("/me/tracks?limit=50&offset=0", maxTracks, "read your saved tracks",
                          cancel);
}

Expected<std::vector<SpotifyTrack>> SpotifyApi::getRecentlyPlayed (int maxTracks,
                                                                   const std::atomic<bool>* cancel)
{
    // Spotify keeps only the last 50 plays, in one page with cursors instead of offsets.
    const auto limit = std::clamp (maxTracks, 1, 50);
    return collectTracks ("/me/player/recently-played?limit=" + std::to_string (limit), limit,
                          "read your recently played tracks", cancel);
}

Expected<std::vector<SpotifyTrack>> SpotifyApi::getTopTracks (int maxTracks,
                                                              const std::atomic<bool>* cancel)
{
    return collectTracks ("/me/top/tracks?limit=50&offset=0", maxTracks, "read your top tracks",
                          cancel);
}

Expected<std::vector<SpotifyPlaylist>> SpotifyApi::getMyPlaylists (int maxPlaylists,
                                                                   const std::atomic<bool>* cancel)
{
    auto items =
        collect ("/me/playlists?limit=50&offset=0", maxPlaylists, "list your playlists", cancel);
    if (!items)
        return std::unexpected (items.error());
    std::vector<SpotifyPlaylist> playlists;
    for (const auto& item : *items)
        if (auto playlist = parsePlaylist (item); !playlist.id.empty())
            playlists.push_back (std::move (playlist));
    return playlists;
}

Expected<SpotifyPlaylist> SpotifyApi::getPlaylist (const std::string& playlistId,
                                                   const std::atomic<bool>* cancel)
{
    auto body =
        send ({"GET", "/playlists/" + net::percentEncode (playlistId), {}, {}, "read the playlist"},
              cancel);
    if (!body)
        return std::unexpected (body.error());
    return parsePlaylist (*body);
}

Expected<std::vector<SpotifyTrack>> SpotifyApi::getPlaylistTracks (const std::string& playlistId,
                                                                   int maxTracks,
                                                                   const std::atomic<bool>* cancel)
{
    return collectTracks ("/playlists/" + net::percentEncode (playlistId) +
                              "/items?limit=50&offset=0",
                          maxTracks, "read the playlist's tracks", cancel);
}

Expected<std::optional<std::vector<SpotifyAudioFeatures>>>
SpotifyApi::getAudioFeatures (const std::vector<std::string>& trackIds,
                              const std::atomic<bool>* cancel)
{
    std::vector<SpotifyAudioFeatures> features;
    for (std::size_t start = 0; start < trackIds.size(); start += 100)
    {
        if (featuresRefused)
            return std::optional<std::vector<SpotifyAudioFeatures>>();

        const auto count = std::min<std::size_t> (100, trackIds.size() - start);
        const std::span<const std::string> batch (trackIds.data() + start, count);
        auto body = send ({"GET",
                           "/audio-features?ids=" + net::percentEncode (joinIds (batch)),
                           {},
                           {},
                           "read audio features"},
                          cancel);
        if (!body)
        {
            if (getLastProblem().status == 403)
            {
                featuresRefused = true;
                log::info ("spotify", "this account gets no audio features; local analysis "
                                      "is used instead");
                return std::optional<std::vector<SpotifyAudioFeatures>>();
            }
            return std::unexpected (body.error());
        }
        if (body->is_object() && (*body)["audio_features"].is_array())
            for (const auto& item : (*body)["audio_features"])
                if (auto parsed = parseAudioFeatures (item))
                    features.push_back (std::move (*parsed));
    }
    return std::optional (std::move (features));
}

Expected<SpotifyPlaylist> SpotifyApi::createPlaylist (const std::string& name,
                                                      const std::string& description, bool isPublic,
                                                      const std::atomic<bool>* cancel)
{
    const json body{{"name", name}, {"description", description}, {"public", isPublic}};
    auto answer = send (
        {"POST", "/me/playlists", body.dump(), "application/json", "create the playlist"}, cancel);
    if (!answer)
        return std::unexpected (answer.error());
    auto playlist = parsePlaylist (*answer);
    if (playlist.id.empty())
        return fail (Error::Kind::corrupt,
                     "Spotify created the playlist but did not say its id; look for it in "
                     "Spotify before trying again",
                     {201, {}});
    return playlist;
}

Expected<void> SpotifyApi::addItems (const std::string& playlistId,
                                     std::span<const std::string> uris,
                                     const std::atomic<bool>* cancel)
{
    auto answer = send ({"POST", "/playlists/" + net::percentEncode (playlistId) + "/items",
                         urisBody (uris), "application/json", "add tracks to the playlist"},
                        cancel);
    if (!answer)
        return std::unexpected (answer.error());
    return {};
}

Expected<void> SpotifyApi::replaceItems (const std::string& playlistId,
                                         std::span<const std::string> uris,
                                         const std::atomic<bool>* cancel)
{
    auto answer = send ({"PUT", "/playlists/" + net::percentEncode (playlistId) + "/items",
                         urisBody (uris), "application/json", "replace the playlist's tracks"},
                        cancel);
    if (!answer)
        return std::unexpected (answer.error());
    return {};
}

Expected<void> SpotifyApi::uploadCover (const std::string& playlistId,
                                        const std::string& jpegBase64,
                                        const std::atomic<bool>* cancel)
{
    auto answer = send ({"PUT", "/playlists/" + net::percentEncode (playlistId) + "/images",
                         jpegBase64, "image/jpeg", "upload the playlist's cover"},
                        cancel);
    if (!answer)
        return std::unexpected (answer.error());
    return {};
}

Expected<void> SpotifyApi::startPlayback (const std::string& contextUri,
                                          const std::atomic<bool>* cancel)
{
    const json body{{"context_uri", contextUri}};
    auto answer = send (
        {"PUT", "/me/player/play", body.dump(), "application/json", "start playback"}, cancel);
    if (!answer)
        return std::unexpected (answer.error());
    return {};
}

Expected<void> SpotifyApi::addToQueue (const std::string& uri, const std::atomic<bool>* cancel)
{
    auto answer = send ({"POST",
                         "/me/player/queue?" + net::encodeParameters ({{"uri", uri}}),
                         {},
                         {},
                         "queue the track"},
                        cancel);
    if (!answer)
        return std::unexpected (answer.error());
    return {};
}

} // namespace moodboard::spotify
