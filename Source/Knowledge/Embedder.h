#pragma once

#include "Core/Error.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace moodboard::net
{
class HttpClient;
}

namespace moodboard::knowledge
{

/** Turns text into a vector for nearest-neighbour search: `dimension()` floats of unit length, so
    an inner product is a cosine similarity.

    Threads: `embed` may be called from any number of threads at once; `fit` needs the caller's
    exclusive access (no `embed` running).
*/
class Embedder
{
public:
    virtual ~Embedder() = default;

    /** How many floats `embed` returns. Any thread. */
    [[nodiscard]] virtual int dimension() const noexcept = 0;

    /** Learns what it needs from the corpus before the corpus is embedded (document frequencies,
        for instance). Embedders that learn nothing ignore it. Caller's exclusive access.
    */
    virtual void fit (const std::vector<std::string>& corpus) { (void) corpus; }

    /** The unit-length vector of `text`; a text with nothing to embed gives a zero vector.
        An error (a remote embedder that cannot be reached) says what to do. Any thread.
    */
    [[nodiscard]] virtual Expected<std::vector<float>> embed (std::string_view text) const = 0;
};

/** The words of `text` as the embedders and the lexical scorer see them: lower-cased, Latin
    accents folded (é -> e, ß -> ss), apostrophes dropped inside words, split at punctuation and
    spaces. Characters outside Latin-1 are kept whole inside words. Any thread.
*/
[[nodiscard]] std::vector<std::string> normaliseWords (std::string_view text);

/** True for short function words (English, and a few German, French and Spanish ones) that carry
    no topic. Any thread.
*/
[[nodiscard]] bool isStopWord (std::string_view word);

/** A light English suffix stripper (songs -> song, calming -> calm, relaxed -> relax) so
    inflections of a word meet. Any thread.
*/
[[nodiscard]] std::string stemWord (std::string_view word);

/** The content words of `text`: normalised, stop words removed, stemmed. Any thread. */
[[nodiscard]] std::vector<std::string> contentWords (std::string_view text);

/** A local embedder that needs no network and no model file.

    Features: stemmed content words, pairs of adjacent content words, and character 3- to 5-grams
    of each content word (with its boundaries marked, counted in code points so a multi-byte
    character is never split). Each feature is hashed to one of `dimension` slots with a hashed
    sign, so collisions cancel out on average instead of piling up. Weights are sublinear term
    frequency times inverse document frequency learnt by `fit`. The three kinds of feature are
    normalised separately and mixed with fixed weights, so a long word's many character grams
    do not drown its word; then the whole vector is normalised.

    What it cannot do: it has no notion of synonyms or of other languages beyond shared spelling
    ("Musik" meets "music" through character grams, "Einschlafen" never meets "sleep").

    Threads: see Embedder.
*/
class HashedNgramEmbedder final : public Embedder
{
public:
    struct Settings
    {
        int dimension = 1024;
        float wordWeight = 1.0f;
        float pairWeight = 0.5f;
        float characterWeight = 0.7f;
    };

    /** An embedder with no document frequencies yet (every feature weighs the same until
        `fit`). Any thread.
    */
    HashedNgramEmbedder();
    explicit HashedNgramEmbedder (Settings settings);

    [[nodiscard]] int dimension() const noexcept override { return settings.dimension; }

    /** Learns document frequencies, one document per corpus entry, replacing earlier ones.
        Caller's exclusive access.
    */
    void fit (const std::vector<std::string>& corpus) override;

    /** Never an error. Any thread. */
    [[nodiscard]] Expected<std::vector<float>> embed (std::string_view text) const override;

    /** How many documents `fit` last saw. Any thread. */
    [[nodiscard]] std::size_t fittedDocuments() const noexcept { return documentCount; }

private:
    struct Feature
    {
        std::uint64_t hash;
        int kind; // 0 word, 1 pair, 2 character gram
    };

    [[nodiscard]] std::vector<Feature> features (std::string_view text) const;
    [[nodiscard]] float inverseDocumentFrequency (std::uint64_t hash) const;

    Settings settings;
    std::unordered_map<std::uint64_t, std::uint32_t> documentFrequency;
    std::size_t documentCount = 0;
};

/** Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint: one POST per text with
    `{"model", "input"}` and the key as a bearer token; the answer's `data[0].embedding` must
    have `dimension` numbers, and is normalised to unit length.

    Errors say what to do and name the HTTP status; they never contain the key or the text. The
    text of the documents leaves the machine, so only use it with a service the documents' owners
    accept. Requests go one at a time through one HTTP client (concurrent `embed` calls wait for
    each other). Threads: any non-real-time thread, never the message thread (it blocks on the
    network).
*/
class OpenAiEmbedder final : public Embedder
{
public:
    struct Settings
    {
        std::string baseUrl; // such as http://127.0.0.1:8080/v1; "/embeddings" is appended
        std::string model;
        std::string apiKey;
        int dimension = 1536;
        std::chrono::milliseconds timeout{15000};
    };

    explicit OpenAiEmbedder (Settings settings);
    ~OpenAiEmbedder() override;

    [[nodiscard]] int dimension() const noexcept override { return settings.dimension; }

    /** One request per call; see the class notes. */
    [[nodiscard]] Expected<std::vector<float>> embed (std::string_view text) const override;

private:
    Settings settings;
    std::unique_ptr<net::HttpClient> client;
};

} // namespace moodboard::knowledge
