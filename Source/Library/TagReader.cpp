#include "Library/TagReader.h"

#include <taglib/fileref.h>
#include <taglib/tpropertymap.h>

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
    }

    if (track.title.empty())
        track.title = file.stem().string();
}

} // namespace moodboard::library
