#pragma once

#include "Auth/TokenSet.h"

#include <nlohmann/json.hpp>

#include <string>

namespace moodboard::auth
{

/** What the ID token must say for the sign-in to be accepted (OpenID Connect Core 3.1.3.7). */
struct IdTokenExpectations
{
    std::string issuer;
    std::string clientId;             // must be in `aud`; `azp`, when present, must equal it
    std::string nonce;                // empty: not checked
    std::chrono::seconds leeway{120}; // clock difference allowed for exp, iat and nbf
};

/** The claims of a checked ID token. */
struct IdTokenClaims
{
    std::string subject;
    std::string name; // name, else nickname, else email; may be empty
    nlohmann::json all;
};

/** Decodes a compact JWS and checks its claims against `expected` at time `now`. When `jwks`
    (a JSON Web Key Set document) is given, the RS256 signature is verified against the key whose
    `kid` matches; a token signed any other way is refused. Errors never quote the token. Any
    thread. */
[[nodiscard]] Expected<IdTokenClaims>
checkIdToken (const std::string& idToken, const IdTokenExpectations& expected,
              const std::string* jwks, SystemClock::time_point now = SystemClock::now());

} // namespace moodboard::auth
