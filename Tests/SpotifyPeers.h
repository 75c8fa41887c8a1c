#pragma once

#include "AuthPeers.h"
#include "Spotify/AccessTokenSource.h"
#include "Spotify/PushPlan.h"

#include <nlohmann/json.hpp>

/** The fake Spotify (Tests/fakes/spotify-fake.mjs) and Prism (Tests/peers/spotify/prism.mjs) as
    the Spotify tests use them, with a token source and a confirmation prompt for tests. */
namespace moodboard::testing
{

[[nodiscard]] std::filesystem::path spotifyFakeScript();
[[nodiscard]] std::filesystem::path spotifyPrismScript();

/** The fake's admin side: POST /admin/NAME with a JSON body, GET /admin/log and playlists. */
class SpotifyFake final
{
public:
    SpotifyFake();

    void admin (const std::string& name, const nlohmann::json& body);
    void fault (nlohmann::json fault) { admin ("faults", {{"faults", {std::move (fault)}}}); }
    [[nodiscard]] nlohmann::json requests();
    [[nodiscard]] nlohmann::json playlists();
    /** Requests in the log with this method whose path starts with `prefix`. */
    [[nodiscard]] int count (const std::string& method, const std::string& prefix);
    [[nodiscard]] std::string getBaseUrl() const { return peer.getBaseUrl(); }

private:
    PeerProcess peer;
    net::HttpClient http;
};

/** Hands out "token-1", then "token-2" ... on each renewal, and counts the renewals. */
class TestTokens final : public spotify::AccessTokenSource
{
public:
    Expected<std::string> getToken (const std::atomic<bool>*) override;
    Expected<std::string> renew (const std::string& refused, const std::atomic<bool>*) override;
    std::atomic<int> renewals{0};

private:
    std::mutex mutex;
    std::string current = "token-1";
};

/** Answers every question with `answer`: the test stands in for the user at the prompt. */
class TestPrompt final : public spotify::ConfirmationPrompt
{
public:
    explicit TestPrompt (bool yes = true)
        : answer (yes)
    {
    }
    int asked = 0;

protected:
    bool ask (const spotify::PushPlan&) override
    {
        ++asked;
        return answer;
    }

private:
    bool answer;
};

/** `count` well-formed track URIs, spotify:track:<22 base-62 characters>, all different. */
[[nodiscard]] std::vector<std::string> makeTrackUris (int count);

} // namespace moodboard::testing
