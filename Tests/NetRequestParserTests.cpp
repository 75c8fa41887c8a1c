// The loopback listener's HTTP request parser on well-formed, partial and hostile input.
#include "Net/HttpRequestParser.h"

#include <catch2/catch.hpp>

using namespace moodboard::net;

TEST_CASE ("A browser's callback request is parsed with its decoded query", "[net]")
{
    const auto result = parseHttpRequestHead (
        "GET /callback?code=ab%2Fc%2B&state=x+y&iss=http%3A%2F%2F127.0.0.1%3A4000%2F HTTP/1.1\r\n"
        "Host: 127.0.0.1:53682\r\nUser-Agent:  Test \r\nAccept: */*\r\n\r\n");

    REQUIRE (result.status == HttpParseStatus::complete);
    CHECK (result.head.method == "GET");
    CHECK (result.head.path == "/callback");
    CHECK (findParameter (result.head.query, "code") == "ab/c+");
    CHECK (findParameter (result.head.query, "state") == "x y");
    CHECK (findParameter (result.head.query, "iss") == "http://127.0.0.1:4000/");
    CHECK (findParameter (result.head.headers, "user-agent") == "Test");
    CHECK (result.head.headers.size() == 3);
}

TEST_CASE ("Partial heads ask for more; bare LF line ends are accepted", "[net]")
{
    CHECK (parseHttpRequestHead ("GET /callback?code=1 HTTP/1.1\r\nHost: x\r\n").status ==
           HttpParseStatus::incomplete);
    CHECK (parseHttpRequestHead ("").status == HttpParseStatus::incomplete);
    CHECK (parseHttpRequestHead ("GET / HTTP/1.0\n\n").status == HttpParseStatus::complete);
}

TEST_CASE ("Malformed and oversized requests are refused with a reason", "[net]")
{
    const auto problemOf = [] (std::string_view text)
    {
        const auto result = parseHttpRequestHead (text);
        return result.status == HttpParseStatus::invalid ? result.problem
                                                         : std::string ("accepted");
    };

    CHECK (problemOf ("GET /callback?code=%zz HTTP/1.1\r\n\r\n") ==
           "malformed or oversized query string");
    CHECK (problemOf ("GET /a%00b HTTP/1.1\r\n\r\n") == "malformed path encoding");
    CHECK (problemOf ("GET http://evil/callback HTTP/1.1\r\n\r\n") == "malformed request target");
    CHECK (problemOf ("GET / HTTP/2.0\r\n\r\n") == "unsupported HTTP version");
    CHECK (problemOf ("GET /\r\n\r\n") == "malformed request line");
    CHECK (problemOf ("G(T / HTTP/1.1\r\n\r\n") == "malformed method");
    CHECK (problemOf ("GET / HTTP/1.1\r\nNoColon\r\n\r\n") == "malformed header line");
    CHECK (problemOf ("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n") ==
           "folded header lines are not accepted");

    std::string manyHeaders = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 70; ++i)
        manyHeaders += "X-" + std::to_string (i) + ": v\r\n";
    CHECK (problemOf (manyHeaders + "\r\n") == "too many headers");

    std::string manyParameters = "GET /callback?";
    for (int i = 0; i < 40; ++i)
        manyParameters += "p" + std::to_string (i) + "=1&";
    CHECK (problemOf (manyParameters + " HTTP/1.1\r\n\r\n") ==
           "malformed or oversized query string");

    CHECK (problemOf ("GET /" + std::string (9000, 'a')) == "request head too large");
}
