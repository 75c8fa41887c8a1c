#include "Knowledge/KnowledgeBase.h"

#include <algorithm>
#include <assert.h>
#include <atomic>
#include <cassert>
#include <cmath>
#include <deque>
#include <fstream>
#include <iostream>
#include <list>
#include <mutex>
#include <queue>
#include <random>
#include <set>
#include <stdexcept>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unordered_map>
#include <unordered_set>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#include <x86intrin.h>
#endif

// hnswlib 0.6.2 defines global variables and functions in its headers, so a second file that
// includes it (the track index is the first) breaks the link. Its own includes are all taken
// above, so here it is compiled into an unnamed namespace, with internal linkage.
namespace
{
#include <hnswlib/hnswlib.h>
} // namespace

namespace moodboard::knowledge
{
namespace
{

constexpr std::size_t levelSeed = 100;

struct StoredChunk
{
    Chunk chunk;
    std::vector<std::string> terms; // sorted, unique content words of the title and the text
};

struct Candidate
{
    std::size_t chunk;
    float similarity;
};

std::vector<std::string> sortedTerms (std::string_view text)
{
    auto terms = contentWords (text);
    std::sort (terms.begin(), terms.end());
    terms.erase (std::unique (terms.begin(), terms.end()), terms.end());
    return terms;
}

std::string embeddingText (const Chunk& chunk)
{
    return chunk.title + "\n" + chunk.text;
}

} // namespace

struct KnowledgeBase::Index
{
    explicit Index (int size)
        : dimension ((std::size_t) size)
        , space ((std::size_t) size)
    {
    }

