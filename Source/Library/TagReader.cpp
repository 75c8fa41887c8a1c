#include "Library/TagReader.h"

#include <taglib/fileref.h>
#include <taglib/tpropertymap.h>
#include <taglib/wavfile.h>

#include <regex>

namespace moodboard::library
{
namespace
{
std::string firstValue (const TagLib::PropertyMap& properties, const char* key)
{
    const auto it = properties.find (key);
    return it != properties.end() && ! it->second.isEmpty() ? it->second.front().to8Bit (true)
                                                            : std::string();
}
// Untagged files are often named "01 - Artist - Title" or "Artist - Title".
void fillFromFileName (const std::string& stem, Track& track)
{
    static const std::regex numbered (R"(^\s*\d{1,3}\s*[-.]\s*(.+?)\s+-\s+(.+?)\s*$)");
    static const std::regex plain (R"(^\s*([^-]+?)\s+-\s+(.+?)\s*$)");
    std::smatch match;

    if (track.artist.empty()
        && (std::regex_match (stem, match, numbered) || std::regex_match (stem, match, plain)))
    {
        track.artist = match[1].str();
        track.title = match[2].str();
        return;
    }

    track.title = stem;
}
} // namespace

void readTags (const std::filesystem::path& file, Track& track)
{
    const TagLib::FileRef ref (file.c_str(), false);

    if (! ref.isNull() && ref.tag() != nullptr)
    {
        const auto* tag = ref.tag();
        track.title = tag->title().to8Bit (true);
        track.artist = tag->artist().to8Bit (true);
        track.album = tag->album().to8Bit (true);
        track.genre = tag->genre().to8Bit (true);
        track.isrc = firstValue (ref.file()->properties(), "ISRC");

        // For WAV, tag() is the ID3v2 chunk only; many tools write RIFF INFO instead.
        if (auto* wav = dynamic_cast<TagLib::RIFF::WAV::File*> (ref.file()); wav != nullptr && wav->hasInfoTag())
        {
            const auto* info = wav->InfoTag();
            auto fill = [] (std::string& field, const TagLib::String& value)
            {
                if (field.empty())
                    field = value.to8Bit (true);
            };
            fill (track.title, info->title());
            fill (track.artist, info->artist());
            fill (track.album, info->album());
            fill (track.genre, info->genre());
            fill (track.genre, info->fieldText ("GENR"));   // what JUCE-based tools write
        }
    }

    if (track.title.empty())
        fillFromFileName (file.stem().string(), track);
}

} // namespace moodboard::library
