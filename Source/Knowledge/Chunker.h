#pragma once

#include "Knowledge/KnowledgeDocument.h"

#include <string>
#include <string_view>
#include <vector>

namespace moodboard::knowledge
{

/** How long chunks are and how much consecutive chunks share, in words. */
struct ChunkerSettings
{
    int targetWords = 120;
    int overlapWords = 30;
};

/** A piece of a document's body that is embedded and retrieved on its own. */
struct Chunk
{
    std::string documentId;
    std::string title;
    std::string text;
    int position = 0;  // 0 for the document's first chunk, then 1, 2, ...
    int firstWord = 0; // index of the chunk's first word among the body's words
    int wordCount = 0;
};

/** Splits `body` into chunks of at most about `targetWords` words.

    The body is cut into units first: Markdown blocks (paragraphs, list items, headings) and,
    inside them, sentences. Units are packed whole into a chunk while they fit; a unit longer than
    a chunk is cut at word boundaries. Each chunk after the first starts with the previous chunk's
    last whole sentences that fit in `overlapWords`, or, when its last sentence is longer than
    that, with its last `overlapWords` words. An empty body gives no chunks. Any thread.
*/
[[nodiscard]] std::vector<Chunk> chunkText (std::string_view body, const std::string& documentId,
                                            const std::string& title,
                                            const ChunkerSettings& settings = {});

/** chunkText over a document's body, id and title. Any thread. */
[[nodiscard]] std::vector<Chunk> chunkDocument (const KnowledgeDocument& document,
                                                const ChunkerSettings& settings = {});

} // namespace moodboard::knowledge
