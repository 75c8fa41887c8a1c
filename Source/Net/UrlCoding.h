#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace moodboard::net
{

/** Name-value pairs in the order they were written, as in a query string or a form body. */
using Parameters = std::vector<std::pair<std::string, std::string>>;

/** Percent-encodes everything outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~). Any thread.
 */
[[nodiscard]] std::string percentEncode (std::string_view text);

/** Decodes %XX escapes (and '+' as a space when `plusIsSpace`); nothing when an escape is
    malformed or the result holds a NUL byte. Any thread. */
[[nodiscard]] std::optional<std::string> percentDecode (std::string_view text, bool plusIsSpace);

/** Builds `a=1&b=2` with each name and value percent-encoded; used for query strings and
    application/x-www-form-urlencoded bodies. Any thread. */
[[nodiscard]] std::string encodeParameters (const Parameters& parameters);

/** Splits and decodes a query string or form body; nothing when an escape is malformed or there
    are more than `maxParameters` pairs. Any thread. */
[[nodiscard]] std::optional<Parameters> decodeParameters (std::string_view text,
                                                          std::size_t maxParameters = 64);

/** The value of the first parameter called `name`, if any. Any thread. */
[[nodiscard]] std::optional<std::string> findParameter (const Parameters& parameters,
                                                        std::string_view name);

/** `url` without its query string and fragment: what may be written to a log. Any thread. */
[[nodiscard]] std::string withoutQuery (std::string_view url);

} // namespace moodboard::net
