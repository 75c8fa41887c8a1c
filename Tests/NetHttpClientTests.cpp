// HttpClient against the fault-injecting fake on loopback: retries, timeouts, cancellation,
// Retry-After, connection reuse, and that nothing secret is logged.
#include "AuthPeers.h"
#include "Net/HttpClient.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <thread>

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
net::HttpClient::Options quickBackoff()
{
    net::HttpClient::Options options;
    options.firstBackoff = std::chrono::milliseconds (20);
    options.longestBackoff = std::chrono::milliseconds (100);
    return options;
}

int countFor (net::HttpClient& http, const PeerProcess& fake, const std::string& path)
{
    auto stats = http.send ({.url = fake.getBaseUrl() + "/stats"});
    REQUIRE (stats);
    const auto json = nlohmann::json::parse (stats->body);
    return json.value (path, 0);
}
} // namespace

TEST_CASE ("HttpClient retries 5xx answers on GET with backoff, and stops after maxAttempts",
           "[net]")
{
    AuthSandbox sandbox ("net-retry");
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http (quickBackoff());

    auto ok = http.send ({.url = fake.getBaseUrl() + "/flaky?key=a&fail=2"});
    REQUIRE (ok);
    CHECK (ok->status == 200);
    CHECK (nlohmann::json::parse (ok->body)["attempts"] == 3);

    net::HttpRequest limited{.url = fake.getBaseUrl() + "/flaky?key=b&fail=5"};
    limited.maxAttempts = 2;
    auto failed = http.send (limited);
    REQUIRE (failed);
    CHECK (failed->status == 503);
    CHECK (countFor (http, fake, "/flaky") == 3 + 2);
}

TEST_CASE ("HttpClient does not resend a POST after a 5xx answer", "[net]")
{
    AuthSandbox sandbox ("net-post");
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http (quickBackoff());

    auto response = http.send (
        {.method = "POST", .url = fake.getBaseUrl() + "/flaky?key=p&fail=1", .body = "a=1"});
    REQUIRE (response);
    CHECK (response->status == 503);
    CHECK (countFor (http, fake, "/flaky") == 1);
}

TEST_CASE ("HttpClient retries a dropped connection", "[net]")
{
    AuthSandbox sandbox ("net-drop");
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http (quickBackoff());

    auto response = http.send ({.url = fake.getBaseUrl() + "/drop?key=d&fail=1"});
    REQUIRE (response);
    CHECK (response->status == 200);
    CHECK (nlohmann::json::parse (response->body)["attempts"] == 2);
}

TEST_CASE ("HttpClient hands a 429 back at once with its Retry-After", "[net]")
{
    AuthSandbox sandbox ("net-429");
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http (quickBackoff());

    auto response = http.send ({.url = fake.getBaseUrl() + "/ratelimit"});
    REQUIRE (response);
    CHECK (response->status == 429);
    REQUIRE (response->retryAfter);
    CHECK (response->retryAfter->count() == 7);
    CHECK (countFor (http, fake, "/ratelimit") == 1);
}

TEST_CASE ("Retry-After is read as seconds or as an HTTP date", "[net]")
{
    CHECK (net::HttpClient::parseRetryAfter ("120")->count() == 120);
    CHECK (net::HttpClient::parseRetryAfter (" 0 ")->count() == 0);
    CHECK_FALSE (net::HttpClient::parseRetryAfter ("soon"));
    CHECK_FALSE (net::HttpClient::parseRetryAfter ("-5"));
    CHECK (net::HttpClient::parseRetryAfter ("Wed, 21 Oct 2015 07:28:00 GMT")->count() == 0);
    const auto future = net::HttpClient::parseRetryAfter ("Fri, 01 Jan 2100 00:00:00 GMT");
    REQUIRE (future);
    CHECK (future->count() > 365LL * 24 * 3600);
}

