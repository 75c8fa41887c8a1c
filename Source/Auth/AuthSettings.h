#pragma once

#include "Auth/OAuthClient.h"
#include "Core/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace moodboard::auth
{

/** The sign-in settings: `auth.json` in the config folder, overridden by environment variables.

    auth.json (every key optional):
        { "auth0": { "domain": "example.eu.auth0.com", "clientId": "...", "audience": "...",
                     "connection": "spotify", "issuer": "https://example.eu.auth0.com/" },
          "spotify": { "clientId": "...", "scopes": "playlist-modify-private ..." },
          "ports": [53682, 53683, 53684] }
    Environment: MOODBOARD_AUTH0_DOMAIN, MOODBOARD_AUTH0_CLIENT_ID, MOODBOARD_AUTH0_AUDIENCE,
    MOODBOARD_AUTH0_CONNECTION, MOODBOARD_AUTH0_ISSUER (a base URL such as http://127.0.0.1:4000/
    that replaces https://DOMAIN/, for tests), MOODBOARD_AUTH_PORTS ("53682,53683"),
    MOODBOARD_SPOTIFY_CLIENT_ID, MOODBOARD_SPOTIFY_ACCOUNTS_URL and MOODBOARD_SPOTIFY_API_URL
    (base URLs replacing Spotify's, for tests). None of these is secret: a native app has no
    client secret.
*/
struct AuthSettings
{
    std::string auth0Issuer; // "https://DOMAIN/" (with the slash, as Auth0 writes `iss`)
    std::string auth0ClientId;
    std::string auth0Audience;
    std::string auth0Connection = "spotify";
    std::string spotifyClientId;
    std::string spotifyAccountsUrl = "https://accounts.spotify.com";
    std::string spotifyApiUrl = "https://api.spotify.com";
    // What the features need and nothing more: read playlists, library, top and recent tracks;
    // write private playlists and their covers; start playback or queue on the user's device.
    std::string spotifyScopes = "playlist-read-private playlist-modify-private ugc-image-upload "
                                "user-library-read user-top-read user-read-recently-played "
                                "user-modify-playback-state user-read-private";
    std::vector<std::uint16_t> ports{53682, 53683, 53684};

    [[nodiscard]] bool hasAuth0() const { return !auth0Issuer.empty() && !auth0ClientId.empty(); }
    [[nodiscard]] bool hasSpotify() const { return !spotifyClientId.empty(); }

    /** Auth0's endpoints under the issuer: /authorize, /oauth/token, /oauth/revoke and
        /.well-known/jwks.json, scope "openid profile offline_access". */
    [[nodiscard]] OAuthEndpoints auth0Endpoints() const;

    /** Spotify's accounts service (no ID token, no revocation endpoint). */
    [[nodiscard]] OAuthEndpoints spotifyEndpoints() const;
};

/** Reads auth.json (a damaged file is an error, a missing one is not) and the environment.
    Any thread. */
[[nodiscard]] Expected<AuthSettings> loadAuthSettings();

/** Parses "53682, 53683"; nothing when a port is not a number from 1 to 65535. Any thread. */
[[nodiscard]] std::optional<std::vector<std::uint16_t>> parsePortList (std::string_view text);

} // namespace moodboard::auth
