#include "AudioFiles.h"
#include "CliRunner.h"
#include "AudioIO/FileAudioDecoder.h"
#include "Library/Scanner.h"
#include "Library/TagReader.h"

#include <catch2/catch.hpp>

#include <taglib/apetag.h>
#include <taglib/flacfile.h>
#include <taglib/id3v2tag.h>
#include <taglib/mpegfile.h>
#include <taglib/textidentificationframe.h>
#include <taglib/vorbisfile.h>
#include <taglib/xiphcomment.h>

using namespace moodboard;
using testing::FileFormat;
namespace fs = std::filesystem;

namespace
{
fs::path writeSong (const fs::path& file, FileFormat format)
{
    REQUIRE (testing::writeAudioFile (file, format, testing::makeSong (100, false, 0.5, 2.0, 44100),
                                      44100));
    return file;
}

void addTxxx (TagLib::ID3v2::Tag& tag, const char* description, const char* value)
{
    auto* frame = new TagLib::ID3v2::UserTextIdentificationFrame (TagLib::String::UTF8);
    frame->setDescription (description);
    frame->setText (value);
    tag.addFrame (frame);   // the tag owns the frame
}

void addReplayGain (TagLib::Ogg::XiphComment& comment)
{
    comment.addField ("REPLAYGAIN_TRACK_GAIN", "-7.03 dB");
    comment.addField ("REPLAYGAIN_TRACK_PEAK", "0.977203");
    comment.addField ("REPLAYGAIN_ALBUM_GAIN", "+1.25 dB");
    comment.addField ("REPLAYGAIN_ALBUM_PEAK", "1.043");
}

library::Track tagsOf (const fs::path& file)
{
    library::Track track;
    library::readTags (file, track);
    return track;
}
} // namespace

TEST_CASE ("tags give the year and the embedded ReplayGain in every format that carries them",
           "[library]")
{
    const auto folder = testing::makeScratchFolder ("library-tags");

    SECTION ("MP3 with ID3v2 TXXX frames")
    {
        const auto file = writeSong (folder / "id3.mp3", FileFormat::mp3);
        {
            TagLib::MPEG::File mpeg (file.c_str());
            auto* tag = mpeg.ID3v2Tag (true);
            tag->setTitle ("Night Drive");
            tag->setYear (1997);
            addTxxx (*tag, "REPLAYGAIN_TRACK_GAIN", "-6.54 dB");
            addTxxx (*tag, "REPLAYGAIN_TRACK_PEAK", "0.988525");
            addTxxx (*tag, "replaygain_album_gain", "-5.10 dB");   // foobar2000 writes lower case
            addTxxx (*tag, "REPLAYGAIN_ALBUM_PEAK", "1.000000");
            REQUIRE (mpeg.save (TagLib::MPEG::File::ID3v2));
        }

        const auto track = tagsOf (file);
        CHECK (track.title == "Night Drive");
        CHECK (track.year == 1997);
        CHECK (track.replayGain.trackGainDb == Approx (-6.54));
        CHECK (track.replayGain.trackPeak == Approx (0.988525));
        CHECK (track.replayGain.albumGainDb == Approx (-5.10));
        CHECK (track.replayGain.albumPeak == Approx (1.0));
    }

    SECTION ("MP3 with ReplayGain in an APE tag, as mp3gain writes it, beside ID3v2")
    {
        const auto file = writeSong (folder / "ape.mp3", FileFormat::mp3);
        {
            TagLib::MPEG::File mpeg (file.c_str());
            mpeg.ID3v2Tag (true)->setTitle ("Glass");
            auto* ape = mpeg.APETag (true);
            ape->addValue ("REPLAYGAIN_TRACK_GAIN", "-3.10 dB");
            ape->addValue ("REPLAYGAIN_TRACK_PEAK", "0.5");
            ape->addValue ("Year", "2004");
            REQUIRE (mpeg.save (TagLib::MPEG::File::ID3v2 | TagLib::MPEG::File::APE,
                                TagLib::File::StripNone));
        }

        const auto track = tagsOf (file);
        CHECK (track.title == "Glass");
        CHECK (track.year == 2004);
        CHECK (track.replayGain.trackGainDb == Approx (-3.10));
        CHECK (track.replayGain.trackPeak == Approx (0.5));
        CHECK_FALSE (track.replayGain.albumGainDb);
        CHECK_FALSE (track.replayGain.albumPeak);
    }

    SECTION ("FLAC Vorbis comments")
    {
        const auto file = writeSong (folder / "song.flac", FileFormat::flac);
        {
            TagLib::FLAC::File flac (file.c_str());
            auto* comment = flac.xiphComment (true);
            comment->addField ("DATE", "2011-04-02");
            addReplayGain (*comment);
            REQUIRE (flac.save());
        }

        const auto track = tagsOf (file);
        CHECK (track.year == 2011);
        CHECK (track.replayGain.trackGainDb == Approx (-7.03));
        CHECK (track.replayGain.trackPeak == Approx (0.977203));
        CHECK (track.replayGain.albumGainDb == Approx (1.25));
        CHECK (track.replayGain.albumPeak == Approx (1.043));
    }

    SECTION ("Ogg Vorbis comments")
    {
        const auto file = writeSong (folder / "song.ogg", FileFormat::oggVorbis);
        {
            TagLib::Ogg::Vorbis::File ogg (file.c_str());
            ogg.tag()->addField ("DATE", "1988");
            addReplayGain (*ogg.tag());
            REQUIRE (ogg.save());
        }

        const auto track = tagsOf (file);
        CHECK (track.year == 1988);
        CHECK (track.replayGain.trackGainDb == Approx (-7.03));
        CHECK (track.replayGain.albumPeak == Approx (1.043));
    }

    SECTION ("damaged values are left out, not guessed")
    {
        const auto file = writeSong (folder / "bad.ogg", FileFormat::oggVorbis);
        {
            TagLib::Ogg::Vorbis::File ogg (file.c_str());
            ogg.tag()->addField ("REPLAYGAIN_TRACK_GAIN", "loud");
            ogg.tag()->addField ("REPLAYGAIN_TRACK_PEAK", "-0.5");
            ogg.tag()->addField ("REPLAYGAIN_ALBUM_GAIN", "nan dB");
            ogg.tag()->addField ("REPLAYGAIN_ALBUM_PEAK", " 0.25");
            REQUIRE (ogg.save());
        }

        const auto track = tagsOf (file);
        CHECK_FALSE (track.replayGain.trackGainDb);
        CHECK_FALSE (track.replayGain.trackPeak);
        CHECK_FALSE (track.replayGain.albumGainDb);
        CHECK (track.replayGain.albumPeak == Approx (0.25));
        CHECK (track.year == 0);
    }

    SECTION ("a file without tags has none, and reading again clears what was there")
    {
        const auto file = writeSong (folder / "plain.wav", FileFormat::wav);
        library::Track track;
        track.year = 1970;
        track.replayGain.trackGainDb = 3.0;
        track.isrc = "GBAYE0601498";
        library::readTags (file, track);
        CHECK (track.year == 0);
        CHECK (track.replayGain.isEmpty());
        CHECK (track.isrc.empty());
        CHECK (track.title == "plain");
    }
}

