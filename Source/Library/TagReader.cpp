#include "Library/TagReader.h"

#include <taglib/apetag.h>
#include <taglib/fileref.h>
#include <taglib/mpegfile.h>
#include <taglib/tpropertymap.h>
#include <taglib/wavfile.h>

#include <charconv>
#include <cmath>
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
// ReplayGain values are text such as "-6.54 dB", "+1.2 dB" or "0.988525"; anything that does not
// start with a finite number is ignored rather than guessed.
std::optional<double> parseGainValue (const std::string& text)
{
    auto begin = text.data();
    const auto end = text.data() + text.size();

    while (begin != end && (*begin == ' ' || *begin == '\t'))
        ++begin;

    if (begin != end && *begin == '+')
        ++begin;

    double value = 0.0;
    const auto [next, error] = std::from_chars (begin, end, value);

    if (error != std::errc() || next == begin || ! std::isfinite (value))
        return std::nullopt;

    return value;
}

void fillReplayGain (const TagLib::PropertyMap& properties, ReplayGain& gain)
{
    auto fill = [&] (std::optional<double>& field, const char* key)
    {
        if (! field)
            field = parseGainValue (firstValue (properties, key));
    };

    fill (gain.trackGainDb, "REPLAYGAIN_TRACK_GAIN");
    fill (gain.trackPeak, "REPLAYGAIN_TRACK_PEAK");
    fill (gain.albumGainDb, "REPLAYGAIN_ALBUM_GAIN");
    fill (gain.albumPeak, "REPLAYGAIN_ALBUM_PEAK");

    // A peak is never negative; a negative one is a damaged tag.
    for (auto* peak : { &gain.trackPeak, &gain.albumPeak })
        if (*peak && **peak < 0.0)
            peak->reset();
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
    track.title.clear();
    track.artist.clear();
    track.album.clear();
    track.genre.clear();
    track.isrc.clear();
    track.year = 0;
    track.replayGain = {};

    const TagLib::FileRef ref (file.c_str(), false);

    if (! ref.isNull() && ref.tag() != nullptr)
    {
        const auto* tag = ref.tag();
        track.title = tag->title().to8Bit (true);
        track.artist = tag->artist().to8Bit (true);
        track.album = tag->album().to8Bit (true);
        track.genre = tag->genre().to8Bit (true);
        track.year = (int) tag->year();

        const auto properties = ref.file()->properties();
        track.isrc = firstValue (properties, "ISRC");
        fillReplayGain (properties, track.replayGain);

        // An MP3's properties come from its ID3v2 tag alone, but mp3gain and some players write
        // ReplayGain into an APE tag beside it.
        if (auto* mpeg = dynamic_cast<TagLib::MPEG::File*> (ref.file());
            mpeg != nullptr && mpeg->hasAPETag())
        {
            fillReplayGain (mpeg->APETag()->properties(), track.replayGain);

            if (track.year == 0)
                track.year = (int) mpeg->APETag()->year();
        }

        // For WAV, tag() is the ID3v2 chunk only; many tools write RIFF INFO instead.
        if (auto* wav = dynamic_cast<TagLib::RIFF::WAV::File*> (ref.file());
            wav != nullptr && wav->hasInfoTag())
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

            if (track.year == 0)
                track.year = (int) info->year();
        }
    }

    if (track.title.empty())
        fillFromFileName (file.stem().string(), track);
}

} // namespace moodboard::library
