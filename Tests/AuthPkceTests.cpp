// PKCE values, state, base64url: RFC 7636's own example and the properties each value must have.
#include "Auth/Pkce.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace moodboard::auth;

TEST_CASE ("The S256 challenge matches RFC 7636 appendix B", "[auth]")
{
    CHECK (makeCodeChallenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") ==
           "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_CASE ("Verifiers have the asked length, only unreserved characters, and never repeat",
           "[auth]")
{
    const std::string_view unreserved =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    std::set<std::string> seen;

    for (const std::size_t length : {43u, 64u, 128u})
    {
        for (int i = 0; i < 50; ++i)
        {
            auto verifier = makeCodeVerifier (length);
            REQUIRE (verifier);
            CHECK (verifier->size() == length);
            CHECK (verifier->find_first_not_of (unreserved) == std::string::npos);
            seen.insert (*verifier);
        }
    }
    CHECK (seen.size() == 150);

    CHECK_FALSE (makeCodeVerifier (42));
    CHECK_FALSE (makeCodeVerifier (129));
}

TEST_CASE ("Every unreserved character occurs in verifiers, none far more often than others",
           "[auth]")
{
    std::map<char, int> counts;
    for (int i = 0; i < 400; ++i)
    {
        const auto verifier = makeCodeVerifier (128);
        REQUIRE (verifier);
        for (const char c : *verifier)
            ++counts[c];
    }

    // 51200 draws over 66 symbols: about 776 each; a biased mapping would skew some by ~50%.
    CHECK (counts.size() == 66);
    for (const auto& [c, n] : counts)
    {
        INFO ("symbol " << c);
        CHECK (n > 600);
        CHECK (n < 960);
    }
}

TEST_CASE ("State values are 43 base64url characters and unique", "[auth]")
{
    const auto a = makeState();
    const auto b = makeState();
    REQUIRE (a);
    REQUIRE (b);
    CHECK (a->size() == 43);
    CHECK (
        a->find_first_not_of ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
        std::string::npos);
    CHECK (*a != *b);
}

TEST_CASE ("base64url round-trips without padding and rejects other alphabets", "[auth]")
{
    CHECK (base64UrlEncode ("") == "");
    CHECK (base64UrlEncode ("f") == "Zg");
    CHECK (base64UrlEncode ("fo") == "Zm8");
    CHECK (base64UrlEncode ("foo") == "Zm9v");
    CHECK (base64UrlEncode ("\xfb\xff") == "-_8");
    CHECK (base64UrlDecode ("-_8") == "\xfb\xff");
    CHECK (base64UrlDecode ("Zm8=") == "fo");
    CHECK_FALSE (base64UrlDecode ("+/8"));
    CHECK_FALSE (base64UrlDecode ("Z"));
}

TEST_CASE ("Constant-time comparison compares whole values", "[auth]")
{
    CHECK (equalsInConstantTime ("abc", "abc"));
    CHECK_FALSE (equalsInConstantTime ("abc", "abd"));
    CHECK_FALSE (equalsInConstantTime ("abc", "abcd"));
    CHECK (sha256Hex ("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
