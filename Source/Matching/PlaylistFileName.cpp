#include "Matching/PlaylistFileName.h"

namespace moodboard::matching
{
namespace
{
constexpr std::size_t maxStemBytes = 200;

std::string cutAtCharacter (std::string text, std::size_t maxBytes)
{
    if (text.size() <= maxBytes)
        return text;

    // Step back over continuation bytes (10xxxxxx) so the cut falls before a lead byte.
    auto end = maxBytes;
    while (end > 0 && (static_cast<unsigned char> (text[end]) & 0xC0) == 0x80)
        --end;
    text.resize (end);
    return text;
}

bool isSpace (char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trimmed (const std::string& text)
{
    auto first = text.begin();
    auto last = text.end();
    while (first != last && isSpace (*first))
        ++first;
    while (last != first && isSpace (*(last - 1)))
        --last;
    return { first, last };
}
} // namespace

std::string playlistFileStem (const std::string& name)
{
    auto stem = trimmed (name);
    for (auto& c : stem)
        if (c == '/' || c == '\0')
            c = '-';
    for (auto& c : stem)
    {
        if (c != '.')
            break;
        c = '_';
    }

    stem = trimmed (cutAtCharacter (std::move (stem), maxStemBytes));
    return stem.empty() ? std::string ("Playlist") : stem;
}

std::filesystem::path freePlaylistFile (const std::filesystem::path& folder,
                                        const std::string& stem, const std::string& extension)
{
    std::error_code ignored;
    auto candidate = folder / (stem + extension);
    for (int n = 2; std::filesystem::exists (std::filesystem::symlink_status (candidate, ignored))
                    && n < 10000;
         ++n)
        candidate = folder / (stem + " (" + std::to_string (n) + ")" + extension);
    return candidate;
}

std::string playlistTitle (const std::string& title, const std::filesystem::path& file)
{
    auto line = title.empty() ? file.stem().string() : title;
    for (auto& c : line)
        if (c == '\n' || c == '\r')
            c = ' ';
    return line;
}

} // namespace moodboard::matching
