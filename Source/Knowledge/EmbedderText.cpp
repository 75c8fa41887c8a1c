// The text normalisation shared by the embedders and the lexical scorer.

#include "Knowledge/Embedder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

namespace moodboard::knowledge
{
namespace
{

// U+00C0 to U+00FF folded to ASCII; a space marks the two signs (multiplication, division).
constexpr std::array<const char*, 64> latinFolds{
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y"};

std::size_t sequenceLength (unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead & 0xE0) == 0xC0)
        return 2;
    if ((lead & 0xF0) == 0xE0)
        return 3;
    if ((lead & 0xF8) == 0xF0)
        return 4;
    return 1; // a stray continuation byte: treated on its own, as a separator
}

std::uint32_t decode (std::string_view bytes)
{
    const auto lead = (unsigned char) bytes[0];

    if (bytes.size() == 1)
        return lead < 0x80 ? lead : 0xFFFD;

    std::uint32_t code = lead & (0x7F >> bytes.size());

    for (std::size_t i = 1; i < bytes.size(); ++i)
    {
        if (((unsigned char) bytes[i] & 0xC0) != 0x80)
            return 0xFFFD;
        code = (code << 6) | ((unsigned char) bytes[i] & 0x3F);
    }

    return code;
}

} // namespace

std::vector<std::string> normaliseWords (std::string_view text)
{
    std::vector<std::string> words;
    std::string word;

    const auto finishWord = [&]
    {
        if (!word.empty())
            words.push_back (std::move (word));
        word.clear();
    };

    for (std::size_t i = 0; i < text.size();)
    {
        const auto length = std::min (sequenceLength ((unsigned char) text[i]), text.size() - i);
        const auto bytes = text.substr (i, length);
        const auto code = decode (bytes);
        i += length;

        if (code < 0x80)
        {
            if (std::isalnum ((int) code))
                word.push_back ((char) std::tolower ((int) code));
            else if (code != '\'')
                finishWord();
        }
        else if (code == 0x2019 || code == 0x00AD)
            continue; // a typographic apostrophe or a soft hyphen joins like '
        else if (code >= 0xC0 && code <= 0xFF)
        {
            const auto* fold = latinFolds[code - 0xC0];

            if (*fold == ' ')
                finishWord();
            else
                word.append (fold);
        }
        else if (code == 0x152 || code == 0x153)
            word.append ("oe");
        else if (code < 0xC0 || (code >= 0x2000 && code <= 0x206F) || code == 0xFFFD)
            finishWord(); // Latin-1 signs, general punctuation, broken bytes
        else
            word.append (bytes);
    }

    finishWord();
    return words;
}

bool isStopWord (std::string_view word)
{
    static const std::unordered_set<std::string_view> stopWords{
        "a",     "an",    "and",   "are",   "as",   "at",    "be",   "but",   "by",     "can",
        "do",    "does",  "for",   "from",  "how",  "i",     "if",   "in",    "is",     "it",
        "its",   "me",    "my",    "of",    "on",   "or",    "so",   "that",  "the",    "their",
        "them",  "there", "these", "they",  "this", "to",    "was",  "we",    "what",   "whats",
        "when",  "which", "who",   "why",   "will", "with",  "you",  "your",  "im",     "should",
        "some",  "than",  "then",  "too",   "very", "would", "into", "about", "just",   "has",
        "have",  "had",   "our",   "us",    "not",  "no",    "any",  "all",   "more",   "most",
        "get",   "der",   "die",   "das",   "und",  "beim",  "zum",  "sich",  "welche", "ist",
        "ein",   "eine",  "le",    "la",    "les",  "un",    "une",  "des",   "pour",   "quand",
        "on",    "est",   "se",    "entre", "el",   "los",   "las",  "que",   "para",   "cuando",
        "estoy", "y",     "de",    "en",    "del",  "quelle"};
    return stopWords.contains (word);
}

std::string stemWord (std::string_view input)
{
    std::string word (input);
    const auto endsWith = [&] (std::string_view suffix) { return word.ends_with (suffix); };
    const auto isVowel = [] (char c)
    { return std::string_view ("aeiouy").find (c) != std::string_view::npos; };
    const auto undouble = [&]
    {
        const auto n = word.size();
        if (n > 3 && word[n - 1] == word[n - 2] && !isVowel (word[n - 1]) && word[n - 1] != 'l' &&
            word[n - 1] != 's')
            word.pop_back();
    };

    if (std::any_of (word.begin(), word.end(),
                     [] (char c) { return std::isdigit ((unsigned char) c); }))
        return word;

    if (word.size() > 4 && endsWith ("ies"))
        word.replace (word.size() - 3, 3, "y");
    else if (word.size() > 3 && endsWith ("s") && !endsWith ("ss") && !endsWith ("us") &&
             !endsWith ("is"))
        word.pop_back();

    if (word.size() > 5 && endsWith ("ing"))
    {
        word.resize (word.size() - 3);
        undouble();
    }
    else if (word.size() > 4 && endsWith ("ed"))
    {
        word.resize (word.size() - 2);
        undouble();
    }
    else if (word.size() > 5 && endsWith ("ly"))
        word.resize (word.size() - 2);

    if (word.size() > 4 && endsWith ("e"))
        word.pop_back();

    return word;
}

std::vector<std::string> contentWords (std::string_view text)
{
    std::vector<std::string> words;

    for (auto& word : normaliseWords (text))
        if (!isStopWord (word))
            words.push_back (stemWord (word));

    return words;
}

} // namespace moodboard::knowledge
