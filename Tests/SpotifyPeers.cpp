#include "SpotifyPeers.h"

#include <catch2/catch.hpp>

namespace moodboard::testing
{

std::filesystem::path spotifyFakeScript()
{
    return std::filesystem::path (MOODBOARD_TEST_SOURCE_DIR) / "fakes" / "spotify-fake.mjs";
}

std::filesystem::path spotifyPrismScript()
{
    return std::filesystem::path (MOODBOARD_TEST_SOURCE_DIR) / "peers" / "spotify" / "prism.mjs";
}

SpotifyFake::SpotifyFake()
    : peer (spotifyFakeScript(), {})
{
}

void SpotifyFake::admin (const std::string& name, const nlohmann::json& body)
{
    net::HttpRequest request;
    request.method = "POST";
    request.url = peer.getBaseUrl() + "/admin/" + name;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = body.dump();
    const auto response = http.send (request);
    REQUIRE (response);
    REQUIRE (response->status == 200);
}

nlohmann::json SpotifyFake::requests()
{
    const auto response = http.send ({.url = peer.getBaseUrl() + "/admin/log"});
    REQUIRE (response);
    return nlohmann::json::parse (response->body);
}

nlohmann::json SpotifyFake::playlists()
{
    const auto response = http.send ({.url = peer.getBaseUrl() + "/admin/playlists"});
    REQUIRE (response);
    return nlohmann::json::parse (response->body);
}

int SpotifyFake::count (const std::string& method, const std::string& prefix)
{
    int n = 0;
    for (const auto& entry : requests())
        if (entry.value ("method", "") == method && entry.value ("path", "").starts_with (prefix))
            ++n;
    return n;
}

Expected<std::string> TestTokens::getToken (const std::atomic<bool>*)
{
    std::lock_guard lock (mutex);
    return current;
}

Expected<std::string> TestTokens::renew (const std::string& refused, const std::atomic<bool>*)
{
    std::lock_guard lock (mutex);
    if (refused == current)
    {
        ++renewals;
        current = "token-" + std::to_string (renewals + 1);
    }
    return current;
}

std::vector<std::string> makeTrackUris (int count)
{
    static const char* digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    std::vector<std::string> uris;
    for (int i = 0; i < count; ++i)
    {
        std::string id = "4iV5W9uYEdYUVa79Ax";
        auto n = i;
        for (int d = 0; d < 4; ++d, n /= 62)
            id += digits[n % 62];
        uris.push_back ("spotify:track:" + id);
    }
    return uris;
}

} // namespace moodboard::testing
