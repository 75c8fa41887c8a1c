// ID token checks with tokens signed here by a fresh RSA key: signature, issuer, audience,
// expiry with leeway, nonce, and tokens that are not RS256 at all.
#include "Auth/IdToken.h"
#include "Auth/Pkce.h"

#include <catch2/catch.hpp>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

using namespace moodboard::auth;

namespace
{
std::string bytesOf (const BIGNUM* number)
{
    std::string out (static_cast<std::size_t> (BN_num_bytes (number)), '\0');
    BN_bn2bin (number, reinterpret_cast<unsigned char*> (out.data()));
    return out;
}

class TestSigner final
{
public:
    TestSigner()
        : key (EVP_RSA_gen (2048))
    {
        REQUIRE (key != nullptr);
    }
    ~TestSigner() { EVP_PKEY_free (key); }

    std::string jwks (const std::string& kid = "k1") const
    {
        BIGNUM* n = nullptr;
        BIGNUM* e = nullptr;
        EVP_PKEY_get_bn_param (key, OSSL_PKEY_PARAM_RSA_N, &n);
        EVP_PKEY_get_bn_param (key, OSSL_PKEY_PARAM_RSA_E, &e);
        nlohmann::json set{{"keys",
                            {{{"kty", "RSA"},
                              {"kid", kid},
                              {"use", "sig"},
                              {"n", base64UrlEncode (bytesOf (n))},
                              {"e", base64UrlEncode (bytesOf (e))}}}}};
        BN_free (n);
        BN_free (e);
        return set.dump();
    }

    std::string sign (const nlohmann::json& claims,
                      const nlohmann::json& header = {{"alg", "RS256"}, {"kid", "k1"}}) const
    {
        const auto signedPart =
            base64UrlEncode (header.dump()) + "." + base64UrlEncode (claims.dump());
        EVP_MD_CTX* context = EVP_MD_CTX_new();
        std::size_t length = 0;
        EVP_DigestSignInit (context, nullptr, EVP_sha256(), nullptr, key);
        EVP_DigestSign (context, nullptr, &length,
                        reinterpret_cast<const unsigned char*> (signedPart.data()),
                        signedPart.size());
        std::string signature (length, '\0');
        EVP_DigestSign (context, reinterpret_cast<unsigned char*> (signature.data()), &length,
                        reinterpret_cast<const unsigned char*> (signedPart.data()),
                        signedPart.size());
        EVP_MD_CTX_free (context);
        signature.resize (length);
        return signedPart + "." + base64UrlEncode (signature);
    }

private:
    EVP_PKEY* key = nullptr;
};

long long nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds> (SystemClock::now().time_since_epoch())
        .count();
}

nlohmann::json goodClaims()
{
    return {{"iss", "https://tenant.example/"},
            {"aud", "client-1"},
            {"sub", "auth0|42"},
            {"name", "Ada"},
            {"exp", nowSeconds() + 600},
            {"iat", nowSeconds()},
            {"nonce", "n-1"}};
}

const IdTokenExpectations expected{"https://tenant.example/", "client-1", "n-1",
                                   std::chrono::seconds (120)};
} // namespace

TEST_CASE ("A well-signed ID token with the right claims is accepted", "[auth]")
{
    TestSigner signer;
    const auto keys = signer.jwks();
    auto claims = checkIdToken (signer.sign (goodClaims()), expected, &keys);
    REQUIRE (claims);
    CHECK (claims->subject == "auth0|42");
    CHECK (claims->name == "Ada");

    auto withArray = goodClaims();
    withArray["aud"] = {"https://api.example", "client-1"};
    withArray["azp"] = "client-1";
    CHECK (checkIdToken (signer.sign (withArray), expected, &keys));
}

TEST_CASE ("ID tokens with wrong claims are refused with the reason", "[auth]")
{
    TestSigner signer;
    const auto keys = signer.jwks();
    const auto reasonFor = [&] (nlohmann::json claims)
    {
        auto result = checkIdToken (signer.sign (claims), expected, &keys);
        return result ? std::string ("accepted") : result.error().message;
    };

    auto c = goodClaims();
    c["iss"] = "https://evil.example/";
    CHECK_THAT (reasonFor (c), Catch::Contains ("another issuer"));

    c = goodClaims();
    c["aud"] = "client-2";
    CHECK_THAT (reasonFor (c), Catch::Contains ("another application"));

    c = goodClaims();
    c["azp"] = "client-2";
    CHECK_THAT (reasonFor (c), Catch::Contains ("another application"));

    c = goodClaims();
    c["exp"] = nowSeconds() - 121;
    CHECK_THAT (reasonFor (c), Catch::Contains ("expired"));

    c = goodClaims();
    c["exp"] = nowSeconds() - 100; // within the two minutes of clock skew allowed
    CHECK (reasonFor (c) == "accepted");

    c = goodClaims();
    c["iat"] = nowSeconds() + 600;
    CHECK_THAT (reasonFor (c), Catch::Contains ("future"));

    c = goodClaims();
    c["nonce"] = "n-2";
    CHECK_THAT (reasonFor (c), Catch::Contains ("nonce"));

    c = goodClaims();
    c.erase ("sub");
    CHECK_THAT (reasonFor (c), Catch::Contains ("names no user"));
}

TEST_CASE ("ID token signatures are verified against the key set", "[auth]")
{
    TestSigner signer;
    TestSigner stranger;
    const auto keys = signer.jwks();

    SECTION ("signed by another key")
    {
        auto result = checkIdToken (stranger.sign (goodClaims()), expected, &keys);
        REQUIRE_FALSE (result);
        CHECK_THAT (result.error().message, Catch::Contains ("signature"));
    }

    SECTION ("claims changed after signing")
    {
        const auto token = signer.sign (goodClaims());
        auto forged = goodClaims();
        forged["sub"] = "auth0|admin";
        const auto firstDot = token.find ('.');
        const auto secondDot = token.find ('.', firstDot + 1);
        const auto tampered = token.substr (0, firstDot + 1) + base64UrlEncode (forged.dump()) +
                              token.substr (secondDot);
        CHECK_FALSE (checkIdToken (tampered, expected, &keys));
    }

    SECTION ("alg none and HS256 are refused")
    {
        auto none = checkIdToken (signer.sign (goodClaims(), {{"alg", "none"}}), expected, &keys);
        REQUIRE_FALSE (none);
        CHECK_THAT (none.error().message, Catch::Contains ("RS256"));
        CHECK_FALSE (checkIdToken (signer.sign (goodClaims(), {{"alg", "HS256"}, {"kid", "k1"}}),
                                   expected, &keys));
    }

    SECTION ("unknown key id")
    {
        CHECK_FALSE (checkIdToken (signer.sign (goodClaims(), {{"alg", "RS256"}, {"kid", "k9"}}),
                                   expected, &keys));
    }

    SECTION ("not a JWT")
    {
        auto result = checkIdToken ("abc.def", expected, &keys);
        REQUIRE_FALSE (result);
        CHECK_THAT (result.error().message, !Catch::Contains ("abc.def"));
    }
}
