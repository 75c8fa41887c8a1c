#include "Net/HttpClient.h"

#include "Core/Log.h"

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <random>
#include <thread>

namespace moodboard::net
{
namespace
{
using Clock = std::chrono::steady_clock;

void initialiseCurlOnce()
{
    static std::once_flag once;
    std::call_once (once, [] { curl_global_init (CURL_GLOBAL_DEFAULT); });
}

bool isRepeatable (const std::string& method)
{
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
           method == "OPTIONS";
}

// A dropped or refused connection: nothing, or nothing usable, came back.
bool isDroppedConnection (CURLcode code)
{
    return code == CURLE_GOT_NOTHING || code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR ||
           code == CURLE_PARTIAL_FILE || code == CURLE_COULDNT_CONNECT;
}

std::string lower (std::string_view text)
{
    std::string out (text);
    std::transform (out.begin(), out.end(), out.begin(),
                    [] (unsigned char c) { return static_cast<char> (std::tolower (c)); });
    return out;
}

// Sleeps in small steps so that a cancel is noticed; false when cancelled.
bool waitUnlessCancelled (std::chrono::milliseconds delay, const std::atomic<bool>* cancel)
{
    const auto until = Clock::now() + delay;
    while (Clock::now() < until)
    {
        if (cancel != nullptr && cancel->load())
            return false;
        std::this_thread::sleep_for (
            std::min<Clock::duration> (until - Clock::now(), std::chrono::milliseconds (20)));
    }
    return cancel == nullptr || !cancel->load();
}
} // namespace

struct HttpClient::Attempt
{
    HttpResponse response;
    const std::atomic<bool>* cancel = nullptr;
    std::size_t maxBytes = 0;
    bool tooLarge = false;

    static size_t onBody (char* data, size_t size, size_t count, void* user)
    {
        auto& self = *static_cast<Attempt*> (user);
        const auto bytes = size * count;
        if (self.response.body.size() + bytes > self.maxBytes)
        {
            self.tooLarge = true;
            return 0;
        }
        self.response.body.append (data, bytes);
        return bytes;
    }