    std::size_t dimension;
    hnswlib::InnerProductSpace space;
    std::unique_ptr<hnswlib::HierarchicalNSW<float>> hnsw;
    std::vector<StoredChunk> chunks;
    std::vector<float> vectors; // one row of `dimension` floats per chunk, for exact scoring
    std::set<std::string, std::less<>> documentIds;
};

KnowledgeBase::KnowledgeBase (std::shared_ptr<Embedder> e, const AccessControl& a, Settings s)
    : embedder (std::move (e))
    , access (a)
    , settings (s)
    , index (std::make_unique<Index> (embedder->dimension()))
{
}

KnowledgeBase::~KnowledgeBase() = default;

Expected<std::unique_ptr<KnowledgeBase>>
KnowledgeBase::build (std::vector<KnowledgeDocument> documents, std::shared_ptr<Embedder> embedder,
                      const AccessControl& access)
{
    return build (std::move (documents), std::move (embedder), access, Settings{});
}

Expected<std::unique_ptr<KnowledgeBase>>
KnowledgeBase::build (std::vector<KnowledgeDocument> documents, std::shared_ptr<Embedder> embedder,
                      const AccessControl& access, Settings settings)
{
    if (embedder == nullptr || embedder->dimension() <= 0)
        return makeError (Error::Kind::invalidInput, "The knowledge base needs an embedder.");

    std::unique_ptr<KnowledgeBase> base (
        new KnowledgeBase (std::move (embedder), access, settings));
    std::vector<Chunk> chunks;

    for (const auto& document : documents)
    {
        if (!base->index->documentIds.insert (document.id).second)
            return makeError (Error::Kind::invalidInput, "Two knowledge documents share the id '" +
                                                             document.id +
                                                             "'; give each its own id.");

        auto pieces = chunkDocument (document, settings.chunking);
        std::move (pieces.begin(), pieces.end(), std::back_inserter (chunks));
    }

    std::vector<std::string> corpus;
    corpus.reserve (chunks.size());
    for (const auto& chunk : chunks)
        corpus.push_back (embeddingText (chunk));

    base->embedder->fit (corpus);

    try
    {
        base->index->hnsw = std::make_unique<hnswlib::HierarchicalNSW<float>> (
            &base->index->space, std::max<std::size_t> (16, chunks.size()),
            (std::size_t) settings.linksPerNode, (std::size_t) settings.constructionBeam,
            levelSeed);
        base->index->hnsw->setEf ((std::size_t) settings.searchBeam);
    }
    catch (const std::exception& e)
    {
        return makeError (Error::Kind::internal, std::string ("The knowledge index could not be "
                                                              "created: ") +
                                                     e.what());
    }

    if (auto indexed = base->indexChunks (std::move (chunks)); !indexed)
        return std::unexpected (indexed.error());

    return base;
}

Expected<void> KnowledgeBase::indexChunks (std::vector<Chunk> chunks)
{
    auto& target = *index;
    std::vector<float> vectors;
    vectors.reserve (chunks.size() * target.dimension);

    // Embed everything first, so a failure leaves the index as it was.
    for (const auto& chunk : chunks)
    {
        auto vector = embedder->embed (embeddingText (chunk));

        if (!vector)
            return makeError (vector.error().kind,
                              "The knowledge document '" + chunk.documentId +
                                  "' could not be embedded: " + vector.error().message);

        if (vector->size() != target.dimension)
            return makeError (Error::Kind::internal, "The embedder gave a vector of the wrong size "
                                                     "for the knowledge document '" +
                                                         chunk.documentId + "'.");

        vectors.insert (vectors.end(), vector->begin(), vector->end());
    }

    try
    {
        const auto needed = target.chunks.size() + chunks.size();

        if (needed > target.hnsw->max_elements_)
            target.hnsw->resizeIndex (std::max (needed, target.hnsw->max_elements_ * 2));

        for (std::size_t i = 0; i < chunks.size(); ++i)
            target.hnsw->addPoint (vectors.data() + i * target.dimension,
                                   (hnswlib::labeltype) (target.chunks.size() + i));
    }
    catch (const std::exception& e)
    {
        return makeError (Error::Kind::internal, std::string ("The knowledge index could not take "
                                                              "more chunks: ") +
                                                     e.what());
    }

    target.vectors.insert (target.vectors.end(), vectors.begin(), vectors.end());

    for (auto& chunk : chunks)
    {
        auto terms = sortedTerms (embeddingText (chunk));
        target.chunks.push_back ({std::move (chunk), std::move (terms)});
    }

    return {};
}

Expected<RetrievalResult> KnowledgeBase::retrieve (const std::string& user,
                                                   std::string_view question, int k) const
{
    if (k <= 0)
        return RetrievalResult{};

    const auto query = embedder->embed (question);

    if (!query)
        return std::unexpected (query.error());

    if (std::all_of (query->begin(), query->end(), [] (float v) { return v == 0.0f; }))
        return RetrievalResult{}; // nothing in the question to search for

    const auto questionTerms = sortedTerms (question);
    std::shared_lock guard (lock);
    const auto& source = *index;
    const auto total = source.chunks.size();

    if (total == 0 || query->size() != source.dimension)
        return RetrievalResult{};

    std::unordered_map<std::string, bool>
        readable; // decided in this call only, so revocation is immediate
    std::vector<std::pair<float, std::size_t>> ranked;
    auto pool = std::min<std::size_t> (
        total, (std::size_t) k * (std::size_t) std::max (1, settings.candidateFactor));

    for (;;)
    {
        const bool exhaustive = pool * 2 >= total;
        std::vector<Candidate> candidates;

        if (exhaustive)
        {
            candidates.reserve (total);
            for (std::size_t c = 0; c < total; ++c)
            {
                const auto* row = source.vectors.data() + c * source.dimension;
                float dot = 0.0f;
                for (std::size_t i = 0; i < source.dimension; ++i)
                    dot += row[i] * (*query)[i];
                candidates.push_back ({c, dot});
            }
        }
        else
        {
            auto found = source.hnsw->searchKnn (query->data(), pool);
            for (; !found.empty(); found.pop())
                candidates.push_back ({(std::size_t) found.top().second, 1.0f - found.top().first});
        }

        // Ask once for every document not decided yet; a failed batch denies them all.
        std::vector<CheckRequest> requests;
        std::set<std::string> asked;

        for (const auto& candidate : candidates)
        {
            const auto& id = source.chunks[candidate.chunk].chunk.documentId;
            if (!readable.contains (id) && asked.insert (id).second)
                requests.push_back ({user, "can_read", "document:" + id});
        }

        if (!requests.empty())
        {
            const auto answers = access.batchCheck (requests);
            const bool answered = answers.has_value() && answers->size() == requests.size();

            for (std::size_t r = 0; r < requests.size(); ++r)
                readable[requests[r].object.substr (9)] = answered && (*answers)[r].allowed;
        }

        ranked.clear();

        for (const auto& candidate : candidates)
        {
            const auto& stored = source.chunks[candidate.chunk];

            if (!readable[stored.chunk.documentId])
                continue;

            std::size_t shared = 0;
            for (const auto& term : questionTerms)
                shared +=
                    std::binary_search (stored.terms.begin(), stored.terms.end(), term) ? 1 : 0;

            const auto lexical =
                questionTerms.empty() ? 0.0f : float (shared) / float (questionTerms.size());
            ranked.emplace_back (candidate.similarity + settings.lexicalWeight * lexical,
                                 candidate.chunk);
        }

        std::sort (ranked.begin(), ranked.end(),
                   [] (const auto& a, const auto& b)
                   { return a.first != b.first ? a.first > b.first : a.second < b.second; });

        std::unordered_map<std::string, int> perDocument;
        std::erase_if (ranked,
                       [&] (const auto& entry)
                       {
                           return ++perDocument[source.chunks[entry.second].chunk.documentId] >
                                  std::max (1, settings.maxChunksPerDocument);
                       });

        if (ranked.size() >= (std::size_t) k || exhaustive)
            break;

        pool = std::min (total, pool * 4);
    }

    RetrievalResult result;
    std::set<std::string> cited;

    for (std::size_t i = 0; i < ranked.size() && i < (std::size_t) k; ++i)
    {
        const auto& chunk = source.chunks[ranked[i].second].chunk;
        result.chunks.push_back (
            {chunk.documentId, chunk.title, chunk.text, chunk.position, ranked[i].first});

        if (cited.insert (chunk.documentId).second)
            result.sources.push_back ({chunk.documentId, chunk.title});
    }

    return result;
}

std::vector<RelationshipTuple> KnowledgeBase::tuplesFor (const KnowledgeDocument& document)
{
    std::vector<RelationshipTuple> tuples{
        {"folder:" + document.folder, "parent", document.object()},
        {document.owner, "owner", document.object()}};

    for (const auto& viewer : document.viewers)
        tuples.push_back ({viewer, "viewer", document.object()});

    return tuples;
}

Expected<void> KnowledgeBase::addDocument (KnowledgeDocument document, RelationshipTuples& tuples)
{
    std::unique_lock guard (lock);

    if (index->documentIds.contains (document.id))
        return makeError (Error::Kind::invalidInput,
                          "A knowledge document with the id '" + document.id +
                              "' is already indexed; choose another id.");

    std::vector<RelationshipTuple> written;
    const auto undo = [&]
    {
        for (const auto& tuple : written)
            (void) tuples.remove (tuple);
    };

    for (const auto& tuple : tuplesFor (document))
    {
        if (tuples.contains (tuple))
            continue;

        if (auto added = tuples.write (tuple); !added)
        {
            undo();
            return makeError (Error::Kind::invalidInput,
                              "The knowledge document '" + document.id +
                                  "' cannot be shared that way: " + added.error().message);
        }

        written.push_back (tuple);
    }

    if (auto indexed = indexChunks (chunkDocument (document, settings.chunking)); !indexed)
    {
        undo();
        return indexed;
    }

    index->documentIds.insert (document.id);
    return {};
}

std::size_t KnowledgeBase::chunkCount() const
{
    std::shared_lock guard (lock);
    return index->chunks.size();
}

std::size_t KnowledgeBase::documentCount() const
{
    std::shared_lock guard (lock);
    return index->documentIds.size();
}

} // namespace moodboard::knowledge
