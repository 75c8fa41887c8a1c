#include "Mood/MoodNumbers.h"

#include <array>
#include <string_view>
#include <utility>

namespace moodboard::mood
{
namespace
{
constexpr std::array<std::pair<std::string_view, int>, 28> numberWords { {
    { "zero", 0 },      { "one", 1 },        { "two", 2 },        { "three", 3 },
    { "four", 4 },      { "five", 5 },       { "six", 6 },        { "seven", 7 },
    { "eight", 8 },     { "nine", 9 },       { "ten", 10 },       { "eleven", 11 },
    { "twelve", 12 },   { "thirteen", 13 },  { "fourteen", 14 },  { "fifteen", 15 },
    { "sixteen", 16 },  { "seventeen", 17 }, { "eighteen", 18 },  { "nineteen", 19 },
    { "twenty", 20 },   { "thirty", 30 },    { "forty", 40 },     { "fifty", 50 },
    { "sixty", 60 },    { "seventy", 70 },   { "eighty", 80 },    { "ninety", 90 },
} };

[[nodiscard]] std::optional<int> wordValue (std::string_view w)
{
    for (const auto& [name, value] : numberWords)
        if (name == w)
            return value;
    if (w == "hundred")
        return 100;
    return std::nullopt;
}

class Reader final
{
public:
    Reader (const std::vector<MoodToken>& t, std::size_t i) : tokens (t), index (i) {}

    [[nodiscard]] bool is (std::size_t offset, std::string_view word) const
    {
        const auto i = index + offset;
        return i < tokens.size() && tokens[i].isWord() && tokens[i].text == word;
    }

    [[nodiscard]] const MoodToken* at (std::size_t offset) const
    {
        const auto i = index + offset;
        return i < tokens.size() ? &tokens[i] : nullptr;
    }

    [[nodiscard]] std::optional<NumberRead> basic (bool allowArticle) const
    {
        const auto* t = at (0);
        if (t == nullptr)
            return std::nullopt;
        if (t->kind == MoodToken::Kind::number)
            return NumberRead { t->number, 1 };
        if (! t->isWord())
            return std::nullopt;

        if (is (0, "half") && (is (1, "a") || is (1, "an")))
            return NumberRead { 0.5, 2 };
        if (is (0, "half"))
            return NumberRead { 0.5, 1 };
        if ((is (0, "a") || is (0, "an")) && is (1, "half"))
            return NumberRead { 0.5, 2 };
        if (is (0, "a") && is (1, "dozen"))
            return NumberRead { 12, 2 };
        if (is (0, "dozen"))
            return NumberRead { 12, 1 };
        if (is (0, "a") && is (1, "couple"))
            return NumberRead { 2, is (2, "of") ? 3u : 2u };
        if (is (0, "couple"))
            return NumberRead { 2, is (1, "of") ? 2u : 1u };
        if (is (0, "a") && is (1, "few"))
            return NumberRead { 4, 2 };
        if (is (0, "few") || is (0, "several"))
            return NumberRead { is (0, "few") ? 4.0 : 6.0, 1 };
        if (allowArticle && (is (0, "a") || is (0, "an")))
            return NumberRead { 1, 1 };

        if (const auto tens = wordValue (t->text))
        {
            if (*tens >= 20 && *tens < 100)
                if (const auto* n = at (1); n != nullptr && n->isWord())
                    if (const auto units = wordValue (n->text); units && *units > 0 && *units < 10)
                        return NumberRead { static_cast<double> (*tens + *units), 2 };
            return NumberRead { static_cast<double> (*tens), 1 };
        }
        return std::nullopt;
    }

private:
    const std::vector<MoodToken>& tokens;
    std::size_t index;
};

} // namespace

std::optional<NumberRead> readNumber (const std::vector<MoodToken>& tokens, std::size_t index,
                                      bool allowArticle)
{
    Reader reader (tokens, index);
    if (reader.is (0, "half") && reader.is (1, "a") && reader.is (2, "dozen"))
        return NumberRead { 6, 3 };

    auto number = reader.basic (allowArticle);
    if (! number)
        return std::nullopt;

    // "one and a half", "2 and a half"
    Reader after (tokens, index + number->length);
    if (number->value >= 1.0 && after.is (0, "and") && after.is (1, "a") && after.is (2, "half"))
        return NumberRead { number->value + 0.5, number->length + 3 };
    return number;
}

} // namespace moodboard::mood
