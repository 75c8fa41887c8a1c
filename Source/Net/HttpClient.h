#pragma once

#include "Core/Error.h"
#include "Net/UrlCoding.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace moodboard::net
{

/** One HTTP request. Header values may hold secrets (Authorization) and the body may hold codes
    or tokens: neither is ever logged. */
struct HttpRequest
{
    std::string method = "GET";
    std::string url;
    Parameters headers; // "Name", "value"; Content-Type is the caller's to set
    std::string body;
    std::chrono::milliseconds connectTimeout{10000};
    std::chrono::milliseconds totalTimeout{30000}; // per attempt, connection included

    /** Attempts in all for 5xx answers and dropped connections (1 = no retry). Retries only
        happen for methods that are safe to repeat (GET, HEAD, PUT, DELETE, OPTIONS) unless
        `retryUnsafeMethods` is set: a token request with a one-time code must not be resent. */
    int maxAttempts = 3;
    bool retryUnsafeMethods = false;
    std::size_t maxResponseBytes = 8 * 1024 * 1024;
};

/** A response as received; any status, including 4xx and 5xx, is a response, not an error. */
struct HttpResponse
{
    long status = 0;
    Parameters headers; // names lower-cased
    std::string body;
    std::string effectiveUrl; // after redirects, when they are followed
    /** From a Retry-After header (seconds or an HTTP date) on 429 and 503 answers. */
    std::optional<std::chrono::seconds> retryAfter;

    /** The first header called `name` (lower case). */
    [[nodiscard]] std::optional<std::string> header (std::string_view name) const;
    [[nodiscard]] bool isSuccess() const { return status >= 200 && status < 300; }
};

/** A small HTTP client over libcurl for the services Music Moodboard talks to (identity
    providers, Spotify's Web API).

    Each client keeps one libcurl handle, so consecutive requests reuse connections (and TLS
    sessions). TLS peers and host names are always verified; only http and https are allowed.
    A request fails with an Error only when no response arrived: the connection failed or was
    dropped after the retries, the timeout passed, the response was too large, or `cancel` was set
    (checked while transferring and while waiting to retry). 5xx answers are retried with jittered
    exponential backoff; 429 is returned at once with `retryAfter` for the caller to honour.
    Lines in the log carry the method, the URL without its query, the status and the time taken;
    never headers or bodies.

    Requests on one client run one at a time (others wait); use one client per thread for
    parallel requests. Any thread except the audio and message threads.
*/
class HttpClient final
{
public:
    struct Options
    {
        bool followRedirects = false; // off: an OAuth client must see redirects itself
        bool keepCookies = false;     // an in-memory cookie jar, for scripted browsing in tests
        /** A PEM file of certificate authorities to trust instead of the system's (a company
            proxy's, or a test's); empty for the system store. Verification stays on either way. */
        std::string caBundle;
        std::string userAgent = "MusicMoodboard/0.1";
        std::chrono::milliseconds firstBackoff{500};
        std::chrono::milliseconds longestBackoff{8000};
    };

    HttpClient();
    explicit HttpClient (Options);
    ~HttpClient();
    HttpClient (const HttpClient&) = delete;
    HttpClient& operator= (const HttpClient&) = delete;

    /** Sends `request`; see the class notes for what counts as an error. Any non-real-time
        thread. */
    [[nodiscard]] Expected<HttpResponse> send (const HttpRequest& request,
                                               const std::atomic<bool>* cancel = nullptr);

    /** A POST of an application/x-www-form-urlencoded body, as OAuth token endpoints take. */
    [[nodiscard]] Expected<HttpResponse> postForm (const std::string& url, const Parameters& form,
                                                   std::chrono::milliseconds totalTimeout,
                                                   const std::atomic<bool>* cancel = nullptr);

    /** Parses a Retry-After value: delta seconds or an HTTP date (as seconds from now, at least 0).
        Any thread. */
    [[nodiscard]] static std::optional<std::chrono::seconds>
    parseRetryAfter (std::string_view value);

private:
    struct Attempt;
    Expected<HttpResponse> sendOnce (const HttpRequest&, const std::atomic<bool>*, bool& retryable);

    Options options;
    void* curl = nullptr;
    bool cookiesStarted = false;   // CURLOPT_COOKIEFILE was set on the handle
    std::mutex mutex;
};

} // namespace moodboard::net
