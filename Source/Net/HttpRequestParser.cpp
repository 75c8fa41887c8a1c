#include "Net/HttpRequestParser.h"

#include <algorithm>

namespace moodboard::net
{
namespace
{
HttpParseResult invalid (std::string problem)
{
    HttpParseResult result;
    result.status = HttpParseStatus::invalid;
    result.problem = std::move (problem);
    return result;
}

bool isTokenChar (char c)
{
    const auto u = static_cast<unsigned char> (c);
    if (u <= 32 || u >= 127)
        return false;
    return std::string_view ("()<>@,;:\\\"/[]?={}").find (c) == std::string_view::npos;
}

std::string_view trim (std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix (1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix (1);
    return text;
}

std::string lower (std::string_view text)
{
    std::string out (text);
    std::transform (out.begin(), out.end(), out.begin(),
                    [] (unsigned char c) { return static_cast<char> (std::tolower (c)); });
    return out;
}

// Finds where the head ends: the first empty line. Returns npos when it has not arrived yet.
std::size_t findHeadEnd (std::string_view bytes)
{
    for (std::size_t i = 0; i < bytes.size(); ++i)
    {
        if (bytes[i] != '\n')
            continue;
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n')
            return i + 2;
        if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n')
            return i + 3;
    }
    return std::string_view::npos;
}

bool parseRequestLine (std::string_view line, HttpRequestHead& head, std::string& problem,
                       const HttpRequestLimits& limits)
{
    const auto firstSpace = line.find (' ');
    const auto lastSpace = line.rfind (' ');

    if (firstSpace == std::string_view::npos || firstSpace == lastSpace)
    {
        problem = "malformed request line";
        return false;
    }

    const auto method = line.substr (0, firstSpace);
    const auto target = line.substr (firstSpace + 1, lastSpace - firstSpace - 1);
    const auto version = line.substr (lastSpace + 1);

    if (method.empty() || !std::all_of (method.begin(), method.end(), isTokenChar))
    {
        problem = "malformed method";
        return false;
    }

    if (version != "HTTP/1.1" && version != "HTTP/1.0")
    {
        problem = "unsupported HTTP version";
        return false;
    }

    if (target.empty() || target.front() != '/' ||
        std::any_of (target.begin(), target.end(),
                     [] (char c)
                     {
                         const auto u = static_cast<unsigned char> (c);
                         return u <= 32 || u >= 127;
                     }))
    {
        problem = "malformed request target";
        return false;
    }

    const auto withoutFragment = target.substr (0, target.find ('#'));
    const auto question = withoutFragment.find ('?');
    auto path = percentDecode (withoutFragment.substr (0, question), false);

    if (!path)
    {
        problem = "malformed path encoding";
        return false;
    }

    if (question != std::string_view::npos)
    {
        auto query =
            decodeParameters (withoutFragment.substr (question + 1), limits.maxQueryParameters);
        if (!query)
        {
            problem = "malformed or oversized query string";
            return false;
        }
        head.query = std::move (*query);
    }

    head.method = std::string (method);
    head.target = std::string (target);
    head.path = std::move (*path);
    return true;
}
} // namespace

HttpParseResult parseHttpRequestHead (std::string_view bytes, const HttpRequestLimits& limits)
{
    // Browsers may send stray empty lines before a request (RFC 9112 section 2.2).
    while (bytes.starts_with ("\r\n") || bytes.starts_with ("\n"))
        bytes.remove_prefix (bytes.front() == '\r' ? 2 : 1);

    const auto end = findHeadEnd (bytes.substr (0, std::min (bytes.size(), limits.maxHeadBytes)));

    if (end == std::string_view::npos)
    {
        if (bytes.size() >= limits.maxHeadBytes)
            return invalid ("request head too large");
        return {};
    }

    HttpParseResult result;
    std::string_view rest = bytes.substr (0, end);
    bool first = true;

    while (!rest.empty())
    {
        const auto newline = rest.find ('\n');
        auto line = rest.substr (0, newline);
        rest = rest.substr (newline + 1);

        if (line.ends_with ('\r'))
            line.remove_suffix (1);

        if (line.empty())
            break;

        if (line.find ('\r') != std::string_view::npos ||
            line.find ('\0') != std::string_view::npos)
            return invalid ("control character in request head");

        if (first)
        {
            first = false;
            if (!parseRequestLine (line, result.head, result.problem, limits))
                return invalid (result.problem);
            continue;
        }

        if (line.front() == ' ' || line.front() == '\t')
            return invalid ("folded header lines are not accepted");

        const auto colon = line.find (':');
        const auto name = line.substr (0, colon);

        if (colon == std::string_view::npos || name.empty() ||
            !std::all_of (name.begin(), name.end(), isTokenChar))
            return invalid ("malformed header line");

        if (result.head.headers.size() == limits.maxHeaders)
            return invalid ("too many headers");

        result.head.headers.emplace_back (lower (name),
                                          std::string (trim (line.substr (colon + 1))));
    }

    if (first)
        return invalid ("empty request");

    result.status = HttpParseStatus::complete;
    return result;
}

} // namespace moodboard::net
