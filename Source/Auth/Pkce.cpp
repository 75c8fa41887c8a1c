#include "Auth/Pkce.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>

namespace moodboard::auth
{
namespace
{
constexpr std::string_view base64UrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view unreserved =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
} // namespace

Expected<std::vector<unsigned char>> randomBytes (std::size_t count)
{
    std::vector<unsigned char> bytes (count);
    if (count > 0 && RAND_bytes (bytes.data(), static_cast<int> (count)) != 1)
        return makeError (Error::Kind::internal,
                          "the system's secure random source failed; sign-in cannot continue");
    return bytes;
}

std::string base64UrlEncode (std::string_view bytes)
{
    std::string out;
    out.reserve ((bytes.size() * 4 + 2) / 3);
    std::uint32_t buffer = 0;
    int bits = 0;

    for (const char c : bytes)
    {
        buffer = (buffer << 8) | static_cast<unsigned char> (c);
        bits += 8;
        while (bits >= 6)
        {
            bits -= 6;
            out += base64UrlAlphabet[(buffer >> bits) & 0x3f];
        }
    }

    if (bits > 0)
        out += base64UrlAlphabet[(buffer << (6 - bits)) & 0x3f];

    return out;
}

std::optional<std::string> base64UrlDecode (std::string_view text)
{
    while (text.ends_with ('='))
        text.remove_suffix (1);

    if (text.size() % 4 == 1)
        return std::nullopt;

    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;

    for (const char c : text)
    {
        const auto value = base64UrlAlphabet.find (c);
        if (value == std::string_view::npos)
            return std::nullopt;

        buffer = (buffer << 6) | static_cast<std::uint32_t> (value);
        bits += 6;
        if (bits >= 8)
        {
            bits -= 8;
            out += static_cast<char> ((buffer >> bits) & 0xff);
        }
    }

    return out;
}

Expected<std::string> makeCodeVerifier (std::size_t length)
{
    if (length < 43 || length > 128)
        return makeError (Error::Kind::invalidInput,
                          "a PKCE verifier must be 43 to 128 characters");

    std::string verifier;
    verifier.reserve (length);

    // Rejection sampling: 66 symbols, so bytes of 198 and above (3 * 66) are dropped to keep
    // every symbol equally likely.
    while (verifier.size() < length)
    {
        auto bytes = randomBytes (length);
        if (!bytes)
            return std::unexpected (bytes.error());

        for (const auto b : *bytes)
        {
            if (b >= 3 * unreserved.size())
                continue;
            verifier += unreserved[b % unreserved.size()];
            if (verifier.size() == length)
                break;
        }
    }

    return verifier;
}

std::string makeCodeChallenge (std::string_view verifier)
{
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256 (reinterpret_cast<const unsigned char*> (verifier.data()), verifier.size(),
            digest.data());
    return base64UrlEncode (
        std::string_view (reinterpret_cast<const char*> (digest.data()), digest.size()));
}

Expected<std::string> makeState()
{
    auto bytes = randomBytes (32);
    if (!bytes)
        return std::unexpected (bytes.error());
    return base64UrlEncode (
        std::string_view (reinterpret_cast<const char*> (bytes->data()), bytes->size()));
}

std::string sha256Hex (std::string_view text)
{
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256 (reinterpret_cast<const unsigned char*> (text.data()), text.size(), digest.data());
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (const auto b : digest)
    {
        out += hex[b >> 4];
        out += hex[b & 0x0f];
    }
    return out;
}

bool equalsInConstantTime (std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp (a.data(), b.data(), a.size()) == 0;
}

} // namespace moodboard::auth
