#pragma once

#include <chrono>
#include <expected>
#include <string>

namespace moodboard::mood
{

/** An HTTP answer: any status counts as an answer. */
struct LlmHttpAnswer
{
    long status = 0;
    std::string body;
};

/** POSTs a JSON body over libcurl (http and https only, no redirects, TLS verified) with
    "Authorization: Bearer KEY" when the key is not empty. An error, in words for the user, only
    when no answer arrived: the timeout passed, the host could not be reached or the answer was
    over 1 MiB. Errors name the host, never the key, headers or query string.
    Any non-real-time thread.
*/
[[nodiscard]] std::expected<LlmHttpAnswer, std::string> postJson (
    const std::string& url, const std::string& apiKey, const std::string& body,
    std::chrono::milliseconds timeout);

} // namespace moodboard::mood
