#pragma once

#include <expected>
#include <string>

namespace moodboard
{

/** What went wrong, in a form the shells can act on.

    `message` is written for the user: it names the thing that failed and what to do. It never holds
    a token, an authorisation code, a PKCE verifier or an API key.
*/
struct Error
{
    enum class Kind
    {
        notFound,
        unreadable,
        unsupported,
        corrupt,
        invalidInput,
        cancelled,
        io,
        internal
    };

    Kind kind = Kind::internal;
    std::string message;
};

template <typename T>
using Expected = std::expected<T, Error>;

[[nodiscard]] inline std::unexpected<Error> makeError (Error::Kind kind, std::string message)
{
    return std::unexpected<Error> (Error { kind, std::move (message) });
}

} // namespace moodboard
