#pragma once

#include "Net/UrlCoding.h"

#include <string>
#include <string_view>

namespace moodboard::net
{

/** The head of one HTTP/1.x request as a browser sends it to the loopback redirect listener. */
struct HttpRequestHead
{
    std::string method;
    std::string target; // as sent: path and query, still encoded
    std::string path;   // decoded
    Parameters query;   // decoded, in order
    Parameters headers; // names lower-cased, values trimmed
};

/** Limits that keep a hostile or broken client from making the listener hold much memory. */
struct HttpRequestLimits
{
    std::size_t maxHeadBytes = 8192;
    std::size_t maxHeaders = 64;
    std::size_t maxQueryParameters = 32;
};

enum class HttpParseStatus
{
    complete,   // a whole head was read; `head` is filled
    incomplete, // more bytes are needed
    invalid     // not a request this listener answers; `problem` says why
};

struct HttpParseResult
{
    HttpParseStatus status = HttpParseStatus::incomplete;
    HttpRequestHead head;
    std::string problem;
};

/** Parses the request line and headers at the start of `bytes` (a body, if any, is ignored).
    Accepts CRLF or bare LF line ends, origin-form targets only ("/path?query"), and HTTP/1.0 or
    1.1. Never reads past `bytes`; any input, however malformed, gives a result. Any thread. */
[[nodiscard]] HttpParseResult parseHttpRequestHead (std::string_view bytes,
                                                    const HttpRequestLimits& limits = {});

} // namespace moodboard::net
