#include "Auth/IdToken.h"

#include "Auth/Pkce.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace moodboard::auth
{
namespace
{
std::unexpected<Error> refused (const std::string& why)
{
    return makeError (Error::Kind::invalidInput,
                      "the ID token from the sign-in service was refused: " + why +
                          "; sign in again, and check the clock "
                          "and the configured domain if it repeats");
}

struct PkeyDeleter
{
    void operator() (EVP_PKEY* key) const { EVP_PKEY_free (key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

PkeyPtr rsaKeyFrom (const std::string& modulus, const std::string& exponent)
{
    BIGNUM* n = BN_bin2bn (reinterpret_cast<const unsigned char*> (modulus.data()),
                           static_cast<int> (modulus.size()), nullptr);
    BIGNUM* e = BN_bin2bn (reinterpret_cast<const unsigned char*> (exponent.data()),
                           static_cast<int> (exponent.size()), nullptr);
    OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM* params = nullptr;
    EVP_PKEY* key = nullptr;
    EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_name (nullptr, "RSA", nullptr);

    if (n != nullptr && e != nullptr && builder != nullptr && context != nullptr &&
        OSSL_PARAM_BLD_push_BN (builder, OSSL_PKEY_PARAM_RSA_N, n) == 1 &&
        OSSL_PARAM_BLD_push_BN (builder, OSSL_PKEY_PARAM_RSA_E, e) == 1 &&
        (params = OSSL_PARAM_BLD_to_param (builder)) != nullptr &&
        EVP_PKEY_fromdata_init (context) == 1)
        EVP_PKEY_fromdata (context, &key, EVP_PKEY_PUBLIC_KEY, params);

    OSSL_PARAM_free (params);
    OSSL_PARAM_BLD_free (builder);
    EVP_PKEY_CTX_free (context);
    BN_free (n);
    BN_free (e);
    return PkeyPtr (key);
}

bool verifyRs256 (EVP_PKEY* key, std::string_view signedPart, const std::string& signature)
{
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    const bool ok =
        context != nullptr &&
        EVP_DigestVerifyInit (context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
        EVP_DigestVerify (
            context, reinterpret_cast<const unsigned char*> (signature.data()), signature.size(),
            reinterpret_cast<const unsigned char*> (signedPart.data()), signedPart.size()) == 1;
    EVP_MD_CTX_free (context);
    return ok;
}

std::optional<std::string> stringClaim (const nlohmann::json& json, const char* key)
{
    const auto it = json.find (key);
    if (it == json.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

Expected<void> checkSignature (const nlohmann::json& header, std::string_view signedPart,
                               const std::string& signature, const std::string& jwks)
{
    if (stringClaim (header, "alg").value_or ("") != "RS256")
        return refused ("it is not signed with RS256");

    const auto keys = nlohmann::json::parse (jwks, nullptr, false);
    if (!keys.is_object() || !keys.contains ("keys") || !keys["keys"].is_array())
        return refused ("the provider's key set could not be read");

    const auto kid = stringClaim (header, "kid");

    for (const auto& jwk : keys["keys"])
    {
        if (!jwk.is_object() || stringClaim (jwk, "kty").value_or ("") != "RSA")
            continue;
        if (kid && stringClaim (jwk, "kid") != kid)
            continue;
        if (const auto use = stringClaim (jwk, "use"); use && *use != "sig")
            continue;

        const auto n = base64UrlDecode (stringClaim (jwk, "n").value_or (""));
        const auto e = base64UrlDecode (stringClaim (jwk, "e").value_or (""));
        if (!n || !e || n->empty() || e->empty())
            continue;

        auto key = rsaKeyFrom (*n, *e);
        if (key && verifyRs256 (key.get(), signedPart, signature))
            return {};
    }

    return refused ("its signature does not match the provider's keys");
}
} // namespace

Expected<IdTokenClaims> checkIdToken (const std::string& idToken,
                                      const IdTokenExpectations& expected, const std::string* jwks,
                                      SystemClock::time_point now)
{
    const auto firstDot = idToken.find ('.');
    const auto secondDot =
        firstDot == std::string::npos ? std::string::npos : idToken.find ('.', firstDot + 1);
    if (secondDot == std::string::npos || idToken.find ('.', secondDot + 1) != std::string::npos)
        return refused ("it is not a signed JWT");

    const auto headerText = base64UrlDecode (std::string_view (idToken).substr (0, firstDot));
    const auto payloadText = base64UrlDecode (
        std::string_view (idToken).substr (firstDot + 1, secondDot - firstDot - 1));
    const auto signature = base64UrlDecode (std::string_view (idToken).substr (secondDot + 1));
    if (!headerText || !payloadText || !signature)
        return refused ("it is not valid base64url");

    const auto header = nlohmann::json::parse (*headerText, nullptr, false);
    auto payload = nlohmann::json::parse (*payloadText, nullptr, false);
    if (!header.is_object() || !payload.is_object())
        return refused ("its header or claims are not JSON objects");

    if (jwks != nullptr)
        if (auto ok = checkSignature (header, std::string_view (idToken).substr (0, secondDot),
                                      *signature, *jwks);
            !ok)
            return std::unexpected (ok.error());

    if (stringClaim (payload, "iss").value_or ("") != expected.issuer)
        return refused ("it was issued by another issuer than " + expected.issuer);

    bool audienceMatches = false;
    if (const auto aud = payload.find ("aud"); aud != payload.end())
    {
        if (aud->is_string())
            audienceMatches = aud->get<std::string>() == expected.clientId;
        else if (aud->is_array())
            for (const auto& a : *aud)
                audienceMatches =
                    audienceMatches || (a.is_string() && a.get<std::string>() == expected.clientId);
    }
    if (!audienceMatches)
        return refused ("it was issued for another application");

    if (const auto azp = stringClaim (payload, "azp"); azp && *azp != expected.clientId)
        return refused ("it was issued for another application");

    const auto nowSeconds =
        std::chrono::duration_cast<std::chrono::seconds> (now.time_since_epoch()).count();
    const auto leeway = expected.leeway.count();
    const auto exp = payload.find ("exp");
    if (exp == payload.end() || !exp->is_number())
        return refused ("it has no expiry");
    if (exp->get<long long>() + leeway < nowSeconds)
        return refused ("it has expired");
    if (const auto iat = payload.find ("iat");
        iat != payload.end() && iat->is_number() && iat->get<long long>() - leeway > nowSeconds)
        return refused ("it was issued in the future");
    if (const auto nbf = payload.find ("nbf");
        nbf != payload.end() && nbf->is_number() && nbf->get<long long>() - leeway > nowSeconds)
        return refused ("it is not valid yet");

    if (!expected.nonce.empty() &&
        !equalsInConstantTime (stringClaim (payload, "nonce").value_or (""), expected.nonce))
        return refused ("it does not belong to this sign-in attempt (nonce)");

    IdTokenClaims claims;
    claims.subject = stringClaim (payload, "sub").value_or ("");
    if (claims.subject.empty())
        return refused ("it names no user");
    claims.name = stringClaim (payload, "name")
                      .value_or (stringClaim (payload, "nickname")
                                     .value_or (stringClaim (payload, "email").value_or ("")));
    claims.all = std::move (payload);
    return claims;
}

} // namespace moodboard::auth
