#include "AudioFiles.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <cstdlib>

namespace moodboard::testing
{

bool writeAudioFile (const std::filesystem::path& file, FileFormat format, const Channels& channels,
                     double rate, const Tags& tags)
{
    if (format == FileFormat::mp3)
    {
        const auto wav = std::filesystem::path (file.string() + ".source.wav");
        if (! writeAudioFile (wav, FileFormat::wav, channels, rate))
            return false;

        const auto command = "lame --quiet -b 128 '" + wav.string() + "' '" + file.string() + "'";
        const bool encoded = std::system (command.c_str()) == 0;
        std::filesystem::remove (wav);
        return encoded;
    }

    std::unique_ptr<juce::AudioFormat> audioFormat;
    switch (format)
    {
        case FileFormat::wav: audioFormat = std::make_unique<juce::WavAudioFormat>(); break;
        case FileFormat::aiff: audioFormat = std::make_unique<juce::AiffAudioFormat>(); break;
        case FileFormat::flac: audioFormat = std::make_unique<juce::FlacAudioFormat>(); break;
        case FileFormat::oggVorbis:
            audioFormat = std::make_unique<juce::OggVorbisAudioFormat>();
            break;
        case FileFormat::mp3: return false;
    }

    juce::StringPairArray metadata;
    if (format == FileFormat::oggVorbis)
    {
        metadata.set ("id3title", tags.title);
        metadata.set ("id3artist", tags.artist);
        metadata.set ("id3album", tags.album);
        metadata.set ("id3genre", tags.genre);
    }
    else if (format == FileFormat::wav && ! tags.title.empty())
    {
        metadata.set (juce::WavAudioFormat::riffInfoTitle, tags.title);
        metadata.set (juce::WavAudioFormat::riffInfoArtist, tags.artist);
        metadata.set (juce::WavAudioFormat::riffInfoProductName, tags.album);
        metadata.set (juce::WavAudioFormat::riffInfoGenre, tags.genre);
    }

    const juce::File target (file.string());
    target.deleteFile();
    auto stream = target.createOutputStream();
    if (stream == nullptr)
        return false;

    const int numChannels = (int) channels.size();
    const int quality = format == FileFormat::oggVorbis ? 5 : 0;
    std::unique_ptr<juce::AudioFormatWriter> writer (audioFormat->createWriterFor (
        stream.get(), rate, (unsigned int) numChannels, 16, metadata, quality));

    if (writer == nullptr)
        return false;

    stream.release();
    std::vector<const float*> pointers;
    for (const auto& channel : channels)
        pointers.push_back (channel.data());

    return writer->writeFromFloatArrays (pointers.data(), numChannels,
                                         (int) channels.front().size());
}

std::filesystem::path makeScratchFolder (const std::string& name)
{
    const char* root = std::getenv ("MOODBOARD_TEST_TMP");
    auto folder = (root != nullptr ? std::filesystem::path (root)
                                   : std::filesystem::temp_directory_path() / "moodboard-tests")
                / name;
    std::filesystem::remove_all (folder);
    std::filesystem::create_directories (folder);
    return folder;
}

ScopedMoodboardHome::ScopedMoodboardHome (const std::string& name)
    : folder (makeScratchFolder (name + "-home"))
{
    if (const char* old = std::getenv ("MOODBOARD_HOME"))
    {
        previous = old;
        hadPrevious = true;
    }
    ::setenv ("MOODBOARD_HOME", folder.c_str(), 1);
}

ScopedMoodboardHome::~ScopedMoodboardHome()
{
    if (hadPrevious)
        ::setenv ("MOODBOARD_HOME", previous.c_str(), 1);
    else
        ::unsetenv ("MOODBOARD_HOME");
}

Channels makeSong (double bpm, bool calm, double level, double seconds, double rate)
{
    // Both in C major, so that mood tests compare energy rather than mode.
    auto harmony = calm ? makeSinePad (seconds, rate, 2)
                        : makeChordProgression (0, false, seconds, rate, 2);
    if (calm)
    {
        const auto chords = makeChordProgression (0, false, seconds, rate, 2);
        for (std::size_t c = 0; c < harmony.size(); ++c)
            for (std::size_t i = 0; i < harmony[c].size(); ++i)
                harmony[c][i] = 0.3f * harmony[c][i] + 0.7f * chords[c][i];
    }

    if (! calm)
    {
        const auto drums = makeDrumPattern (bpm, seconds, rate, 2, 0.9);
        for (std::size_t c = 0; c < harmony.size(); ++c)
            for (std::size_t i = 0; i < harmony[c].size(); ++i)
                harmony[c][i] = 0.5f * harmony[c][i] + 0.6f * drums[c][i];
    }

    float peak = 1.0e-9f;
    for (const auto& channel : harmony)
        for (auto s : channel)
            peak = std::max (peak, std::abs (s));

    for (auto& channel : harmony)
        for (auto& s : channel)
            s *= (float) level / peak;

    return harmony;
}

} // namespace moodboard::testing
