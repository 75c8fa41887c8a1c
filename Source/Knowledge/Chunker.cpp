#include "Knowledge/Chunker.h"

#include <algorithm>
#include <cctype>

namespace moodboard::knowledge
{
namespace
{

struct Unit
{
    std::vector<std::string> words;
    bool startsBlock = false;
};

std::vector<std::string> splitWords (std::string_view text)
{
    std::vector<std::string> words;
    std::size_t i = 0;

    while (i < text.size())
    {
        while (i < text.size() && std::isspace ((unsigned char) text[i]))
            ++i;

        const auto start = i;

        while (i < text.size() && !std::isspace ((unsigned char) text[i]))
            ++i;

        if (i > start)
            words.emplace_back (text.substr (start, i - start));
    }

    return words;
}

bool startsNewBlock (std::string_view line)
{
    const auto text = line.substr (std::min (line.size(), line.find_first_not_of (" \t")));

    if (text.starts_with ("- ") || text.starts_with ("* ") || text.starts_with ("#") ||
        text.starts_with ("> ") || text.starts_with ("|"))
        return true;

    const auto digits = text.find_first_not_of ("0123456789");
    return digits != std::string_view::npos && digits > 0 &&
           text.substr (digits).starts_with (". ");
}

// A sentence ends at '.', '!' or '?' (maybe followed by a closing quote or bracket) when the next
// word does not start with a lower-case letter, so "e.g. the" and "1.5 dB" stay whole.
bool endsSentence (const std::string& word, const std::string* next)
{
    auto end = word.find_last_not_of ("\"')]*");

    if (end == std::string::npos || (word[end] != '.' && word[end] != '!' && word[end] != '?'))
        return false;

    return next == nullptr || !std::islower ((unsigned char) next->front());
}

std::vector<Unit> splitUnits (std::string_view body, int maxWords)
{
    std::vector<std::vector<std::string>> blocks;
    bool afterBlank = true;
    std::size_t start = 0;

    while (start < body.size())
    {
        auto end = body.find ('\n', start);
        end = end == std::string_view::npos ? body.size() : end;
        const auto line = body.substr (start, end - start);
        start = end + 1;
        auto words = splitWords (line);

        if (words.empty())
        {
            afterBlank = true;
            continue;
        }

        if (afterBlank || startsNewBlock (line) || blocks.empty())
            blocks.emplace_back();

        blocks.back().insert (blocks.back().end(), words.begin(), words.end());
        afterBlank = false;
    }

    std::vector<Unit> units;

    for (const auto& block : blocks)
    {
        bool first = true;
        Unit unit;

        for (std::size_t i = 0; i < block.size(); ++i)
        {
            unit.words.push_back (block[i]);
            const auto* next = i + 1 < block.size() ? &block[i + 1] : nullptr;

            // "4." opening a numbered item is not a sentence of its own.
            const bool listNumber =
                unit.words.size() == 1 && block[i].size() > 1 && block[i].back() == '.' &&
                block[i].find_first_not_of ("0123456789") == block[i].size() - 1;

            if ((endsSentence (block[i], next) && !listNumber) || next == nullptr ||
                (int) unit.words.size() >= maxWords)
            {
                unit.startsBlock = first;
                first = false;
                units.push_back (std::move (unit));
                unit = {};
            }
        }
    }

    return units;
}

std::string joinWords (const std::vector<std::string>& words, std::size_t from = 0)
{
    std::string text;

    for (auto i = from; i < words.size(); ++i)
        text.append (text.empty() ? "" : " ").append (words[i]);

    return text;
}

} // namespace

std::vector<Chunk> chunkText (std::string_view body, const std::string& documentId,
                              const std::string& title, const ChunkerSettings& settings)
{
    const int target = std::max (1, settings.targetWords);
    const int overlap = std::clamp (settings.overlapWords, 0, target - 1);
    const auto units = splitUnits (body, target);

    std::vector<int> firstWordOf (units.size() + 1, 0);
    for (std::size_t u = 0; u < units.size(); ++u)
        firstWordOf[u + 1] = firstWordOf[u] + (int) units[u].words.size();

    std::vector<Chunk> chunks;
    std::vector<std::string>
        carried; // words repeated from the previous chunk when no sentence fits
    std::size_t next = 0;

    while (next < units.size())
    {
        Chunk chunk{documentId,
                    title,
                    joinWords (carried),
                    (int) chunks.size(),
                    firstWordOf[next] - (int) carried.size(),
                    (int) carried.size()};
        const auto first = next;

        while (next < units.size() &&
               (next == first || chunk.wordCount + (int) units[next].words.size() <= target))
        {
            const auto& unit = units[next++];
            const char* separator = chunk.text.empty() ? "" : (unit.startsBlock ? "\n" : " ");
            chunk.text.append (separator).append (joinWords (unit.words));
            chunk.wordCount += (int) unit.words.size();
        }

        chunks.push_back (std::move (chunk));
        carried.clear();

        if (next >= units.size() || overlap == 0)
            continue;

        // Step back over whole sentences that fit in the overlap, keeping at least one new unit.
        auto resume = next;
        int shared = 0;

        while (resume - 1 > first && shared + (int) units[resume - 1].words.size() <= overlap)
            shared += (int) units[--resume].words.size();

        if (resume == next)
        {
            const auto& last = units[next - 1].words;
            carried.assign (last.end() -
                                std::min<std::ptrdiff_t> (overlap, (std::ptrdiff_t) last.size()),
                            last.end());
        }

        next = resume;
    }

    return chunks;
}

std::vector<Chunk> chunkDocument (const KnowledgeDocument& document,
                                  const ChunkerSettings& settings)
{
    return chunkText (document.body, document.id, document.title, settings);
}

} // namespace moodboard::knowledge
