#include "Auth/LoginFlow.h"

#include "Auth/IdToken.h"
#include "Auth/Pkce.h"
#include "Core/Log.h"

namespace moodboard::auth
{
namespace
{
net::CallbackPage pageFor (const Expected<TokenSet>& outcome)
{
    if (outcome)
        return {200, "Signed in", "Music Moodboard is now signed in."};
    return {400, "Sign-in failed",
            "Music Moodboard did not sign in: " + outcome.error().message + "."};
}
} // namespace

LoginFlow::LoginFlow (OAuthEndpoints endpoints, net::HttpClient& client_, LoginOptions opts)
    : client (std::move (endpoints), client_)
    , http (client_)
    , options (std::move (opts))
{
}

LoginFlow::~LoginFlow() = default;

Expected<void> LoginFlow::prepare()
{
    auto v = makeCodeVerifier (64);
    auto s = makeState();
    auto n = makeState();
    if (!v || !s || !n)
        return makeError (Error::Kind::internal, "the secure random source failed; try again");

    verifier = std::move (*v);
    state = std::move (*s);
    nonce = client.getEndpoints().issuer.empty() ? std::string() : std::move (*n);

    auto opened = net::LoopbackListener::open (options.listener);
    if (!opened)
        return std::unexpected (opened.error());

    listener = std::move (*opened);
    redirectUri = listener->getRedirectUri();
    authorizeUrl =
        client.buildAuthorizeUrl (redirectUri, state, makeCodeChallenge (verifier), nonce);
    return {};
}

Expected<TokenSet> LoginFlow::run (const std::atomic<bool>* cancel)
{
    if (auto ready = prepare(); !ready)
        return std::unexpected (ready.error());

    const bool opened = options.opener && options.opener (authorizeUrl);
    if (!opened && options.showUrl)
        options.showUrl (authorizeUrl);

    return complete (cancel);
}

Expected<TokenSet> LoginFlow::complete (const std::atomic<bool>* cancel)
{
    if (!listener)
        return makeError (Error::Kind::internal, "the sign-in was not prepared");

    std::optional<Expected<TokenSet>> outcome;

    auto query = listener->waitForCallback (options.timeout, cancel,
                                            [&] (const net::Parameters& q)
                                            {
                                                outcome = redeem (q, cancel);
                                                return pageFor (*outcome);
                                            });
    listener.reset();

    if (!query)
    {
        log::warning ("auth", "sign-in ended: " + query.error().message);
        return std::unexpected (query.error());
    }

    if (!*outcome)
        log::warning ("auth", "sign-in failed: " + outcome->error().message);
    else
        log::info ("auth", "signed in");

    return std::move (*outcome);
}

Expected<TokenSet> LoginFlow::redeem (const net::Parameters& query, const std::atomic<bool>* cancel)
{
    const auto receivedState = net::findParameter (query, "state");

    if (!receivedState)
        return makeError (
            Error::Kind::invalidInput,
            "the sign-in response carried no state, so it cannot be trusted; sign in again");

    if (!equalsInConstantTime (*receivedState, state))
        return makeError (Error::Kind::invalidInput,
                          "the sign-in response does not belong to this sign-in (wrong state); it "
                          "may come from an older attempt or another site; sign in again");

    if (const auto error = net::findParameter (query, "error"))
    {
        if (*error == "access_denied")
            return makeError (Error::Kind::cancelled,
                              "access was denied in the browser (access_denied); sign in again and "
                              "allow Music Moodboard if you want to use your account");

        auto description = net::findParameter (query, "error_description").value_or ("");
        if (description.size() > 160)
            description = description.substr (0, 160) + "...";
        return makeError (Error::Kind::invalidInput,
                          "the sign-in service reported an error (" + log::redact (*error) +
                              (description.empty() ? "" : ": " + log::redact (description)) +
                              "); check the application settings and sign in again");
    }

    // RFC 9207: when the provider names itself, it must be the one the request went to.
    if (const auto iss = net::findParameter (query, "iss");
        iss && !client.getEndpoints().issuer.empty() && *iss != client.getEndpoints().issuer)
        return makeError (Error::Kind::invalidInput,
                          "the sign-in response came from another issuer; sign in again");

    const auto code = net::findParameter (query, "code");
    if (!code || code->empty())
        return makeError (Error::Kind::invalidInput,
                          "the sign-in response carried no code; sign in again");

    receivedCode = *code;
    ++tokenRequests;
    auto tokens = client.exchangeCode (*code, redirectUri, verifier, cancel);
    if (!tokens)
        return tokens;

    if (auto ok = checkIdentity (*tokens, cancel); !ok)
        return std::unexpected (ok.error());

    return tokens;
}

Expected<void> LoginFlow::checkIdentity (TokenSet& tokens, const std::atomic<bool>* cancel)
{
    const auto& endpoints = client.getEndpoints();
    if (endpoints.issuer.empty())
        return {};

    if (tokens.idToken.empty())
        return makeError (Error::Kind::corrupt,
                          "the sign-in service sent no ID token; check that the "
                          "\"openid\" scope is allowed for this application");

    std::string jwks;
    const std::string* keys = nullptr;

    if (!endpoints.jwksUrl.empty())
    {
        net::HttpRequest request;
        request.url = endpoints.jwksUrl;
        request.totalTimeout = endpoints.requestTimeout;
        auto response = http.send (request, cancel);
        if (!response)
            return std::unexpected (response.error());
        if (!response->isSuccess())
            return makeError (Error::Kind::io,
                              "the sign-in service's signing keys could not be fetched (HTTP " +
                                  std::to_string (response->status) + "); try again");
        jwks = std::move (response->body);
        keys = &jwks;
    }

    auto claims = checkIdToken (
        tokens.idToken, {endpoints.issuer, endpoints.clientId, nonce, options.idTokenLeeway}, keys);
    if (!claims)
        return std::unexpected (claims.error());

    tokens.subject = claims->subject;
    tokens.displayName = claims->name;
    return {};
}

} // namespace moodboard::auth
