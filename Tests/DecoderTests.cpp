#include "AudioFiles.h"
#include "AudioIO/FileAudioDecoder.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

using namespace moodboard;
using testing::FileFormat;

namespace
{
// Reads a whole stream into planar channels.
testing::Channels readAll (audio::AudioStream& stream)
{
    testing::Channels out ((std::size_t) stream.getNumChannels());
    std::vector<std::vector<float>> block (out.size(), std::vector<float> (4096));
    std::vector<float*> pointers;
    for (auto& b : block)
        pointers.push_back (b.data());

    for (;;)
    {
        auto n = stream.read (pointers.data(), 4096);
        REQUIRE (n);
        if (*n == 0)
            break;
        for (std::size_t c = 0; c < out.size(); ++c)
            out[c].insert (out[c].end(), block[c].begin(), block[c].begin() + *n);
    }
    return out;
}

double rms (const std::vector<float>& x, std::size_t from, std::size_t to)
{
    double sum = 0.0;
    for (auto i = from; i < to; ++i)
        sum += (double) x[i] * x[i];
    return std::sqrt (sum / (double) (to - from));
}
} // namespace

TEST_CASE ("every supported format written to disk is read back with its content", "[formats]")
{
    const auto folder = testing::makeScratchFolder ("formats");
    const double rate = 44100.0;
    // A 440 Hz sine at 0.5 peak, stereo, 3 seconds: its RMS is 0.354 whatever the codec.
    const auto source = testing::makeSine (440.0, 0.5, 3.0, rate, 2);
    audio::FileAudioDecoder decoder;

    const std::vector<std::pair<FileFormat, const char*>> formats {
        { FileFormat::wav, "tone.wav" },   { FileFormat::aiff, "tone.aiff" },
        { FileFormat::flac, "tone.flac" }, { FileFormat::oggVorbis, "tone.ogg" },
        { FileFormat::mp3, "tone.mp3" },
    };

    for (const auto& [format, name] : formats)
    {
        DYNAMIC_SECTION (name)
        {
            const auto file = folder / name;
            REQUIRE (testing::writeAudioFile (file, format, source, rate));

            auto stream = decoder.open (file);
            REQUIRE (stream);
            CHECK ((*stream)->getSampleRate() == rate);
            CHECK ((*stream)->getNumChannels() == 2);

            const auto decoded = readAll (**stream);
            // MP3 adds encoder delay and padding of a few frames; the rest keep the length.
            const auto expected = (double) source[0].size();
            CHECK ((double) decoded[0].size()
                   == Approx (expected).epsilon (format == FileFormat::mp3 ? 0.02 : 0.0));
            const auto middle = decoded[0].size() / 2;
            // Lossy codecs low-pass and shape the signal; a few per cent of level is theirs.
            const double tolerance =
                format == FileFormat::mp3 || format == FileFormat::oggVorbis ? 0.08 : 0.01;
            CHECK (rms (decoded[0], middle - 22050, middle + 22050)
                   == Approx (0.3536).epsilon (tolerance));
            CHECK (rms (decoded[1], middle - 22050, middle + 22050)
                   == Approx (0.3536).epsilon (tolerance));
        }
    }
}

TEST_CASE ("bad files are refused with a message that names the file", "[formats]")
{
    const auto folder = testing::makeScratchFolder ("bad-files");
    audio::FileAudioDecoder decoder;

    SECTION ("zero length")
    {
        const auto file = folder / "empty.wav";
        std::ofstream (file).close();
        auto stream = decoder.open (file);
        REQUIRE (! stream);
        CHECK_THAT (stream.error().message,
                    Catch::Contains (file.string()) && Catch::Contains ("empty"));
    }

    SECTION ("text named .mp3")
    {
        const auto file = folder / "notes.mp3";
        std::ofstream (file) << "These are my shopping notes, not music.\n"
                             << std::string (4000, 'a');
        auto stream = decoder.open (file);
        REQUIRE (! stream);
        CHECK (stream.error().kind == Error::Kind::unsupported);
        CHECK_THAT (stream.error().message, Catch::Contains (file.string()));
    }

    SECTION ("truncated WAV whose header promises more than the file holds")
    {
        const auto file = folder / "cut.wav";
        REQUIRE (testing::writeAudioFile (file, FileFormat::wav,
                                          testing::makeSine (440, 0.5, 4.0, 44100), 44100));
        std::filesystem::resize_file (file, std::filesystem::file_size (file) / 2);
        auto stream = decoder.open (file);
        REQUIRE (! stream);
        CHECK (stream.error().kind == Error::Kind::corrupt);
        CHECK_THAT (stream.error().message,
                    Catch::Contains (file.string()) && Catch::Contains ("truncated"));
    }

    SECTION ("WAV header lying about its data size")
    {
        const auto file = folder / "liar.wav";
        REQUIRE (testing::writeAudioFile (file, FileFormat::wav,
                                          testing::makeSine (440, 0.5, 1.0, 44100), 44100));
        {
            // The data chunk's size field follows its "data" tag.
            std::ifstream in (file, std::ios::binary);
            const std::string bytes ((std::istreambuf_iterator<char> (in)), {});
            const auto tag = bytes.find ("data");
            REQUIRE (tag != std::string::npos);
            std::fstream patch (file, std::ios::in | std::ios::out | std::ios::binary);
            patch.seekp ((std::streamoff) tag + 4);
            const char huge[4] = { (char) 0xF0, (char) 0xFF, (char) 0xFF, (char) 0x7F };
            patch.write (huge, 4);
        }
        auto stream = decoder.open (file);
        REQUIRE (! stream);
        CHECK_THAT (stream.error().message, Catch::Contains (file.string()));
    }

    SECTION ("missing file")
    {
        auto stream = decoder.open (folder / "nowhere.flac");
        REQUIRE (! stream);
        CHECK (stream.error().kind == Error::Kind::notFound);
    }

    SECTION ("truncated Ogg Vorbis decodes what is there")
    {
        const auto file = folder / "cut.ogg";
        const auto song = testing::makeSong (120, false, 0.8, 6.0, 44100);
        REQUIRE (testing::writeAudioFile (file, FileFormat::oggVorbis, song, 44100));
        std::filesystem::resize_file (file, std::filesystem::file_size (file) / 2);
        auto stream = decoder.open (file);
        REQUIRE (stream);
        const auto decoded = readAll (**stream);
        CHECK (decoded[0].size() < 6 * 44100);
        CHECK (decoded[0].size() > 44100);
    }
}