TEST_CASE ("year and ReplayGain are stored by a scan and printed by analyze --json",
           "[library][e2e]")
{
    const testing::ScopedMoodboardHome home ("library-tags-cli");
    const auto music = home.getFolder() / "music";
    fs::create_directories (music);
    const auto file = writeSong (music / "tagged.flac", FileFormat::flac);
    {
        TagLib::FLAC::File flac (file.c_str());
        auto* comment = flac.xiphComment (true);
        comment->addField ("TITLE", "Harbour");
        comment->addField ("ISRC", "GBAYE0601498");
        comment->addField ("DATE", "2019");
        addReplayGain (*comment);
        REQUIRE (flac.save());
    }

    {
        auto catalog = library::Catalog::open (home.getFolder() / "catalog.sqlite");
        REQUIRE (catalog);
        audio::FileAudioDecoder decoder;
        library::Scanner scanner (**catalog, decoder);
        const std::atomic<bool> cancel { false };
        REQUIRE (scanner.scan ({ music }, {}, cancel, 1).analysed == 1);
    }

    auto reopened = library::Catalog::open (home.getFolder() / "catalog.sqlite");
    REQUIRE (reopened);
    const auto stored = (*reopened)->findByPath (file.string());
    REQUIRE (stored);
    CHECK (stored->title == "Harbour");
    CHECK (stored->isrc == "GBAYE0601498");
    CHECK (stored->year == 2019);
    CHECK (stored->replayGain.trackGainDb == Approx (-7.03));
    CHECK (stored->replayGain.trackPeak == Approx (0.977203));
    CHECK (stored->replayGain.albumGainDb == Approx (1.25));
    CHECK (stored->replayGain.albumPeak == Approx (1.043));

    const auto run = testing::runCli (home.getFolder(), { "analyze", file.string(), "--json" });
    REQUIRE (run.exitCode == 0);
    const auto json = nlohmann::json::parse (run.output);
    CHECK (json["title"] == "Harbour");
    CHECK (json["isrc"] == "GBAYE0601498");
    CHECK (json["year"] == 2019);
    CHECK (json["replaygain"]["track_gain_db"].get<double>() == Approx (-7.03));
    CHECK (json["replaygain"]["track_peak"].get<double>() == Approx (0.977203));
    CHECK (json["replaygain"]["album_gain_db"].get<double>() == Approx (1.25));
    CHECK (json["replaygain"]["album_peak"].get<double>() == Approx (1.043));

    const auto plain = writeSong (music / "plain.wav", FileFormat::wav);
    const auto untagged = nlohmann::json::parse (
        testing::runCli (home.getFolder(), { "analyze", plain.string(), "--json" }).output);
    CHECK (untagged["year"].is_null());
    CHECK (untagged["replaygain"]["track_gain_db"].is_null());
    CHECK (untagged["replaygain"]["album_peak"].is_null());
}
