#include "Mood/LlmTransport.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace moodboard::mood
{
namespace
{
constexpr std::size_t maxAnswerBytes = 1024 * 1024;

struct Received
{
    std::string body;
    bool tooLarge = false;
};

std::size_t onData (char* data, std::size_t size, std::size_t count, void* user)
{
    auto& received = *static_cast<Received*> (user);
    const auto bytes = size * count;
    if (received.body.size() + bytes > maxAnswerBytes)
    {
        received.tooLarge = true;
        return 0; // stops the transfer
    }
    received.body.append (data, bytes);
    return bytes;
}

/** "https://host:port/path?query" -> "host:port", for messages. */
std::string hostOf (const std::string& url)
{
    auto start = url.find ("://");
    start = start == std::string::npos ? 0 : start + 3;
    const auto end = url.find_first_of ("/?#", start);
    auto host = url.substr (start, end == std::string::npos ? std::string::npos : end - start);
    if (const auto at = host.rfind ('@'); at != std::string::npos)
        host = host.substr (at + 1); // user:password@ never reaches a message
    return host;
}

} // namespace

std::expected<LlmHttpAnswer, std::string> postJson (const std::string& url,
                                                    const std::string& apiKey,
                                                    const std::string& body,
                                                    std::chrono::milliseconds timeout)
{
    static std::once_flag initialised;
    std::call_once (initialised, [] { curl_global_init (CURL_GLOBAL_DEFAULT); });

    if (! url.starts_with ("http://") && ! url.starts_with ("https://"))
        return std::unexpected (std::string ("URL must start with http:// or https://; check "
                                             "MOODBOARD_LLM_URL"));

    const std::unique_ptr<CURL, decltype (&curl_easy_cleanup)> curl (curl_easy_init(),
                                                                     &curl_easy_cleanup);
    if (! curl)
        return std::unexpected (std::string ("could not be called (libcurl did not start)"));

    curl_slist* headers = curl_slist_append (nullptr, "Content-Type: application/json");
    if (! apiKey.empty())
        headers = curl_slist_append (headers, ("Authorization: Bearer " + apiKey).c_str());
    const std::unique_ptr<curl_slist, decltype (&curl_slist_free_all)> headerList (
        headers, &curl_slist_free_all);

    Received received;
    auto* h = curl.get();
    curl_easy_setopt (h, CURLOPT_URL, url.c_str());
    curl_easy_setopt (h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt (h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt (h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt (h, CURLOPT_HTTPHEADER, headerList.get());
    curl_easy_setopt (h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt (h, CURLOPT_POSTFIELDSIZE, static_cast<long> (body.size()));
    curl_easy_setopt (h, CURLOPT_TIMEOUT_MS, static_cast<long> (timeout.count()));
    curl_easy_setopt (h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long> (timeout.count()));
    curl_easy_setopt (h, CURLOPT_WRITEFUNCTION, &onData);
    curl_easy_setopt (h, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt (h, CURLOPT_USERAGENT, "MusicMoodboard/0.1");

    const auto result = curl_easy_perform (h);
    if (received.tooLarge)
        return std::unexpected (std::string ("sent an answer over 1 MiB"));
    if (result == CURLE_OPERATION_TIMEDOUT)
        return std::unexpected ("did not answer within "
                                + std::to_string (timeout.count() / 1000.0).substr (0, 4) + " s");
    if (result != CURLE_OK)
        return std::unexpected ("could not be reached at " + hostOf (url) + " ("
                                + curl_easy_strerror (result) + ")");

    LlmHttpAnswer answer;
    curl_easy_getinfo (h, CURLINFO_RESPONSE_CODE, &answer.status);
    answer.body = std::move (received.body);
    return answer;
}

} // namespace moodboard::mood
