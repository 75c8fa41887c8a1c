#include "Mood/MoodTokeniser.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

namespace moodboard::mood
{
namespace
{

[[nodiscard]] bool isAsciiLetter (char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

[[nodiscard]] bool isDigit (char c) noexcept { return c >= '0' && c <= '9'; }

[[nodiscard]] char toLower (char c) noexcept
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char> (c - 'A' + 'a') : c;
}

/** Length of the UTF-8 sequence starting with this byte, or 1 for a stray byte. */
[[nodiscard]] std::size_t sequenceLength (unsigned char lead) noexcept
{
    if (lead >= 0xf0 && lead < 0xf8)
        return 4;
    if (lead >= 0xe0)
        return 3;
    if (lead >= 0xc0)
        return 2;
    return 1;
}

[[nodiscard]] char32_t decode (std::string_view s) noexcept
{
    const auto b = [&] (std::size_t i)
    { return static_cast<char32_t> (static_cast<unsigned char> (s[i])); };

    switch (s.size())
    {
        case 2: return ((b (0) & 0x1f) << 6) | (b (1) & 0x3f);
        case 3: return ((b (0) & 0x0f) << 12) | ((b (1) & 0x3f) << 6) | (b (2) & 0x3f);
        case 4:
            return ((b (0) & 0x07) << 18) | ((b (1) & 0x3f) << 12) | ((b (2) & 0x3f) << 6)
                   | (b (3) & 0x3f);
        default: return b (0);
    }
}

[[nodiscard]] bool isApostrophe (char32_t c) noexcept
{
    return c == U'\'' || c == U'\u2019' || c == U'\u2018' || c == U'\u02bc' || c == U'\u00b4'
           || c == U'`';
}

/** Pictographs and symbols that stand alone as a token (emoji, ☀, ❤). */
[[nodiscard]] bool isPictograph (char32_t c) noexcept
{
    return c >= 0x1f000 || (c >= 0x2600 && c <= 0x27bf);
}

/** Zero-width joiners and emoji variation selectors carry no meaning here. */
[[nodiscard]] bool isIgnorable (char32_t c) noexcept
{
    return c == 0x200d || c == 0xfe0f || c == 0xfe0e;
}

struct Expansion
{
    std::string_view from;
    std::string_view to;
};

// Spellings typed without an apostrophe, and forms that do not follow the general "n't" rule.
constexpr std::array bareContractions {
    Expansion { "im", "i am" },         Expansion { "dont", "do not" },
    Expansion { "cant", "can not" },    Expansion { "cannot", "can not" },
    Expansion { "wont", "will not" },   Expansion { "didnt", "did not" },
    Expansion { "doesnt", "does not" }, Expansion { "isnt", "is not" },
    Expansion { "arent", "are not" },   Expansion { "wasnt", "was not" },
    Expansion { "werent", "were not" }, Expansion { "havent", "have not" },
    Expansion { "hasnt", "has not" },   Expansion { "shouldnt", "should not" },
    Expansion { "wouldnt", "would not" },
    Expansion { "couldnt", "could not" },
    Expansion { "aint", "is not" },     Expansion { "ive", "i have" },
    Expansion { "lets", "let us" },     Expansion { "won't", "will not" },
    Expansion { "can't", "can not" },   Expansion { "ain't", "is not" },
    Expansion { "shan't", "shall not" }, Expansion { "let's", "let us" },
    Expansion { "i'm", "i am" },
};

constexpr std::array pronounsBeforeIs { std::string_view { "it" },    std::string_view { "that" },
                                        std::string_view { "what" },  std::string_view { "there" },
                                        std::string_view { "here" },  std::string_view { "he" },
                                        std::string_view { "she" },   std::string_view { "who" },
                                        std::string_view { "where" },
                                        std::string_view { "nothing" } };

[[nodiscard]] std::string expandContraction (const std::string& w)
{
    for (const auto& e : bareContractions)
        if (w == e.from)
            return std::string (e.to);

    const auto endsWith = [&] (std::string_view suffix)
    { return w.size() > suffix.size() && std::string_view (w).ends_with (suffix); };
    const auto stem = [&] (std::size_t cut) { return w.substr (0, w.size() - cut); };

    if (endsWith ("n't"))
        return stem (3) + " not";
    if (endsWith ("'re"))
        return stem (3) + " are";
    if (endsWith ("'ve"))
        return stem (3) + " have";
    if (endsWith ("'ll"))
        return stem (3) + " will";
    if (endsWith ("'d"))
        return stem (2) + " would";
    if (endsWith ("'m"))
        return stem (2) + " am";
    if (endsWith ("'s"))
    {
        const auto base = stem (2);
        for (auto p : pronounsBeforeIs)
            if (base == p)
                return base + " is";
        return base; // a possessive: "valentine's day" reads as "valentine day"
    }

    std::string out;
    for (char c : w)
        if (c != '\'')
            out += c;
    return out;
}

/** Shortens runs of three or more equal letters to two ("sooooo" -> "soo"). */
[[nodiscard]] bool collapseStretchedLetters (std::string& w)
{
    std::string out;
    bool changed = false;
    for (std::size_t i = 0; i < w.size(); ++i)
    {
        if (i >= 2 && w[i] == w[i - 1] && w[i] == w[i - 2] && isAsciiLetter (w[i]))
        {
            changed = true;
            continue;
        }
        out += w[i];
    }
    w = std::move (out);
    return changed;
}

// Units typed straight after a number ("120bpm", "45min", "2h") are split off it.
constexpr std::array numberSuffixes { std::string_view { "bpm" },  std::string_view { "min" },
                                      std::string_view { "mins" }, std::string_view { "minutes" },
                                      std::string_view { "h" },    std::string_view { "hr" },
                                      std::string_view { "hrs" },  std::string_view { "hours" },
                                      std::string_view { "hour" }, std::string_view { "x" } };

class Builder final
{
public:
    void addWord (std::string_view raw)
    {
        if (raw.empty())
            return;

        std::string lower;
        int letters = 0, upper = 0;
        for (char c : raw)
        {
            if (isAsciiLetter (c))
            {
                ++letters;
                upper += (c >= 'A' && c <= 'Z') ? 1 : 0;
            }
            lower += toLower (c);
        }

        while (! lower.empty() && lower.front() == '\'')
            lower.erase (lower.begin());
        while (! lower.empty() && lower.back() == '\'')
            lower.pop_back();
        if (lower.empty())
            return;

        if (splitNumberWithUnit (lower, raw))
            return;

        MoodToken t;
        t.original = std::string (raw);
        t.allCaps = letters >= 2 && upper == letters;
        t.capitalised = upper > 0 && raw.front() >= 'A' && raw.front() <= 'Z';
        t.elongated = collapseStretchedLetters (lower);

        if (double value = 0.0; parseNumber (lower, value))
        {
            t.kind = MoodToken::Kind::number;
            t.number = value;
            t.text = lower;
            tokens.push_back (std::move (t));
            return;
        }

        const auto expanded = expandContraction (lower);
        std::size_t start = 0;
        while (start < expanded.size())
        {
            auto end = expanded.find (' ', start);
            if (end == std::string::npos)
                end = expanded.size();
            if (end > start)
            {
                auto part = t;
                part.text = expanded.substr (start, end - start);
                tokens.push_back (std::move (part));
            }
            start = end + 1;
        }
    }