    static size_t onHeader (char* data, size_t size, size_t count, void* user)
    {
        auto& self = *static_cast<Attempt*> (user);
        const std::string_view line (data, size * count);

        // A new status line starts a new response (after a redirect or a 100 Continue).
        if (line.starts_with ("HTTP/"))
        {
            self.response.headers.clear();
            return size * count;
        }

        const auto colon = line.find (':');
        if (colon == std::string_view::npos || self.response.headers.size() >= 200)
            return size * count;

        auto value = line.substr (colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix (1);
        while (!value.empty() &&
               (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
            value.remove_suffix (1);

        self.response.headers.emplace_back (lower (line.substr (0, colon)), std::string (value));
        return size * count;
    }

    static int onProgress (void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
    {
        const auto& self = *static_cast<Attempt*> (user);
        return self.cancel != nullptr && self.cancel->load() ? 1 : 0;
    }
};

std::optional<std::string> HttpResponse::header (std::string_view name) const
{
    return findParameter (headers, name);
}

HttpClient::HttpClient()
    : HttpClient (Options{})
{
}

HttpClient::HttpClient (Options opts)
    : options (std::move (opts))
{
    initialiseCurlOnce();
    curl = curl_easy_init();
}

HttpClient::~HttpClient()
{
    if (curl != nullptr)
        curl_easy_cleanup (static_cast<CURL*> (curl));
}

std::optional<std::chrono::seconds> HttpClient::parseRetryAfter (std::string_view value)
{
    while (!value.empty() && value.front() == ' ')
        value.remove_prefix (1);
    while (!value.empty() && value.back() == ' ')
        value.remove_suffix (1);

    if (value.empty())
        return std::nullopt;

    long long seconds = 0;
    const auto [end, ec] = std::from_chars (value.data(), value.data() + value.size(), seconds);
    if (ec == std::errc() && end == value.data() + value.size())
        return seconds >= 0 ? std::optional (std::chrono::seconds (seconds)) : std::nullopt;

    const std::string date (value);
    const auto when = curl_getdate (date.c_str(), nullptr);
    if (when < 0)
        return std::nullopt;

    const auto now = std::chrono::system_clock::to_time_t (std::chrono::system_clock::now());
    return std::chrono::seconds (std::max<long long> (0, static_cast<long long> (when - now)));
}

Expected<HttpResponse> HttpClient::postForm (const std::string& url, const Parameters& form,
                                             std::chrono::milliseconds totalTimeout,
                                             const std::atomic<bool>* cancel)
{
    HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"Accept", "application/json"}};
    request.body = encodeParameters (form);
    request.totalTimeout = totalTimeout;
    return send (request, cancel);
}

Expected<HttpResponse> HttpClient::send (const HttpRequest& request,
                                         const std::atomic<bool>* cancel)
{
    std::lock_guard lock (mutex);

    if (curl == nullptr)
        return makeError (Error::Kind::internal, "the HTTP library could not start");

    const bool mayRetry = request.retryUnsafeMethods || isRepeatable (request.method);
    const int attempts = mayRetry ? std::max (1, request.maxAttempts) : 1;
    std::minstd_rand jitter (std::random_device{}());
    auto backoff = options.firstBackoff;

    for (int attempt = 1;; ++attempt)
    {
        bool retryable = false;
        auto result = sendOnce (request, cancel, retryable);

        if (!retryable || attempt >= attempts)
            return result;

        // Full jitter: a random wait up to the current backoff, so clients do not retry in step.
        auto delay = std::chrono::milliseconds (std::uniform_int_distribution<long long> (
            backoff.count() / 2, backoff.count()) (jitter));
        if (result && result->retryAfter)
            delay =
                std::min<std::chrono::milliseconds> (options.longestBackoff, *result->retryAfter);

        log::info ("net", request.method + " " + withoutQuery (request.url) + ": retry " +
                              std::to_string (attempt) + " in " + std::to_string (delay.count()) +
                              " ms");

        if (!waitUnlessCancelled (delay, cancel))
            return makeError (Error::Kind::cancelled, "the request was cancelled");

        backoff = std::min (options.longestBackoff, backoff * 2);
    }
}

Expected<HttpResponse> HttpClient::sendOnce (const HttpRequest& request,
                                             const std::atomic<bool>* cancel, bool& retryable)
{
    auto* handle = static_cast<CURL*> (curl);
    // libcurl 7.88's reset forgets, without freeing, the list that CURLOPT_COOKIEFILE filled. A
    // null file frees it but empties the jar too, so the cookies are read out and put back.
    curl_slist* cookies = nullptr;
    if (cookiesStarted)
    {
        curl_easy_getinfo (handle, CURLINFO_COOKIELIST, &cookies);
        curl_easy_setopt (handle, CURLOPT_COOKIEFILE, static_cast<char*> (nullptr));
    }
    curl_easy_reset (handle); // keeps the connection cache and TLS sessions
    for (auto* cookie = cookies; cookie != nullptr; cookie = cookie->next)
        curl_easy_setopt (handle, CURLOPT_COOKIELIST, cookie->data);
    curl_slist_free_all (cookies);

    Attempt attempt;
    attempt.cancel = cancel;
    attempt.maxBytes = request.maxResponseBytes;

    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers)
        headers = curl_slist_append (headers, (name + ": " + value).c_str());
    // libcurl would otherwise send "Expect: 100-continue" for larger bodies and wait for it.
    headers = curl_slist_append (headers, "Expect:");

    curl_easy_setopt (handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt (handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt (handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt (handle, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt (handle, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt (handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt (handle, CURLOPT_USERAGENT, options.userAgent.c_str());
    curl_easy_setopt (handle, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt (handle, CURLOPT_CONNECTTIMEOUT_MS,
                      static_cast<long> (request.connectTimeout.count()));
    curl_easy_setopt (handle, CURLOPT_TIMEOUT_MS, static_cast<long> (request.totalTimeout.count()));
    curl_easy_setopt (handle, CURLOPT_FOLLOWLOCATION, options.followRedirects ? 1L : 0L);
    curl_easy_setopt (handle, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt (handle, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt (handle, CURLOPT_WRITEFUNCTION, &Attempt::onBody);
    curl_easy_setopt (handle, CURLOPT_WRITEDATA, &attempt);
    curl_easy_setopt (handle, CURLOPT_HEADERFUNCTION, &Attempt::onHeader);
    curl_easy_setopt (handle, CURLOPT_HEADERDATA, &attempt);
    curl_easy_setopt (handle, CURLOPT_XFERINFOFUNCTION, &Attempt::onProgress);
    curl_easy_setopt (handle, CURLOPT_XFERINFODATA, &attempt);
    curl_easy_setopt (handle, CURLOPT_NOPROGRESS, 0L);
    if (!options.caBundle.empty())
        curl_easy_setopt (handle, CURLOPT_CAINFO, options.caBundle.c_str());
    if (options.keepCookies)
    {
        curl_easy_setopt (handle, CURLOPT_COOKIEFILE, "");
        cookiesStarted = true;
    }

    if (request.method == "GET")
        curl_easy_setopt (handle, CURLOPT_HTTPGET, 1L);
    else if (request.method == "HEAD")
        curl_easy_setopt (handle, CURLOPT_NOBODY, 1L);
    else
        curl_easy_setopt (handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());

    if (!request.body.empty() || request.method == "POST" || request.method == "PUT")
    {
        curl_easy_setopt (handle, CURLOPT_POSTFIELDSIZE_LARGE,
                          static_cast<curl_off_t> (request.body.size()));
        curl_easy_setopt (handle, CURLOPT_POSTFIELDS, request.body.c_str());
    }

    const auto started = Clock::now();
    const auto code = curl_easy_perform (handle);
    curl_slist_free_all (headers);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds> (Clock::now() - started).count();
    const auto where = request.method + " " + withoutQuery (request.url);

    if (code != CURLE_OK)
    {
        log::warning ("net", where + " failed after " + std::to_string (ms) +
                                 " ms: " + curl_easy_strerror (code));

        if (code == CURLE_ABORTED_BY_CALLBACK)
            return makeError (Error::Kind::cancelled, "the request was cancelled");
        if (attempt.tooLarge)
            return makeError (Error::Kind::io, "the answer from " + withoutQuery (request.url) +
                                                   " was larger than expected");
        if (code == CURLE_OPERATION_TIMEDOUT)
            return makeError (Error::Kind::io,
                              withoutQuery (request.url) + " did not answer within " +
                                  std::to_string (request.totalTimeout.count() / 1000) +
                                  " s; check the connection and try again");
        if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE ||
            code == CURLE_SSL_CONNECT_ERROR)
            return makeError (Error::Kind::io, "the secure connection to " +
                                                   withoutQuery (request.url) +
                                                   " could not be verified");

        retryable = isDroppedConnection (code);
        return makeError (Error::Kind::io, "could not reach " + withoutQuery (request.url) + " (" +
                                               curl_easy_strerror (code) + ")");
    }

    curl_easy_getinfo (handle, CURLINFO_RESPONSE_CODE, &attempt.response.status);
    char* effective = nullptr;
    curl_easy_getinfo (handle, CURLINFO_EFFECTIVE_URL, &effective);
    if (effective != nullptr)
        attempt.response.effectiveUrl = effective;

    if (attempt.response.status == 429 || attempt.response.status == 503)
        if (auto value = attempt.response.header ("retry-after"))
            attempt.response.retryAfter = parseRetryAfter (*value);

    log::info ("net", where + " -> " + std::to_string (attempt.response.status) + " in " +
                          std::to_string (ms) + " ms");

    retryable = attempt.response.status >= 500 && attempt.response.status != 501;
    return std::move (attempt.response);
}

} // namespace moodboard::net
