#include "Knowledge/Embedder.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace moodboard::knowledge
{
namespace
{

constexpr int minGram = 3;
constexpr int maxGram = 5;

std::uint64_t hashBytes (std::string_view bytes, std::uint64_t seed)
{
    std::uint64_t hash = 1469598103934665603ull ^ (seed * 0x9E3779B97F4A7C15ull);
    for (const unsigned char c : bytes)
        hash = (hash ^ c) * 1099511628211ull;

    // A final mix so the low bits (the slot) and the top bit (the sign) are independent.
    hash ^= hash >> 33;
    hash *= 0xFF51AFD7ED558CCDull;
    hash ^= hash >> 33;
    return hash;
}

// Byte offsets of each code point of `word`, plus its end.
std::vector<std::size_t> codePointStarts (std::string_view word)
{
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (((unsigned char) word[i] & 0xC0) != 0x80)
            starts.push_back (i);
    starts.push_back (word.size());
    return starts;
}

} // namespace

HashedNgramEmbedder::HashedNgramEmbedder()
    : HashedNgramEmbedder (Settings{})
{
}

HashedNgramEmbedder::HashedNgramEmbedder (Settings s)
    : settings (s)
{
    settings.dimension = std::max (8, settings.dimension);
}

std::vector<HashedNgramEmbedder::Feature>
HashedNgramEmbedder::features (std::string_view text) const
{
    const auto words = contentWords (text);
    std::vector<Feature> result;
    result.reserve (words.size() * 12);

    for (std::size_t i = 0; i < words.size(); ++i)
    {
        const auto& word = words[i];
        result.push_back ({hashBytes (word, 1), 0});

        if (i + 1 < words.size())
            result.push_back ({hashBytes (word + ' ' + words[i + 1], 2), 1});

        const auto marked = "<" + word + ">";
        const auto starts = codePointStarts (marked);
        const auto points = (int) starts.size() - 1;

        for (int n = minGram; n <= maxGram; ++n)
            for (int from = 0; from + n <= points; ++from)
                result.push_back (
                    {hashBytes (std::string_view (marked).substr (starts[(std::size_t) from],
                                                                  starts[(std::size_t) (from + n)] -
                                                                      starts[(std::size_t) from]),
                                3),
                     2});
    }

    return result;
}

void HashedNgramEmbedder::fit (const std::vector<std::string>& corpus)
{
    documentFrequency.clear();
    documentCount = corpus.size();

    for (const auto& text : corpus)
    {
        std::unordered_set<std::uint64_t> seen;

        for (const auto& feature : features (text))
            if (seen.insert (feature.hash).second)
                ++documentFrequency[feature.hash];
    }
}

float HashedNgramEmbedder::inverseDocumentFrequency (std::uint64_t hash) const
{
    if (documentCount == 0)
        return 1.0f;

    const auto found = documentFrequency.find (hash);
    const double frequency = found == documentFrequency.end() ? 0.0 : found->second;
    return (float) (std::log ((double (documentCount) + 1.0) / (frequency + 1.0)) + 1.0);
}

Expected<std::vector<float>> HashedNgramEmbedder::embed (std::string_view text) const
{
    const auto dimension = (std::size_t) settings.dimension;
    std::unordered_map<std::uint64_t, std::pair<int, int>> counts; // hash -> (kind, count)

    for (const auto& feature : features (text))
    {
        auto& entry = counts[feature.hash];
        entry.first = feature.kind;
        ++entry.second;
    }

    // One block per kind of feature, normalised on its own before they are mixed.
    std::vector<std::vector<float>> blocks (3, std::vector<float> (dimension, 0.0f));

    for (const auto& [hash, entry] : counts)
    {
        const auto weight =
            (1.0f + std::log ((float) entry.second)) * inverseDocumentFrequency (hash);
        const auto sign = (hash >> 63) != 0 ? -1.0f : 1.0f;
        blocks[(std::size_t) entry.first][hash % dimension] += sign * weight;
    }

    const float mix[3]{settings.wordWeight, settings.pairWeight, settings.characterWeight};
    std::vector<float> vector (dimension, 0.0f);

    for (std::size_t kind = 0; kind < 3; ++kind)
    {
        double norm = 0.0;
        for (const auto value : blocks[kind])
            norm += (double) value * value;

        if (norm <= 0.0)
            continue;

        const auto scale = (float) (mix[kind] / std::sqrt (norm));
        for (std::size_t i = 0; i < dimension; ++i)
            vector[i] += blocks[kind][i] * scale;
    }

    double norm = 0.0;
    for (const auto value : vector)
        norm += (double) value * value;

    if (norm > 0.0)
        for (auto& value : vector)
            value = (float) (value / std::sqrt (norm));

    return vector;
}

} // namespace moodboard::knowledge
