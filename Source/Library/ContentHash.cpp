#include "Library/ContentHash.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

namespace moodboard::library
{

Expected<std::string> computeContentHash (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary | std::ios::ate);

    if (! in)
        return makeError (Error::Kind::unreadable, "cannot read " + file.string());

    const auto size = (std::int64_t) in.tellg();

    if (size < 0)
        return makeError (Error::Kind::unreadable, "cannot read " + file.string());

    const std::unique_ptr<EVP_MD_CTX, decltype (&EVP_MD_CTX_free)> context (EVP_MD_CTX_new(),
                                                                             &EVP_MD_CTX_free);

    if (context == nullptr || EVP_DigestInit_ex (context.get(), EVP_sha256(), nullptr) != 1)
        return makeError (Error::Kind::internal, "cannot start a SHA-256 digest");

    // The size goes in first, little-endian, so that files differing only in length differ.
    std::array<unsigned char, 8> sizeBytes {};
    for (std::size_t i = 0; i < sizeBytes.size(); ++i)
        sizeBytes[i] = (unsigned char) (((std::uint64_t) size >> (8 * i)) & 0xff);
    EVP_DigestUpdate (context.get(), sizeBytes.data(), sizeBytes.size());

    std::vector<char> buffer ((std::size_t) contentHashWindow);

    auto addRange = [&] (std::int64_t offset, std::int64_t length)
    {
        in.seekg (offset);
        in.read (buffer.data(), length);
        const auto got = in.gcount();
        EVP_DigestUpdate (context.get(), buffer.data(), (std::size_t) got);
        return got == length;
    };

    bool complete = true;

    if (size <= 3 * contentHashWindow)
    {
        for (std::int64_t offset = 0; offset < size; offset += contentHashWindow)
            complete = complete && addRange (offset, std::min (contentHashWindow, size - offset));
    }
    else
    {
        complete = addRange (0, contentHashWindow)
                && addRange ((size - contentHashWindow) / 2, contentHashWindow)
                && addRange (size - contentHashWindow, contentHashWindow);
    }

    // A file that shrank while being read would give a fingerprint of bytes that no longer exist.
    if (! complete)
        return makeError (Error::Kind::unreadable,
                          "cannot read " + file.string() + ": it changed while being read");

    std::array<unsigned char, EVP_MAX_MD_SIZE> digest {};
    unsigned int digestLength = 0;

    if (EVP_DigestFinal_ex (context.get(), digest.data(), &digestLength) != 1 || digestLength < 16)
        return makeError (Error::Kind::internal, "cannot finish a SHA-256 digest");

    std::string hex;
    hex.reserve (32);

    for (unsigned int i = 0; i < 16; ++i)
    {
        char pair[3];
        std::snprintf (pair, sizeof (pair), "%02x", digest[i]);
        hex += pair;
    }

    return hex;
}

} // namespace moodboard::library