TEST_CASE ("HttpClient gives up at the total timeout with a clear error", "[net]")
{
    AuthSandbox sandbox ("net-timeout");
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http (quickBackoff());

    net::HttpRequest request{.url = fake.getBaseUrl() + "/sleep?ms=3000"};
    request.totalTimeout = std::chrono::milliseconds (300);
    request.maxAttempts = 1;
    const auto started = std::chrono::steady_clock::now();
    auto response = http.send (request);
    const auto took = std::chrono::steady_clock::now() - started;

    REQUIRE_FALSE (response);
    CHECK (response.error().kind == Error::Kind::io);
    CHECK_THAT (response.error().message, Catch::Contains ("did not answer"));
    CHECK (took < std::chrono::milliseconds (1500));
}

TEST_CASE ("HttpClient stops a transfer when the cancel flag is set", "[net]")
{
    AuthSandbox sandbox ("net-cancel");
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http (quickBackoff());
    std::atomic<bool> cancel{false};

    std::thread canceller (
        [&]
        {
            std::this_thread::sleep_for (std::chrono::milliseconds (200));
            cancel = true;
        });
    const auto started = std::chrono::steady_clock::now();
    auto response = http.send ({.url = fake.getBaseUrl() + "/sleep?ms=5000"}, &cancel);
    const auto took = std::chrono::steady_clock::now() - started;
    canceller.join();

    REQUIRE_FALSE (response);
    CHECK (response.error().kind == Error::Kind::cancelled);
    CHECK (took < std::chrono::milliseconds (2000));
}

TEST_CASE ("HttpClient sends method, headers and body, and reuses its connection", "[net]")
{
    AuthSandbox sandbox ("net-echo");
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http;

    auto first =
        http.send ({.method = "PUT",
                    .url = fake.getBaseUrl() + "/echo",
                    .headers = {{"X-Moodboard-Test", "yes"}, {"Content-Type", "text/plain"}},
                    .body = "hello body"});
    auto second = http.send ({.url = fake.getBaseUrl() + "/echo"});
    REQUIRE (first);
    REQUIRE (second);

    const auto a = nlohmann::json::parse (first->body);
    const auto b = nlohmann::json::parse (second->body);
    CHECK (a["method"] == "PUT");
    CHECK (a["headers"]["x-moodboard-test"] == "yes");
    CHECK (a["body"] == "hello body");
    CHECK (b["method"] == "GET");
    CHECK (first->header ("content-type").value_or ("") == "application/json");
    // The same client port on the server side: the second request rode the first connection.
    CHECK (a["remotePort"] == b["remotePort"]);
}

TEST_CASE ("HttpClient reports an unreachable host and refuses other protocols", "[net]")
{
    AuthSandbox sandbox ("net-unreachable");
    net::HttpClient http (quickBackoff());

    // Port 9 (discard) on loopback has no listener here.
    auto refused = http.send ({.url = "http://127.0.0.1:9/x", .maxAttempts = 2});
    REQUIRE_FALSE (refused);
    CHECK (refused.error().kind == Error::Kind::io);
    CHECK_THAT (refused.error().message, Catch::Contains ("could not reach http://127.0.0.1:9/x"));

    auto file = http.send ({.url = "file:///etc/passwd"});
    REQUIRE_FALSE (file);
}

TEST_CASE ("HttpClient never writes an Authorization header or a body to the log", "[net]")
{
    AuthSandbox sandbox ("net-nolog");
    PeerProcess fake (fakeServicesScript(), {});
    net::HttpClient http;

    const std::string bearer = "bearer-value-4f9a1c7e2b";
    const std::string bodySecret = "body-secret-77d0e1a9";
    auto response = http.send ({.method = "POST",
                                .url = fake.getBaseUrl() + "/echo?code=query-code-5521aa",
                                .headers = {{"Authorization", "Bearer " + bearer}},
                                .body = "refresh_token=" + bodySecret});
    REQUIRE (response);
    CHECK (nlohmann::json::parse (response->body)["headers"]["authorization"] ==
           "Bearer " + bearer);

    sandbox.noteSecret (bearer);
    sandbox.noteSecret (bodySecret);
    sandbox.noteSecret ("query-code-5521aa");
    sandbox.checkNoLeaks();
}
