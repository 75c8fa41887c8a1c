// The OpenAI-compatible embeddings client.

#include "Knowledge/Embedder.h"

#include "Net/HttpClient.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace moodboard::knowledge
{
namespace
{

std::string endpointOf (std::string url)
{
    while (url.ends_with ("/"))
        url.pop_back();
    return url.ends_with ("/embeddings") ? url : url + "/embeddings";
}

} // namespace

OpenAiEmbedder::OpenAiEmbedder (Settings s)
    : settings (std::move (s))
    , client (std::make_unique<net::HttpClient>())
{
    settings.dimension = std::max (1, settings.dimension);
}

OpenAiEmbedder::~OpenAiEmbedder() = default;

Expected<std::vector<float>> OpenAiEmbedder::embed (std::string_view text) const
{
    const auto service = "The embeddings service at " + endpointOf (settings.baseUrl);

    net::HttpRequest request;
    request.method = "POST";
    request.url = endpointOf (settings.baseUrl);
    request.headers = {{"Content-Type", "application/json"},
                       {"Authorization", "Bearer " + settings.apiKey}};
    request.body = nlohmann::json{{"model", settings.model}, {"input", std::string (text)}}.dump (
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    request.totalTimeout = settings.timeout;
    request.connectTimeout = std::min (settings.timeout, std::chrono::milliseconds (5000));
    request.retryUnsafeMethods = true; // an embedding request changes nothing, so resending is safe

    const auto answer = client->send (request);

    if (!answer)
        return makeError (answer.error().kind,
                          service + " could not be reached: " + answer.error().message);

    if (answer->status == 401 || answer->status == 403)
        return makeError (Error::Kind::invalidInput, service + " refused the API key (HTTP " +
                                                         std::to_string (answer->status) +
                                                         "); set a valid key.");

    if (answer->status == 429)
        return makeError (Error::Kind::io,
                          service + " is rate limiting (HTTP 429); try again" +
                              (answer->retryAfter
                                   ? " in " + std::to_string (answer->retryAfter->count()) + " s."
                                   : " later."));

    if (!answer->isSuccess())
        return makeError (Error::Kind::io, service + " answered with HTTP " +
                                               std::to_string (answer->status) +
                                               "; check the URL and the model name.");

    std::vector<float> vector;

    try
    {
        const auto body = nlohmann::json::parse (answer->body);

        for (const auto& value : body.at ("data").at (0).at ("embedding"))
            vector.push_back (value.get<float>());
    }
    catch (const nlohmann::json::exception&)
    {
        return makeError (Error::Kind::corrupt,
                          service + " answered without data[0].embedding as a list of numbers; "
                                    "check that it is an OpenAI-compatible embeddings endpoint.");
    }

    if ((int) vector.size() != settings.dimension)
        return makeError (Error::Kind::corrupt,
                          service + " gave " + std::to_string (vector.size()) + " numbers where " +
                              std::to_string (settings.dimension) +
                              " were configured; set the model's dimension.");

    double norm = 0.0;
    for (const auto value : vector)
    {
        if (!std::isfinite (value))
            return makeError (Error::Kind::corrupt, service + " gave a vector with a value that is "
                                                              "not a number.");
        norm += (double) value * value;
    }

    if (norm > 0.0)
        for (auto& value : vector)
            value = (float) (value / std::sqrt (norm));

    return vector;
}

} // namespace moodboard::knowledge
