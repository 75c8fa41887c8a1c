#pragma once

#include "Core/Error.h"
#include "Knowledge/AccessControl.h"
#include "Knowledge/Chunker.h"
#include "Knowledge/Embedder.h"
#include "Knowledge/KnowledgeDocument.h"
#include "Knowledge/RelationshipTuples.h"

#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::knowledge
{

/** One chunk handed to the caller: its text, where it comes from and how well it matched. */
struct RetrievedChunk
{
    std::string documentId;
    std::string title;
    std::string text;
    int position = 0;
    float score = 0.0f; // cosine similarity plus the lexical bonus
};

/** A document cited as a source of an answer. */
struct CitedSource
{
    std::string documentId;
    std::string title;
};

/** What a question retrieves: the best chunks the user may read, best first, and the documents
    they come from, in order of first appearance. Nothing else is ever in it.
*/
struct RetrievalResult
{
    std::vector<RetrievedChunk> chunks;
    std::vector<CitedSource> sources;
};

/** The chunks of the knowledge documents in an hnswlib index (inner product on unit vectors),
    searched on behalf of a user and filtered by who may read what.

    Filtering: every candidate's document is checked with AccessControl (`can_read` on
    `document:<id>`, one batchCheck per round of candidates) before any of its text is put in a
    result; a failed check or a failed batch denies. The search starts with a pool of
    `candidateFactor * k` candidates and grows it until k readable chunks are found; when the pool
    would cover half the index, it scores every chunk exactly instead. The readable candidates are
    re-ranked with a small bonus for the question's words that appear in the chunk or its title,
    and at most `maxChunksPerDocument` chunks of one document are returned.

    Document text is data: nothing in a chunk is interpreted, so instructions written inside a
    document cannot change what is retrieved or who may read it.

    Threads: `retrieve` may be called from any number of threads at once. `addDocument` takes an
    exclusive lock, so it never overlaps with a retrieval through this object; it writes the
    document's tuples while holding it. Anyone else who writes to the tuples that the
    AccessControl reads must keep retrievals out while doing so (see RelationshipTuples). The
    embedder and the AccessControl must outlive the knowledge base.
*/
class KnowledgeBase final
{
public:
    struct Settings
    {
        ChunkerSettings chunking;
        int candidateFactor = 8;
        int maxChunksPerDocument = 1;
        float lexicalWeight = 0.15f;
        int linksPerNode = 16;
        int constructionBeam = 100;
        int searchBeam = 64;
    };

    /** Chunks the documents, fits the embedder on the chunks, embeds them and builds the index.
        An error names the document that could not be indexed. Any thread.
    */
    [[nodiscard]] static Expected<std::unique_ptr<KnowledgeBase>>
    build (std::vector<KnowledgeDocument> documents, std::shared_ptr<Embedder> embedder,
           const AccessControl& access, Settings settings);

    /** As above with the default settings. Any thread. */
    [[nodiscard]] static Expected<std::unique_ptr<KnowledgeBase>>
    build (std::vector<KnowledgeDocument> documents, std::shared_ptr<Embedder> embedder,
           const AccessControl& access);

    ~KnowledgeBase();

    /** Up to `k` chunks that best answer `question` from documents `user` (an OpenFGA user such
        as `user:dave`) may read, with their sources. A user who may read nothing, or an access
        check that fails, gets an empty result; an error only means the question could not be
        embedded. Any thread.
    */
    [[nodiscard]] Expected<RetrievalResult> retrieve (const std::string& user,
                                                      std::string_view question, int k) const;

    /** Adds a user's own document: writes its tuples (parent folder, owner, a direct viewer tuple
        per entry of `viewers`) to `tuples`, then indexes its chunks with the embedder as fitted
        at build time. A document id already indexed, or a tuple the model refuses, is an error
        and leaves the index and the tuples as they were. Exclusive: waits for retrievals.
    */
    [[nodiscard]] Expected<void> addDocument (KnowledgeDocument document,
                                              RelationshipTuples& tuples);

    /** The tuples a document's front matter stands for. Any thread. */
    [[nodiscard]] static std::vector<RelationshipTuple>
    tuplesFor (const KnowledgeDocument& document);

    /** How many chunks and documents are indexed. Any thread. */
    [[nodiscard]] std::size_t chunkCount() const;
    [[nodiscard]] std::size_t documentCount() const;

private:
    struct Index;

    KnowledgeBase (std::shared_ptr<Embedder>, const AccessControl&, Settings);
    [[nodiscard]] Expected<void> indexChunks (std::vector<Chunk> chunks);

    std::shared_ptr<Embedder> embedder;
    const AccessControl& access;
    Settings settings;
    std::unique_ptr<Index> index;
    mutable std::shared_mutex lock;
};

} // namespace moodboard::knowledge
