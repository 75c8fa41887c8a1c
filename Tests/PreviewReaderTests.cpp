// The MP3 reader behind the app's track preview: JUCE's transport reads it at any position, so
// reads forwards, backwards and past the end must give exactly the samples a straight decode
// gives. Encoded with the `lame` command, like the other MP3 tests.
#include "AudioFiles.h"
#include "AudioIO/DecodedStreamReader.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>

using namespace moodboard;

namespace
{
constexpr double rate = 44100.0;

// Three seconds of two different sines, so a wrong position or channel shows.
testing::Channels twoSines()
{
    testing::Channels channels (2, std::vector<float> ((std::size_t) (3.0 * rate)));
    const auto step = 2.0 * 3.14159265358979 / rate;
    for (std::size_t i = 0; i < channels[0].size(); ++i)
    {
        channels[0][i] = 0.4f * (float) std::sin (step * 440.0 * (double) i);
        channels[1][i] = 0.3f * (float) std::sin (step * 97.0 * (double) i);
    }
    return channels;
}

juce::AudioBuffer<float> readAt (juce::AudioFormatReader& reader, juce::int64 start, int count)
{
    juce::AudioBuffer<float> buffer (2, count);
    buffer.clear();
    REQUIRE (reader.read (&buffer, 0, count, start, true, true));
    return buffer;
}
} // namespace

TEST_CASE ("the preview's MP3 reader gives the same samples at any position", "[formats][mp3]")
{
    const auto folder = testing::makeScratchFolder ("preview-mp3");
    const auto wav = folder / "sines.wav";
    const auto mp3 = folder / "sines.mp3";
    REQUIRE (testing::writeAudioFile (wav, testing::FileFormat::wav, twoSines(), rate));
    const auto command = "lame --quiet -b 128 '" + wav.string() + "' '" + mp3.string() + "'";
    REQUIRE (std::system (command.c_str()) == 0);

    juce::String problem;
    const juce::File file (mp3.string());
    auto straight = audio::DecodedStreamReader::openMpeg (file, problem);
    REQUIRE (straight != nullptr);
    CHECK (straight->sampleRate == rate);
    CHECK (straight->numChannels == 2);
    const auto length = (int) straight->lengthInSamples;
    CHECK (std::abs (length - (int) (3.0 * rate)) < 1152);
    const auto whole = readAt (*straight, 0, length);

    // The left channel is the louder sine: channels are not swapped or mixed.
    CHECK (whole.getRMSLevel (0, 0, length) > whole.getRMSLevel (1, 0, length) * 1.1f);

    auto reader = audio::DecodedStreamReader::openMpeg (file, problem);
    REQUIRE (reader != nullptr);
    // Forwards with a gap, backwards (the file is opened again), then the same place twice.
    for (const auto start : { 30000, 100000, 4410, 4410, 0, 90000 })
    {
        const auto count = 5000;
        const auto part = readAt (*reader, start, count);
        for (int channel = 0; channel < 2; ++channel)
            for (int i = 0; i < count; i += 97)
                REQUIRE (part.getSample (channel, i) == whole.getSample (channel, start + i));
    }

    // Past the end: the rest is silence, not noise or an error.
    const auto tail = readAt (*reader, length - 100, 1000);
    CHECK (tail.getSample (0, 50) == whole.getSample (0, length - 50));
    CHECK (tail.getMagnitude (100, 900) == 0.0f);
}

TEST_CASE ("the preview's MP3 reader refuses a file that is not MPEG audio", "[formats][mp3]")
{
    const auto folder = testing::makeScratchFolder ("preview-not-mp3");
    const auto text = folder / "notes.mp3";
    std::ofstream (text) << "these are words, not frames of audio\n";

    juce::String problem;
    CHECK (audio::DecodedStreamReader::openMpeg (juce::File (text.string()), problem) == nullptr);
    CHECK (problem.contains ("notes.mp3"));
}
