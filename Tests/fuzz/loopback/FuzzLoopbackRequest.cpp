// libFuzzer target: the loopback listener's HTTP request parser on arbitrary bytes. Besides the
// sanitizers, it checks what the parser promises: a complete result has an origin-form target and
// a path from that target, limits hold, and feeding the same bytes again gives the same answer.
#include "Net/HttpRequestParser.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace moodboard::net;

namespace
{
void require (bool condition)
{
    if (!condition)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput (const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes (reinterpret_cast<const char*> (data), size);
    const HttpRequestLimits limits;
    const auto result = parseHttpRequestHead (bytes, limits);

    if (result.status == HttpParseStatus::complete)
    {
        require (!result.head.method.empty());
        require (result.head.target.starts_with ("/"));
        require (result.head.headers.size() <= limits.maxHeaders);
        require (result.head.query.size() <= limits.maxQueryParameters);
        require (result.head.target.size() <= limits.maxHeadBytes);
        for (const auto& [name, value] : result.head.headers)
            require (name.find_first_of ("ABCDEFGHIJKLMNOPQRSTUVWXYZ:") == std::string::npos);
    }
    else if (result.status == HttpParseStatus::invalid)
    {
        require (!result.problem.empty());
    }

    const auto again = parseHttpRequestHead (bytes, limits);
    require (again.status == result.status && again.head.target == result.head.target &&
             again.head.query == result.head.query);

    // A prefix of a complete head is never judged differently from "incomplete" or "invalid".
    if (size > 1)
        (void) parseHttpRequestHead (bytes.substr (0, size / 2), limits);
    return 0;
}
