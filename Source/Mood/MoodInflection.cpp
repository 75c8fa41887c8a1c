#include "Mood/MoodLexicon.h"

namespace moodboard::mood
{
namespace
{
[[nodiscard]] bool isVowel (char c) noexcept
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/** Adds the stem, and the stem with a doubled final consonant undone ("runn" -> "run") or with
    a silent e restored ("relax" stays, "danc" -> "dance").
*/
void addStem (std::vector<std::string>& out, std::string stem)
{
    // Stems shorter than three letters match too much ("bed" is not "b" + "ed").
    if (stem.size() < 3)
        return;

    out.push_back (stem);
    const auto n = stem.size();
    if (n >= 4 && stem[n - 1] == stem[n - 2] && ! isVowel (stem[n - 1]))
        out.push_back (stem.substr (0, n - 1));
    out.push_back (stem + 'e');
}

} // namespace

std::vector<std::string> inflectionCandidates (std::string_view word)
{
    std::vector<std::string> out;
    const std::string w (word);
    const auto endsWith = [&] (std::string_view suffix)
    { return w.size() > suffix.size() + 1 && std::string_view (w).ends_with (suffix); };
    const auto cut = [&] (std::size_t n) { return w.substr (0, w.size() - n); };

    if (endsWith ("iness"))
        out.push_back (cut (5) + 'y');
    if (endsWith ("ness"))
        addStem (out, cut (4));
    if (endsWith ("ies") || endsWith ("ied") || endsWith ("ier"))
        out.push_back (cut (3) + 'y');
    if (endsWith ("iest"))
        out.push_back (cut (4) + 'y');
    if (endsWith ("ily"))
        out.push_back (cut (3) + 'y');
    if (endsWith ("ing"))
        addStem (out, cut (3));
    if (endsWith ("in"))
        out.push_back (w + 'g');
    if (endsWith ("est"))
        addStem (out, cut (3));
    if (endsWith ("ed"))
    {
        addStem (out, cut (2));
        out.push_back (cut (1));
    }
    if (endsWith ("er"))
        addStem (out, cut (2));
    if (endsWith ("ly"))
        addStem (out, cut (2));
    if (endsWith ("es"))
        out.push_back (cut (2));
    if (endsWith ("s") && ! endsWith ("ss"))
        out.push_back (cut (1));

    // Stretched letters were cut to two by the tokeniser; try one as well ("happyy", "soo").
    std::string single;
    for (char c : w)
        if (single.empty() || single.back() != c || c == 'e' || c == 'o' || c == 'l')
            single += c;
    if (single != w)
        out.push_back (single);
    std::string squeezed;
    for (char c : w)
        if (squeezed.empty() || squeezed.back() != c)
            squeezed += c;
    if (squeezed != w && squeezed != single)
        out.push_back (squeezed);
    // Only the last letter stretched: "happyy" is "happy", not "hapy".
    if (w.size() >= 3 && w[w.size() - 1] == w[w.size() - 2])
        out.push_back (w.substr (0, w.size() - 1));

    return out;
}

} // namespace moodboard::mood
