#include "AudioIO/DecodedStreamReader.h"

#include "AudioIO/Mpg123Stream.h"

#include <algorithm>
#include <cstring>

namespace moodboard::audio
{
namespace
{
constexpr int blockSamples = 4096;
}

std::unique_ptr<DecodedStreamReader> DecodedStreamReader::openMpeg (const juce::File& file,
                                                                     juce::String& problem)
{
    const std::filesystem::path path (file.getFullPathName().toStdString());
    auto stream = openMpegAudio (path);
    if (! stream)
    {
        problem = juce::String::fromUTF8 (stream.error().message.c_str());
        return nullptr;
    }
    return std::unique_ptr<DecodedStreamReader> (
        new DecodedStreamReader (path, std::move (*stream)));
}

DecodedStreamReader::DecodedStreamReader (std::filesystem::path file,
                                          std::unique_ptr<AudioStream> opened)
    : juce::AudioFormatReader (nullptr, "MPEG audio"), path (std::move (file)),
      stream (std::move (opened))
{
    sampleRate = stream->getSampleRate();
    numChannels = (unsigned int) juce::jmax (1, stream->getNumChannels());
    lengthInSamples = stream->getLengthInSamples();
    bitsPerSample = 32;
    usesFloatingPointData = true;

    scratch.assign (numChannels, std::vector<float> (blockSamples));
    for (auto& channel : scratch)
        scratchPointers.push_back (channel.data());
}

int DecodedStreamReader::decode (int numSamples)
{
    const auto read = stream->read (scratchPointers.data(), juce::jmin (numSamples, blockSamples));
    // A damaged stretch ends the track here rather than playing noise.
    const int got = read ? *read : 0;
    position += got;
    return got;
}

bool DecodedStreamReader::moveTo (juce::int64 sample)
{
    if (sample < position)
    {
        auto reopened = openMpegAudio (path);
        if (! reopened)
            return false;
        stream = std::move (*reopened);
        position = 0;
    }

    while (position < sample)
        if (decode ((int) juce::jmin<juce::int64> (blockSamples, sample - position)) == 0)
            return false;
    return true;
}

bool DecodedStreamReader::readSamples (int* const* destChannels, int numDestChannels,
                                       int startOffsetInDestBuffer, juce::int64 startSampleInFile,
                                       int numSamples)
{
    auto clear = [&] (int from, int count)
    {
        for (int c = 0; c < numDestChannels; ++c)
            if (destChannels[c] != nullptr)
                std::memset (destChannels[c] + startOffsetInDestBuffer + from, 0,
                             sizeof (float) * (size_t) count);
    };

    if (startSampleInFile != position && ! moveTo (startSampleInFile))
    {
        clear (0, numSamples);
        return false;
    }

    int done = 0;
    while (done < numSamples)
    {
        const int got = decode (numSamples - done);
        if (got == 0)
            break;

        for (int c = 0; c < numDestChannels; ++c)
            if (auto* dest = reinterpret_cast<float*> (destChannels[c]))
                std::memcpy (dest + startOffsetInDestBuffer + done,
                             scratch[(size_t) juce::jmin (c, (int) numChannels - 1)].data(),
                             sizeof (float) * (size_t) got);
        done += got;
    }

    if (done < numSamples)
        clear (done, numSamples - done);
    return true;
}

} // namespace moodboard::audio