    void addSymbol (std::string_view symbol)
    {
        MoodToken t;
        t.text = std::string (symbol);
        t.original = t.text;
        tokens.push_back (std::move (t));
    }

    void addBreak (MoodToken::Kind kind, bool exclaimed)
    {
        if (! tokens.empty() && tokens.back().isBreak())
        {
            auto& last = tokens.back();
            if (kind == MoodToken::Kind::sentenceEnd)
                last.kind = kind;
            last.exclaimed = last.exclaimed || exclaimed;
            return;
        }
        MoodToken t;
        t.kind = kind;
        t.exclaimed = exclaimed;
        t.text.assign (1, kind == MoodToken::Kind::comma ? ',' : '.');
        tokens.push_back (std::move (t));
    }

    std::vector<MoodToken> tokens;

private:
    [[nodiscard]] static bool parseNumber (const std::string& s, double& value)
    {
        if (s.empty() || ! isDigit (s.front()))
            return false;
        const auto* end = s.data() + s.size();
        auto [ptr, ec] = std::from_chars (s.data(), end, value);
        return ec == std::errc() && ptr == end;
    }

    bool splitNumberWithUnit (const std::string& lower, std::string_view raw)
    {
        std::size_t digits = 0;
        while (digits < lower.size() && (isDigit (lower[digits]) || lower[digits] == '.'))
            ++digits;
        if (digits == 0 || digits == lower.size())
            return false;

        const auto suffix = std::string_view (lower).substr (digits);
        for (auto unit : numberSuffixes)
        {
            if (suffix == unit)
            {
                addWord (raw.substr (0, digits));
                addWord (raw.substr (digits));
                return true;
            }
        }
        return false;
    }
};

} // namespace

std::vector<MoodToken> tokeniseMoodText (std::string_view text)
{
    if (text.size() > maxMoodTextBytes)
        text = text.substr (0, maxMoodTextBytes);

    Builder builder;
    std::string word;
    const auto flush = [&]
    {
        builder.addWord (word);
        word.clear();
    };

    for (std::size_t i = 0; i < text.size();)
    {
        const auto lead = static_cast<unsigned char> (text[i]);
        const auto length = std::min (sequenceLength (lead), text.size() - i);
        const auto c = decode (text.substr (i, length));
        const auto next = i + length < text.size() ? text[i + length] : '\0';
        const auto previous = i > 0 ? text[i - 1] : '\0';

        if (isApostrophe (c))
        {
            word += '\'';
        }
        else if (length == 1 && (isAsciiLetter (text[i]) || isDigit (text[i])))
        {
            word += text[i];
        }
        else if (c == U'.' && isDigit (previous) && isDigit (next) && ! word.empty())
        {
            word += '.';
        }
        else if (c == U'-' && isDigit (previous) && isDigit (next))
        {
            flush();
            builder.addWord ("to"); // "90-110 bpm" is a range
        }
        else if (isIgnorable (c))
        {
        }
        else if (c >= 0x2000 && c <= 0x206f)
        {
            flush();
            // Dashes and ellipses separate clauses; curly quotes and spaces only separate words.
            if ((c >= 0x2010 && c <= 0x2015) || c == 0x2026)
                builder.addBreak (MoodToken::Kind::comma, false);
        }
        else if (isPictograph (c))
        {
            flush();
            builder.addSymbol (text.substr (i, length));
        }
        else if (length > 1 && c >= 0xc0)
        {
            word.append (text.substr (i, length)); // accented letters stay inside the word
        }
        else
        {
            flush();
            switch (c)
            {
                case U'.': case U'?': builder.addBreak (MoodToken::Kind::sentenceEnd, false); break;
                case U'!': builder.addBreak (MoodToken::Kind::sentenceEnd, true); break;
                case U',': case U';': case U':': case U'(': case U')':
                    builder.addBreak (MoodToken::Kind::comma, false);
                    break;
                case U'&': case U'+': builder.addWord ("and"); break;
                default: break;
            }
        }
        i += length;
    }
    flush();
    return std::move (builder.tokens);
}

std::string normaliseMoodPhrase (std::string_view phrase)
{
    std::string out;
    for (const auto& t : tokeniseMoodText (phrase))
    {
        if (t.isBreak())
            continue;
        if (! out.empty())
            out += ' ';
        out += t.text;
    }
    return out;
}

} // namespace moodboard::mood
