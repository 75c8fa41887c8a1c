#pragma once

#include "Core/Error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::auth
{

/** Proof Key for Code Exchange (RFC 7636) and the other random values of a sign-in attempt.
    Every value comes from OpenSSL's RAND_bytes, a cryptographically secure generator. */

/** `count` random bytes; an error only if the system's random source failed. Any thread. */
[[nodiscard]] Expected<std::vector<unsigned char>> randomBytes (std::size_t count);

/** Base64url (RFC 4648 section 5) without padding. Any thread. */
[[nodiscard]] std::string base64UrlEncode (std::string_view bytes);

/** Decodes base64url with or without padding; nothing when a character is outside the alphabet.
    Any thread. */
[[nodiscard]] std::optional<std::string> base64UrlDecode (std::string_view text);

/** A code verifier of `length` characters (43 to 128) from the unreserved set
    A-Z a-z 0-9 - . _ ~, drawn without bias. Any thread. */
[[nodiscard]] Expected<std::string> makeCodeVerifier (std::size_t length = 64);

/** The S256 code challenge: base64url (no padding) of SHA-256 of the verifier. Any thread. */
[[nodiscard]] std::string makeCodeChallenge (std::string_view verifier);

/** A random `state` (or nonce): 32 bytes as base64url, 43 characters. Any thread. */
[[nodiscard]] Expected<std::string> makeState();

/** SHA-256 of `text` as lower-case hex. Any thread. */
[[nodiscard]] std::string sha256Hex (std::string_view text);

/** Compares without stopping at the first difference, so the time taken tells nothing about
    where two secrets differ. Any thread. */
[[nodiscard]] bool equalsInConstantTime (std::string_view a, std::string_view b);

} // namespace moodboard::auth
